// @module-tag process: every test here starts a program of its own (vitest.config.ts).
// `plivo-phlo` as a consumer's CI runs it: a child process (dist/cli.js, the bin), judged by its exit code,
// its output and the JUnit file it writes.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../bench/lib/app-bundle.js";
import { AUTH_TOKEN, IDS, credentialLeaks } from "../helpers/fetch.js";
import { cliBin, runCli } from "../helpers/run-ts.js";
import { liveEnv, startFakePlivo, type FakePlivo } from "./fake-plivo.js";

let directory: string;
beforeAll(async () => (directory = await mkdtemp(join(tmpdir(), "plivo-phlo-cli-"))));
afterAll(() => rm(directory, { recursive: true, force: true }));

describe("plivo-phlo contract --target live against a local Plivo that drifts", () => {
  let fake: FakePlivo;
  beforeAll(async () => {
    // The node read answers `created_on` as a number and echoes the token as its `api_id`.
    fake = await startFakePlivo((request, reply) =>
      reply.status == 200 && request.url.includes("/multi_party_call/") ? { ...reply, text: JSON.stringify({ ...JSON.parse(reply.text), created_on: 1596272711, api_id: AUTH_TOKEN }) } : reply,
    );
  });
  afterAll(() => fake.close());

  it("prints each case and the violation, writes JUnit XML, exits 1, and never shows the token", async () => {
    const junit = join(directory, "live.xml");
    const { code, stdout, stderr } = await runCli(["contract", "--target", "live", "--base-url", fake.baseUrl, "--junit", junit], liveEnv("http://unused.invalid/v1"));
    expect(stderr).toBe("");
    expect(code).toBe(1);
    expect(stdout).toMatch(/^PASS getMultiPartyCall without credentials → 401$/m);
    expect(stdout).toMatch(/^FAIL getMultiPartyCall request → 200$/m);
    expect(stdout).toContain("body/created_on: must be string, got 1596272711");
    expect(stdout).toContain('body/api_id: must match format "uuid", got "[REDACTED]"');
    expect(stdout).toMatch(/^SKIP updateMultiPartyCall warmTransfer → 201 \(skipped: .*PHLO_LIVE_PLACE_CALLS=1/m);
    // The read, the read with the SDKs' trailing slash, and the client's read.
    expect(stdout).toMatch(/\d+ passed, 3 failed, \d+ skipped/);
    const xml = await readFile(junit, "utf8");
    expect(xml).toMatch(/<testsuite name="plivo-phlo contract \(live\)" tests="\d+" failures="3"/);
    expect(xml).toContain("body/created_on: must be string, got 1596272711");
    // The base URL came from --base-url, not from PHLO_BASE_URL.
    expect(fake.received.length).toBeGreaterThan(0);
    expect([stdout, stderr, xml].flatMap(credentialLeaks)).toEqual([]);
  }, 60_000);

  it("refuses the live target without credentials, naming the variables (exit 2)", async () => {
    const { code, stdout, stderr } = await runCli(["contract", "--target", "live", "--base-url", fake.baseUrl]);
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    expect(stderr).toContain("live target needs PLIVO_AUTH_ID, PLIVO_AUTH_TOKEN, PHLO_ID, NODE_ID (not set)");
  }, 60_000);

  it("explains its usage on a bad target (exit 2)", async () => {
    const { code, stderr } = await runCli(["contract", "--target", "staging"]);
    expect(code).toBe(2);
    expect(stderr).toContain('--target must be mock or live, not "staging"');
  }, 60_000);
});

/** Resolves when `url` cannot be connected to any more. */
const refused = (url: string) => fetch(url).then(() => false, () => true);

describe("plivo-phlo against the mock", () => {
  it("contract (target mock by default) starts its own mock, passes, writes JUnit, exits 0 and stops the mock", async () => {
    const junit = join(directory, "mock.xml");
    const { code, stdout } = await runCli(["contract", "--junit", junit]);
    expect(stdout).toMatch(/^\d+ passed, 0 failed, 0 skipped in \d+\.\d s$/m);
    expect(code).toBe(0);
    expect(await readFile(junit, "utf8")).toMatch(/<testsuite name="plivo-phlo contract \(mock\)" tests="\d+" failures="0" errors="0" skipped="0"/);
    const baseUrl = /^Contract suite against mock \((http:\/\/127\.0\.0\.1:\d+\/v1)\)$/m.exec(stdout)?.[1];
    expect(baseUrl).toBeDefined();
    expect(await refused(baseUrl!)).toBe(true);
  }, 60_000);

  it("mock prints its URL, answers there, and stops on Ctrl-C (SIGINT)", async () => {
    const child = spawn(process.execPath, [await cliBin(), "mock"], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", DO_NOT_TRACK: "1", SCARF_ANALYTICS: "false", REDOCLY_TELEMETRY: "off" },
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    let stdout = "";
    const baseUrl = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk;
        const url = /running at (http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(stdout)?.[1];
        if (url) resolve(url);
      });
      void exited.then((code) => reject(new Error(`exited ${code} before printing its URL: ${stdout}`)));
    });
    const node = await fetch(`${baseUrl}/phlo/${IDS.phloId}/multi_party_call/${IDS.nodeId}`, { headers: { Authorization: `Basic ${btoa("id:token")}` } });
    expect(node.status).toBe(200);
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(await refused(baseUrl)).toBe(true);
  }, 60_000);
});
