// A hostile server that echoes every request header, the Authorization header above all, into its
// body and into its response headers, and answers with a status nobody documents. Nothing this
// project writes may show any form of the credentials, even cut short: the contract CLI (stdout,
// stderr, JUnit), the contract library's reports, the proxy's violation lines and headers, and the
// client's errors however they are shown.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { junitXml, runContractSuite, summary } from "../../src/contract/index.js";
import { createPhloClient, PhloApiError } from "../../src/index.js";
import { startProxy } from "../../src/mock/proxy.js";
import { redactor } from "../../src/redact.js";
import { liveEnv } from "../contract/fake-plivo.js";
import { AUTH_ID, AUTH_TOKEN, BASIC_CREDENTIAL, credentialLeaks, seedInput } from "../helpers/fetch.js";
import { startLocalServer, type LocalServer } from "../helpers/local-server.js";
import { runCli } from "../helpers/run-ts.js";

let echo: LocalServer;
beforeAll(async () => {
  echo = await startLocalServer((request, response) => {
    const status = Number(new URL(request.url, "http://echo").searchParams.get("status") ?? 200);
    const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [`x-echo-${name}`, String(value)]));
    // The credential first, so that any report quoting the start of the body quotes it; `api_id` and
    // `error` are the fields a client and a report look at.
    const body = { authorization: request.headers.authorization, api_id: request.headers.authorization, error: `denied ${request.headers.authorization}`, headers: request.headers };
    response.writeHead(status, `Echo ${request.headers.authorization}`, { "content-type": "application/json", ...headers });
    response.end(JSON.stringify(body));
  });
});
afterAll(() => echo.close());

describe("the redactor", () => {
  const redact = redactor(AUTH_ID, AUTH_TOKEN);
  it("removes the token, the Auth ID, id:token, the Basic credential, and any 12-character run of the token or the credential", () => {
    const texts = [
      AUTH_TOKEN,
      AUTH_ID,
      `${AUTH_ID}:${AUTH_TOKEN}`,
      `Basic ${BASIC_CREDENTIAL}`,
      `got "Basic ${BASIC_CREDENTIAL.slice(0, 40)}…"`,
      `…${BASIC_CREDENTIAL.slice(7, 19)}…`,
      `token ${AUTH_TOKEN.slice(3, 15)}!`,
    ];
    for (const text of texts) expect(credentialLeaks(redact(text)), text.length > 0 ? "a form of the credentials" : "").toEqual([]);
    expect(redact(`x ${BASIC_CREDENTIAL.slice(5, 30)} y`)).toBe("x [REDACTED] y");
  });

  it("leaves ordinary text and runs shorter than 12 characters alone", () => {
    const text = `status: must be 201, got 200 ${BASIC_CREDENTIAL.slice(0, 11)} 4c1d8a9e-7b3f-4e2a-9d6c-0f1e2d3c4b5a`;
    expect(redact(text)).toBe(text);
  });
});

describe("against a server that echoes every header", () => {
  it("plivo-phlo contract --target live: stdout, stderr and the JUnit file hold no form of the credentials", { tags: ["process"], timeout: 60_000 }, async () => {
    const directory = await mkdtemp(join(tmpdir(), "plivo-phlo-echo-"));
    try {
      const junit = join(directory, "echo.xml");
      const { code, stdout, stderr } = await runCli(["contract", "--target", "live", "--junit", junit], liveEnv(echo.baseUrl));
      expect(code).toBe(1);
      // The echo reached the report, redacted: the status line quotes the start of the body.
      expect(stdout).toContain('got 200, body "{\\"authorization\\":\\"Basic [REDACTED]\\"');
      const xml = await readFile(junit, "utf8");
      expect([stdout, stderr, xml].flatMap(credentialLeaks)).toEqual([]);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it("runContractSuite, summary and junitXml hold no form of the credentials", async () => {
    const report = await runContractSuite({ target: "live", env: liveEnv(echo.baseUrl) });
    expect(report.results.some((result) => result.outcome == "failed")).toBe(true);
    expect([JSON.stringify(report), summary(report), junitXml(report)].flatMap(credentialLeaks)).toEqual([]);
  }, 60_000);

  it("the client's errors: message, inspect, JSON, the response (status text, headers, body) and the request", async () => {
    for (const status of [200, 400, 401, 500]) {
      const client = createPhloClient({ authId: AUTH_ID, authToken: AUTH_TOKEN, fetch: (_input, init) => fetch(`${echo.baseUrl}/echo?status=${status}`, init) });
      const error = await client.warmTransfer(seedInput).then(
        () => undefined,
        (failure: unknown) => failure,
      );
      expect(error).toBeInstanceOf(PhloApiError);
      const { response, request } = error as PhloApiError;
      expect(response.status).toBe(status);
      const headers: string[] = [];
      response.headers.forEach((value, name) => headers.push(`${name}: ${value}`));
      // The echo came back in the headers, redacted.
      expect(headers).toContain("x-echo-authorization: Basic [REDACTED]");
      const shown = [
        String(error),
        inspect(error, { depth: Infinity, showHidden: true }),
        JSON.stringify(error),
        JSON.stringify(request),
        response.statusText,
        ...headers,
        await response.text(),
      ];
      expect(shown.flatMap(credentialLeaks)).toEqual([]);
    }
  });

  it("the proxy's violation lines and sl-violations headers hold no form of the credentials", async () => {
    const lines: string[] = [];
    const proxy = await startProxy({ upstream: `${echo.baseUrl}`, onViolation: (line) => lines.push(line) });
    try {
      const client = createPhloClient({ authId: AUTH_ID, authToken: AUTH_TOKEN, baseUrl: proxy.baseUrl });
      await client.warmTransfer(seedInput).catch(() => undefined);
      await client.getMultiPartyCall(seedInput).catch(() => undefined);
      const answer = await fetch(`${proxy.baseUrl}/phlo/${seedInput.phloId}/multi_party_call/${seedInput.nodeId}`, {
        headers: { Authorization: `Basic ${BASIC_CREDENTIAL}` },
      });
      await answer.body?.cancel();
      // The token pasted as an id by mistake: the refusal names the path, redacted.
      const pasted = await fetch(`${proxy.baseUrl}/phlo/${AUTH_TOKEN}/multi_party_call/${AUTH_ID}`, { headers: { Authorization: `Basic ${BASIC_CREDENTIAL}` } });
      await pasted.body?.cancel();
      // The echoed answers break the contract, so there is something to report.
      expect(lines.length).toBeGreaterThan(0);
      expect(answer.headers.get("sl-violations")).not.toBeNull();
      expect([...lines, JSON.stringify(proxy.violations), answer.headers.get("sl-violations") ?? "", pasted.headers.get("sl-violations") ?? ""].flatMap(credentialLeaks)).toEqual([]);
    } finally {
      await proxy.stop();
    }
  });
});
