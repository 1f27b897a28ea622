// @module-tag process: every test here starts a program of its own (vitest.config.ts).
// The README's usage example is a program: it runs (with tsx) against the mock (the
// success path) and against a local server that refuses it (the error path), and with the command
// line the README gives for it. A README that drifts from the client fails here.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../bench/lib/app-bundle.js";
import { startMock } from "../../src/mock/index.js";
import { AUTH_ID, AUTH_TOKEN, credentialLeaks, specExample } from "../helpers/fetch.js";
import { startLocalServer } from "../helpers/local-server.js";
import { blocksRunBy } from "../helpers/readme.js";
import { runPackageScript, runProgram } from "../helpers/run-ts.js";

/** The one ```LANGUAGE block the README marks as run by this file. */
function readmeBlock(language: "ts" | "sh"): string {
  const [block, ...more] = blocksRunBy(import.meta.url).filter((candidate) => candidate.language == language);
  if (!block || more.length) throw new Error(`README.md must have exactly one \`\`\`${language} block marked <!-- runs: test/client/readme.test.ts -->`);
  return block.text;
}

describe("the README's usage example", () => {
  let file: string;
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "phlo-readme-"));
    // .mts: the example uses top-level await, so it must run as an ES module wherever it is written.
    file = join(scratch, "usage.mts");
    await writeFile(file, readmeBlock("ts"));
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));
  const credentials = { PLIVO_AUTH_ID: AUTH_ID, PLIVO_AUTH_TOKEN: AUTH_TOKEN };

  it("starts a warm transfer against the mock and prints the api_id", async () => {
    const mock = await startMock();
    try {
      const run = await runPackageScript(file, { ...credentials, PHLO_BASE_URL: mock.baseUrl });
      expect(run.stderr.replace(/^npm warn .*\n/gm, "")).toBe("");
      expect(run.stdout).toBe(`warm transfer started ${specExample<{ api_id: string }>("WarmTransferStartedResponse").api_id}\n`);
      expect(run.code).toBe(0);
    } finally {
      await mock.stop();
    }
  }, 60_000);

  it("runs with the README's command line (app.mts, npx tsx), against the mock on 4010 or, when 4010 is taken, the same mock elsewhere", async () => {
    const mock = await startMock({ port: 4010 }).catch(() => startMock());
    await mkdir(join(projectRoot, ".scratch"), { recursive: true });
    // Inside the project, as the README's "in this repository": tsx maps plivo-phlo-openapi to src/ (tsconfig paths).
    const app = await mkdtemp(join(projectRoot, ".scratch", "readme-app-"));
    try {
      await writeFile(join(app, "app.mts"), readmeBlock("ts"));
      const line = readmeBlock("sh").replaceAll("http://127.0.0.1:4010", new URL(mock.baseUrl).origin);
      const run = await runProgram("sh", ["-c", `cd '${app}' && ${line}`]);
      expect(run.stdout, run.stderr).toBe(`warm transfer started ${specExample<{ api_id: string }>("WarmTransferStartedResponse").api_id}\n`);
      expect(run.code).toBe(0);
    } finally {
      await Promise.all([mock.stop(), rm(app, { recursive: true, force: true })]);
    }
  }, 60_000);

  it("prints Plivo's status, text and api_id when Plivo refuses, and never the token", async () => {
    const refusal = specExample<{ api_id: string; error: string }>("AuthenticationFailedError");
    const server = await startLocalServer((_, response) => {
      response.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify(refusal));
    });
    try {
      const run = await runPackageScript(file, { ...credentials, PHLO_BASE_URL: server.baseUrl });
      expect(run.stderr).toContain(`401 ${refusal.error} ${refusal.api_id}`);
      expect(server.received).toHaveLength(1);
      expect(credentialLeaks(run.stdout + run.stderr)).toEqual([]);
    } finally {
      await server.close();
    }
  }, 60_000);
});
