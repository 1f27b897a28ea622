// @module-tag process: every test here starts a program of its own (vitest.config.ts).
// `npm start` (scripts/start.ts), the README's "run it" command: the docs and the mock served from
// this machine, both URLs and a working curl printed, both stopped cleanly by Ctrl-C.
import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { bundle, examplePath, firstExample, operationById } from "../../src/contract/spec.js";
import { killScripts, refused, runScript, sh } from "../helpers/script-process.js";

afterEach(killScripts);

const warmTransfer = operationById("updateMultiPartyCall");

/** The banner is one write: once the mock's ready line is out, the docs URL and the curls are too. */
const READY = /^Mock ready: /m;

function printedUrls(stdout: string) {
  const docs = /^API docs: (http:\/\/127\.0\.0\.1:(\d+)\/)$/m.exec(stdout);
  const mock = /^Mock ready: .*?(http:\/\/127\.0\.0\.1:(\d+)\/v1)/m.exec(stdout);
  expect(docs, `no docs URL in:\n${stdout}`).not.toBeNull();
  expect(mock, `no mock URL in:\n${stdout}`).not.toBeNull();
  return { docsUrl: docs![1]!, docsPort: Number(docs![2]), mockUrl: mock![1]!, mockPort: Number(mock![2]) };
}


describe("npm start", () => {
  it("serves the docs page and its script, prints a curl the mock answers with 201, and stops both on SIGINT", async () => {
    const run = runScript("scripts/start.ts", READY, ["--port", "0", "--docs-port", "0"]);
    const stdout = await run.ready;
    const { docsUrl, docsPort, mockPort } = printedUrls(stdout);

    const page = await fetch(docsUrl);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`<title>${(bundle.info as { title: string }).title}</title>`);
    // Every script the page loads comes from this server: the docs work with no network.
    const scripts = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((match) => match[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      const script = await fetch(new URL(src, docsUrl));
      expect(script.status, src).toBe(200);
      expect(script.headers.get("content-type"), src).toMatch(/javascript/);
      await script.body?.cancel();
    }

    const curl = /^\s*(curl (?:(?!Prefer).)*)$/m.exec(stdout)?.[1];
    expect(curl, `no curl line in:\n${stdout}`).toBeDefined();
    const [head, body] = (await sh(curl!)).split(/\r?\n\r?\n/);
    expect(head).toMatch(/^HTTP\/1\.1 201 /);
    expect(JSON.parse(body!)).toEqual(firstExample(warmTransfer.responses.get(201)!.content));

    run.child.kill("SIGINT");
    expect(await run.exit(20_000)).toBe(0);
    expect(run.stdout()).toContain("Stopped the mock and the docs server.");
    expect(await refused(mockPort)).toBe(true);
    expect(await refused(docsPort)).toBe(true);
  }, 60_000);

  it("without --port, moves to a free port when the default 4010 is taken, and says where", async () => {
    // Taken by this test, or already by something else: either way 4010 is not free for npm start.
    const taken = createServer();
    const holding = await new Promise<boolean>((resolve) => {
      taken.once("error", () => resolve(false));
      taken.listen(4010, "127.0.0.1", () => resolve(true));
    });
    try {
      const run = runScript("scripts/start.ts", READY, ["--docs-port", "0"]);
      const { mockUrl, mockPort } = printedUrls(await run.ready);
      expect(mockPort).not.toBe(4010);
      const answer = await fetch(`${mockUrl}${examplePath(operationById("getMultiPartyCall"))}`, {
        headers: { authorization: `Basic ${btoa("id:token")}` },
      });
      expect(answer.status).toBe(200);
      run.child.kill("SIGTERM");
      expect(await run.exit(30_000)).toBe(0);
    } finally {
      if (holding) await new Promise((resolve) => taken.close(resolve));
    }
  }, 60_000);

  it("refuses a port that is not a number, with exit code 2 and the option named", async () => {
    const run = runScript("scripts/start.ts", READY, ["--docs-port", "docs"]);
    expect(await run.exit(30_000)).toBe(2);
    expect(run.stderr()).toContain("--docs-port must be a number from 0 to 65535, not docs");
  }, 60_000);
});
