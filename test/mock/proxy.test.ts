// The validation proxy between an app and an upstream that claims to be Plivo: local upstreams that
// keep or break the contract, and the proxy must report each violation (sl-violations header and one
// line per violation), pass answers through unchanged, refuse invalid requests without forwarding
// them, and forward valid ones with the server path and the credentials intact.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { projectRoot } from "../../bench/lib/app-bundle.js";
import { createPhloClient } from "../../src/index.js";
import { startProxy, type ProxyViolation, type RunningProxy } from "../../src/mock/proxy.js";
import { AUTH_ID, AUTH_TOKEN, BASIC_CREDENTIAL, credentialLeaks, IDS, seedBody, specExample } from "../helpers/fetch.js";
import { sendJson, startLocalServer, type LocalServer, type Script } from "../helpers/local-server.js";

const NODE_PATH = `/phlo/${IDS.phloId}/multi_party_call/${IDS.nodeId}`;
const started = specExample<{ api_id: string; error: "" }>("WarmTransferStartedResponse");

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((server) => server.close()));
});

/** An upstream running `script`, and a proxy in front of it whose violation lines are collected. */
async function proxied(script: Script): Promise<{ upstream: LocalServer; proxy: RunningProxy; lines: string[] }> {
  const upstream = await startLocalServer(script);
  opened.push(upstream);
  const lines: string[] = [];
  const proxy = await startProxy({ upstream: upstream.baseUrl, onViolation: (line) => lines.push(line) });
  opened.push({ close: proxy.stop });
  return { upstream, proxy, lines };
}

/** Sends the seed's warm transfer (or `body`) through the proxy with Basic credentials. */
const post = (proxy: RunningProxy, body: unknown = seedBody, headers: Record<string, string> = {}) =>
  fetch(`${proxy.baseUrl}${NODE_PATH}`, {
    method: "POST",
    headers: { authorization: `Basic ${BASIC_CREDENTIAL}`, "content-type": "application/json", ...headers },
    body: typeof body == "string" ? body : JSON.stringify(body),
  });

const headerViolations = (response: Response) => JSON.parse(response.headers.get("sl-violations") ?? "[]") as Omit<ProxyViolation, "method" | "path">[];

describe("validation proxy: answers that break the contract", () => {
  it("a 201 with { apiId: 5 } instead of { api_id, error }: passed through, each missing field reported", async () => {
    const { proxy, lines } = await proxied((_request, response) => sendJson(response, 201, { apiId: 5 }));
    const response = await post(proxy);
    expect(response.status).toBe(201);
    expect(await response.text()).toBe(JSON.stringify({ apiId: 5 }));
    const reported = headerViolations(response);
    expect(reported.map((v) => [v.location.join("."), v.message])).toEqual([
      ["response.body", expect.stringContaining("'api_id'")],
      ["response.body", expect.stringContaining("'error'")],
    ]);
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^PHLO contract violation: POST /v1${NODE_PATH} response\\.body: .*'api_id'`)),
      expect.stringMatching(/response\.body: .*'error'/),
    ]);
    expect(proxy.violations).toHaveLength(2);
  });

  it("a 400 without error: reported, naming error", async () => {
    const { proxy, lines } = await proxied((_request, response) => sendJson(response, 400, { api_id: started.api_id }));
    const response = await post(proxy);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ api_id: started.api_id });
    expect(headerViolations(response).map((v) => v.message)).toEqual([expect.stringContaining("'error'")]);
    expect(lines).toEqual([expect.stringContaining("response.body: Response body must have required property 'error'")]);
  });

  it("the right body as text/plain: the media type is reported, the text passes through", async () => {
    const text = JSON.stringify(started);
    const { proxy, lines } = await proxied((_request, response) => void response.writeHead(201, { "content-type": "text/plain" }).end(text));
    const response = await post(proxy);
    expect([response.status, response.headers.get("content-type"), await response.text()]).toEqual([201, "text/plain", text]);
    expect(headerViolations(response)[0]).toMatchObject({ location: ["response"], message: expect.stringContaining('"text/plain"') });
    expect(lines[0]).toMatch(/^PHLO contract violation: POST \/v1\/phlo\/.* response: .*media type "text\/plain"/);
  });
});

describe("validation proxy: what keeps the contract", () => {
  it("a conforming 201 passes through byte for byte with no violation, and the client reads it", async () => {
    const { upstream, proxy, lines } = await proxied((_request, response) => sendJson(response, 201, started));
    const response = await post(proxy);
    expect(response.status).toBe(201);
    expect(response.headers.has("sl-violations")).toBe(false);
    expect(await response.text()).toBe(JSON.stringify(started));
    // An app routed through the proxy: the only change is its base URL.
    const client = createPhloClient({ authId: AUTH_ID, authToken: AUTH_TOKEN, baseUrl: proxy.baseUrl });
    expect(await client.warmTransfer({ ...IDS, triggerSource: seedBody.trigger_source, to: seedBody.to })).toEqual({ apiId: started.api_id, error: "" });
    expect([lines, proxy.violations, upstream.received.length]).toEqual([[], [], 2]);
  });

  it("upstream receives the request with the /v1 path, the query, the Authorization and the body intact", async () => {
    const { upstream, proxy } = await proxied((_request, response) => sendJson(response, 201, started));
    await post(proxy, JSON.stringify(seedBody), { "x-request-id": "r-1" });
    expect(upstream.received).toHaveLength(1);
    const [received] = upstream.received;
    expect(received).toMatchObject({ method: "POST", url: `/v1${NODE_PATH}`, body: JSON.stringify(seedBody) });
    expect(received!.headers).toMatchObject({ authorization: `Basic ${BASIC_CREDENTIAL}`, "content-type": "application/json", "x-request-id": "r-1" });
  });
});

describe("validation proxy: requests that break the contract", () => {
  it('role "boss": reported as a request violation and not forwarded', async () => {
    const { upstream, proxy, lines } = await proxied((_request, response) => sendJson(response, 201, started));
    const response = await post(proxy, { ...seedBody, role: "boss" });
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(headerViolations(response)).toEqual([expect.objectContaining({ location: ["request", "body", "role"], code: "enum" })]);
    expect(lines).toEqual([expect.stringMatching(/^PHLO contract violation: POST \/v1\/phlo\/.* request\.body\.role: .*allowed values: agent, customer/)]);
    expect(upstream.received).toEqual([]);
  });

  it("no credentials and an undocumented method: refused with 401 and 405, nothing forwarded", async () => {
    const { upstream, proxy } = await proxied((_request, response) => sendJson(response, 201, started));
    const anonymous = await fetch(`${proxy.baseUrl}${NODE_PATH}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(seedBody) });
    const deleted = await fetch(`${proxy.baseUrl}${NODE_PATH}`, { method: "DELETE", headers: { authorization: `Basic ${BASIC_CREDENTIAL}` } });
    expect([anonymous.status, deleted.status]).toEqual([401, 405]);
    expect(proxy.violations.map((v) => [v.method, v.location.join(".")])).toEqual([["POST", "request"], ["DELETE", "request"]]);
    expect(upstream.received).toEqual([]);
  });
});

