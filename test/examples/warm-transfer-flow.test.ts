// @module-tag process: every test here starts a program of its own (vitest.config.ts).
// examples/warm-transfer-flow.ts runs as a reader runs it: once on its own (it starts the mock), and
// once pointed by environment at a local server standing in for Plivo, which records what the
// example sends: the whole lifecycle, with a SIP member address in the path.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../bench/lib/app-bundle.js";
import { AUTH_ID, AUTH_TOKEN, credentialLeaks, specExample } from "../helpers/fetch.js";
import { startLocalServer } from "../helpers/local-server.js";
import { runTypeScript } from "../helpers/run-ts.js";

const example = join(projectRoot, "examples/warm-transfer-flow.ts");
const apiIdOf = (name: string) => specExample<{ api_id: string }>(name).api_id;

describe("examples/warm-transfer-flow.ts", () => {
  it("runs the whole flow against the stateful mock it starts: runPhlo, warm_transfer, resume_call, hangup", async () => {
    const run = await runTypeScript(example);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines.map((line) => line.slice(0, 3))).toEqual(["0. ", "1. ", "2. ", "3. ", "4. ", "5. "]);
    // The stateful mock accepted every step (it refuses one that cannot apply) and handed out fresh ids.
    const uuid = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
    expect(lines[1]).toMatch(new RegExp(`^1\\. runPhlo: the PHLO dials \\+14155550100 and sip:agent1@phone\\.plivo\\.com .*\\(api_id ${uuid}\\)$`));
    expect(lines[2]).toMatch(new RegExp(`^2\\. warm_transfer: .*\\(api_id ${uuid}\\)$`));
    expect(lines[2]).not.toContain(apiIdOf("WarmTransferStartedResponse"));
    expect(lines[4]).toContain(`resume_call: sip:agent1@phone.plivo.com`);
    expect(lines[5]).toContain(`hangup: sip:agent1@phone.plivo.com leaves`);
  }, 60_000);

  it("with --abort, ends the transfer with abort_transfer instead", async () => {
    const run = await runTypeScript(example, {}, ["--abort"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^4\. abort_transfer: .*\(api_id .+\)$/m);
    expect(run.stdout).not.toMatch(/resume_call|hangup/);
  }, 60_000);

  it("sends exactly the lifecycle's requests to the server PHLO_BASE_URL names, and prints no credential", async () => {
    const node = specExample<Record<string, string>>("MultiPartyCallNode");
    const server = await startLocalServer((request, response) => {
      const [status, body] = request.url.includes("/account/")
        ? [201, specExample("PhloRunStartedResponse")]
        : request.url.includes("/members/")
          ? [201, specExample("MemberActionStartedResponse")]
          : [201, specExample("WarmTransferStartedResponse")];
      response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    });
    try {
      const ids = { PHLO_ID: node.phlo_id!, NODE_ID: node.node_id! };
      const run = await runTypeScript(example, { PHLO_BASE_URL: server.baseUrl, PLIVO_AUTH_ID: AUTH_ID, PLIVO_AUTH_TOKEN: AUTH_TOKEN, ...ids });
      expect(run.code, run.stderr).toBe(0);
      const nodePath = `/v1/phlo/${ids.PHLO_ID}/multi_party_call/${ids.NODE_ID}`;
      expect(server.received.map(({ method, url, body }) => [method, url, body])).toEqual([
        ["POST", `/v1/account/${AUTH_ID}/phlo/${ids.PHLO_ID}`, JSON.stringify({ from: "+14155550100", to: "sip:agent1@phone.plivo.com" })],
        ["POST", nodePath, JSON.stringify({ action: "warm_transfer", trigger_source: "sip:agent1@phone.plivo.com", role: "agent", to: "+14152225555" })],
        ["POST", `${nodePath}/members/sip:agent1@phone.plivo.com`, JSON.stringify({ action: "resume_call" })],
        ["POST", `${nodePath}/members/sip:agent1@phone.plivo.com`, JSON.stringify({ action: "hangup" })],
      ]);
      expect(credentialLeaks(run.stdout + run.stderr)).toEqual([]);
    } finally {
      await server.close();
    }
  }, 60_000);
});
