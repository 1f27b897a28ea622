// The README's shell and JSON blocks marked `<!-- runs: test/readme/commands.test.ts -->`, run as
// quoted from the project root: the `Prefer` curl (and the named example its comment offers), the
// in-repo contract and mock commands, and the contract's JSON body.
import { rm } from "node:fs/promises";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { firstExample, operationById } from "../../src/contract/spec.js";
import { startMock, type RunningMock } from "../../src/mock/index.js";
import { liveEnv, startFakePlivo, type FakePlivo } from "../contract/fake-plivo.js";
import { specExample } from "../helpers/fetch.js";
import { blocksRunBy } from "../helpers/readme.js";
import { killScripts, runProcess, sh } from "../helpers/script-process.js";
import { projectRoot } from "../helpers/spec.js";

afterEach(killScripts);

const blocks = blocksRunBy(import.meta.url);
const curlBlock = blocks.find((block) => block.language == "sh" && block.text.startsWith("curl"))!;
const commandBlock = blocks.find((block) => block.language == "sh" && block.text.startsWith("npm run"))!;
const jsonBlock = blocks.find((block) => block.language == "json")!;

it("finds the blocks it is named for", () => {
  expect([curlBlock, commandBlock, jsonBlock].every(Boolean)).toBe(true);
  expect(blocks).toHaveLength(3);
});

describe("the Prefer curl, against the mock at the URL it names (or, when 4010 is taken, the same mock elsewhere)", () => {
  let mock: RunningMock;
  let command: string;
  beforeAll(async () => {
    // The README's URLs name the default 4010; when another test holds it, the same mock runs elsewhere.
    mock = await startMock({ port: 4010 }).catch(() => startMock({ port: 0 }));
    // The block is one command over several lines, then a comment.
    command = curlBlock.text.split("\n").filter((line) => !line.startsWith("#")).join("\n").replaceAll("http://127.0.0.1:4010", new URL(mock.baseUrl).origin);
  });
  afterAll(() => mock.stop());

  it("gets the documented 429", { tags: ["process"] }, async () => {
    expect(await sh(command)).toMatch(/^HTTP\/1\.1 429 /);
  });

  it("with the comment's Prefer header, gets the named example of that status", { tags: ["process"] }, async () => {
    const prefer = /-H '(Prefer: [^']+)'/.exec(curlBlock.text.split("\n").find((line) => line.startsWith("#"))!)![1]!;
    const [head, body] = (await sh(command.replace("Prefer: code=429", prefer))).split(/\r?\n\r?\n/);
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    const key = /example=(\w+)/.exec(prefer)![1]!;
    const examples = operationById("updateMultiPartyCall").responses.get(400)!.content!.examples!;
    expect(Object.keys(examples)).toContain(key);
    expect(JSON.parse(body!)).toEqual(examples[key]);
  });

  it("the JSON body of 'The contract in brief' starts a warm transfer on the mock (201)", async () => {
    const body = JSON.parse(jsonBlock.text) as unknown;
    expect(body).toEqual(specExample("WarmTransferRequest"));
    const read = operationById("updateMultiPartyCall");
    const response = await fetch(`${mock.baseUrl}/phlo/4c1d8a9e-7b3f-4e2a-9d6c-0f1e2d3c4b5a/multi_party_call/36989807-a76f-4555-84d1-9dfdccca7a80`, {
      method: "POST",
      headers: { Authorization: `Basic ${btoa("id:token")}`, "Content-Type": "application/json" },
      body: jsonBlock.text,
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual(firstExample(read.responses.get(201)!.content));
  });
});

describe("the in-repo contract and mock commands, each line as quoted", { tags: ["process"] }, () => {
  const lines = () => commandBlock.text.split("\n").map((line) => line.replace(/\s+#.*$/, ""));
  let fake: FakePlivo;
  beforeAll(async () => (fake = await startFakePlivo()));
  afterAll(async () => {
    await fake.close();
    await Promise.all(["contract-mock.xml", "contract-live.xml"].map((file) => rm(new URL(file, projectRoot), { force: true })));
  });

  const shell = (line: string, env: Record<string, string>) =>
    runProcess("sh", ["-c", line], /^Mock ready: /m, env);

  it("npm run contract -- --target mock …: exit 0", async () => {
    const line = lines().find((text) => text.includes("--target mock"))!;
    expect(await shell(line, {}).exit(120_000)).toBe(0);
  }, 150_000);

  it("npm run contract -- --target live …, with the variables set (a local Plivo that keeps the contract): exit 0", async () => {
    const line = lines().find((text) => text.includes("--target live"))!;
    const run = shell(line, liveEnv(fake.baseUrl));
    expect(await run.exit(120_000), run.stdout() + run.stderr()).toBe(0);
  }, 150_000);

  it("npm run mock -- --port 4010: the mock on 4010, or one line saying 4010 is taken (exit 2)", async () => {
    const line = lines().find((text) => text.startsWith("npm run mock"))!;
    // Whether 4010 is free can change between a check and the mock's start (another test file may be
    // holding it): the mock's own outcome decides which promise the test holds it to.
    const run = shell(line, {});
    const outcome = await Promise.race([run.ready.then(() => "ready" as const, () => "exited" as const), run.exit(60_000)]);
    if (outcome == "ready") {
      expect(run.stdout()).toMatch(/running at http:\/\/127\.0\.0\.1:4010\/v1/);
      process.kill(-run.child.pid!, "SIGTERM");
      expect(await run.exit(30_000)).not.toBe("timeout");
    } else {
      expect(await run.exit(60_000)).toBe(2);
      expect(run.stderr()).toContain("port 4010 (--port) is taken");
    }
  }, 120_000);
});