describe("validation proxy: lifecycle", () => {
  it("an unreachable upstream is a 502, not a violation", async () => {
    const { upstream, proxy } = await proxied(() => undefined);
    await upstream.close();
    const response = await post(proxy);
    expect(response.status).toBe(502);
    expect(proxy.violations).toEqual([]);
  });

  it("stop closes the port, open connections included", async () => {
    const { proxy } = await proxied((_request, response) => sendJson(response, 201, started));
    await post(proxy).then((response) => response.text());
    await proxy.stop();
    const after = await fetch(`${proxy.baseUrl}${NODE_PATH}`).catch((error: Error) => error);
    expect((after as Error & { cause?: { code?: string } }).cause?.code).toBe("ECONNREFUSED");
  });

  it("npm run proxy: prints the URL, a violation line on stderr, never the credentials; Ctrl-C exits 0", { tags: ["process"], timeout: 30_000 }, async () => {
    const upstream = await startLocalServer((_request, response) => sendJson(response, 201, { apiId: 5 }));
    opened.push(upstream);
    const child = spawn(process.execPath, [join(projectRoot, "node_modules/tsx/dist/cli.mjs"), "scripts/proxy.ts", "--upstream", upstream.baseUrl, "--port", "0"], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH ?? "", SCARF_ANALYTICS: "false", DO_NOT_TRACK: "1" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      const baseUrl = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", () => {
          const url = /give your app (\S+) as/.exec(stdout)?.[1];
          if (url) resolve(url);
        });
        child.on("exit", () => reject(new Error(`proxy exited before printing its URL: ${stderr}`)));
      });
      const response = await post({ baseUrl } as RunningProxy);
      expect(response.status).toBe(201);
      await response.text();
      // The line may reach the pipe just after the answer.
      for (let wait = 0; !stderr.includes("'error'") && wait < 50; wait++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(stderr).toMatch(/PHLO contract violation: POST \/v1\/phlo\/.* response\.body: .*'api_id'/);
      expect(upstream.received[0]?.headers.authorization).toBe(`Basic ${BASIC_CREDENTIAL}`);
      child.kill("SIGINT");
      expect(await exited).toBe(0);
      expect(credentialLeaks(stdout + stderr)).toEqual([]);
    } finally {
      child.kill("SIGKILL");
    }
  });
});
