// Faults, from a real local server scripted to misbehave and counting what it receives: bodies that
// are not Plivo's JSON, timeouts, resets, refusals, and retries. Each is a typed error with a useful
// message, and a warm transfer is never sent twice unless the first attempt provably never arrived
// (connection refused, DNS) or Plivo refused it with 429 and Retry-After.
import { createServer as createTcpServer, type AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import {
  createPhloClient,
  createPhloRawClient,
  PhloApiError,
  PhloBadRequestError,
  PhloConnectionError,
  PhloRateLimitError,
  PhloServerError,
  PhloTimeoutError,
  type PhloClientOptions,
} from "../../src/index.js";
import { AUTH_ID, AUTH_TOKEN, seedBody, seedInput } from "../helpers/fetch.js";
import { closedPort, sendJson, startLocalServer, type LocalServer, type Script } from "../helpers/local-server.js";

const started = { api_id: "faad0293-f5f0-487e-8ff7-b45ba6c45b25", error: "" };
const opened: LocalServer[] = [];
// After the file, not each test: the tests wait on timers and sockets, so they run side by side, and
// closing every server after one test would cut off the others.
afterAll(async () => {
  await Promise.all(opened.splice(0).map((server) => server.close()));
});

async function serve(script: Script) {
  const server = await startLocalServer(script);
  opened.push(server);
  return server;
}

const clientFor = (baseUrl: string, options: PhloClientOptions = {}) =>
  createPhloClient({ authId: AUTH_ID, authToken: AUTH_TOKEN, baseUrl, ...options });

const posts = (server: LocalServer) => server.received.filter((request) => request.method === "POST").length;

/** A fetch that counts its calls and, for the first `refusals`, fails the way Node does on a refused connection. */
function refusingFetch(refusals: number) {
  const calls: Request[] = [];
  const fetch = async (input: Request | string, init?: RequestInit) => {
    const request = new Request(input, init);
    calls.push(request);
    if (calls.length <= refusals) {
      throw new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" }) });
    }
    return new Response(JSON.stringify(started), { status: 201 });
  };
  return { fetch, calls };
}

describe.concurrent("answers that are not Plivo's JSON", () => {
  it.each([
    ["an HTML error page", 502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>", PhloServerError, /answered 502: not the documented body: <html>.*may have started/],
    ["a 503 with an empty body", 503, "text/plain", "", PhloServerError, /answered 503: an empty body\. The action may have started/],
    ["malformed JSON in a 400", 400, "application/json", '{"api_id": "x", "error": ', PhloBadRequestError, /answered 400: not the documented body: \{"api_id"/],
    ["malformed JSON in a 201", 201, "application/json", '{"api_id": ', PhloApiError, /answered 201: not the documented body.*may have started/],
    ["an empty 201", 201, "application/json", "", PhloApiError, /answered 201: an empty body\. The action may have started/],
    ["a 201 without api_id", 201, "application/json", '{"error": ""}', PhloApiError, /answered 201: not the documented body/],
    ["a redirect, not followed", 307, "text/plain", "", PhloApiError, /answered 307: an empty body\. The action may have started/],
  ])("%s: a typed error with a useful message, one POST", async (_case, status, type, text, ErrorClass, message) => {
    const server = await serve((_request, response) => {
      response.writeHead(status, { "content-type": type, ...(status === 307 ? { location: "http://127.0.0.1:9/elsewhere" } : {}) });
      response.end(text);
    });
    const error = await clientFor(server.baseUrl, { retry: { retries: 3 } }).warmTransfer(seedInput).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect((error as Error).message).toMatch(message);
    expect(server.received).toHaveLength(1);
  });
});

describe.concurrent("timeouts", () => {
  // A second, not 150 ms: on a loaded 2-core CI machine the request must reach the server before the
  // timeout fires, or "one POST" cannot be told from "none"; the rule under test does not depend on the length.
  it("no answer: a PhloTimeoutError after timeoutMs, one POST, no resend even with retries on", async () => {
    const server = await serve(() => {});
    const error = await clientFor(server.baseUrl, { retry: { retries: 3 } })
      .warmTransfer(seedInput, { timeoutMs: 1000 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PhloTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 1000, request: { method: "POST" } });
    expect((error as Error).message).toMatch(/no complete answer within 1000 ms\. The action may have started; it was not resent\./);
    expect(posts(server)).toBe(1);
  });

  it("a body that trickles in and never ends: a PhloTimeoutError, one POST", async () => {
    const server = await serve((_request, response) => {
      response.writeHead(201, { "content-type": "application/json" });
      response.write('{"api_id": "faad0293-');
    });
    const error = await clientFor(server.baseUrl, { timeoutMs: 1000, retry: {} }).warmTransfer(seedInput).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PhloTimeoutError);
    expect(posts(server)).toBe(1);
  });

  it("the caller's own abort rejects with the caller's reason, not a timeout", async () => {
    const server = await serve(() => {});
    const controller = new AbortController();
    const call = clientFor(server.baseUrl).warmTransfer(seedInput, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("user hung up")), 20);
    await expect(call).rejects.toThrow("user hung up");
  });
});

describe.concurrent("connection failures", () => {
  it("reset after the request was read: a PhloConnectionError, delivery unknown, never resent", async () => {
    const server = await serve((_request, _response, socket) => void socket.destroy());
    const error = await clientFor(server.baseUrl, { retry: { retries: 3 } }).warmTransfer(seedInput).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PhloConnectionError);
    expect(error).toMatchObject({ delivered: undefined });
    expect((error as Error).message).toMatch(/may have started; it was not resent/);
    expect(posts(server)).toBe(1);
  });

  it("reset as soon as the connection opens, before the body is read: unknown delivery, never resent", async () => {
    let connections = 0;
    const tcp = createTcpServer((socket) => {
      connections++;
      socket.resetAndDestroy();
    });
    await new Promise<void>((resolve) => tcp.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = tcp.address() as AddressInfo;
      const error = await clientFor(`http://127.0.0.1:${port}/v1`, { retry: { retries: 3 } })
        .warmTransfer(seedInput)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PhloConnectionError);
      expect(error).toMatchObject({ delivered: undefined });
      expect(connections).toBe(1);
    } finally {
      await new Promise((resolve) => tcp.close(resolve));
    }
  });

  it("connection refused: delivered false, and without opt-in, a single attempt", async () => {
    const port = await closedPort();
    let attempts = 0;
    const error = await clientFor(`http://127.0.0.1:${port}/v1`, {
      fetch: (input, init) => (attempts++, fetch(input, init)),
    })
      .warmTransfer(seedInput)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PhloConnectionError);
    expect(error).toMatchObject({ delivered: false });
    expect((error as Error).message).toMatch(/ECONNREFUSED.*It never reached the server\./);
    expect(attempts).toBe(1);
  });

  it("connection refused with retries on: every retry is attempted, then the error", async () => {
    const port = await closedPort();
    let attempts = 0;
    const error = await clientFor(`http://127.0.0.1:${port}/v1`, {
      retry: { retries: 2 },
      fetch: (input, init) => (attempts++, fetch(input, init)),
    })
      .warmTransfer(seedInput)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ delivered: false });
    expect(attempts).toBe(3);
  });
});

describe.concurrent("opt-in retries", () => {
  it("after refused connections, succeeds, each attempt a complete fresh request", async () => {
    const { fetch, calls } = refusingFetch(2);
    const result = await clientFor("https://phlorunner.plivo.com/v1", { retry: { retries: 2 }, fetch }).warmTransfer(seedInput);
    expect(result.apiId).toBe(started.api_id);
    expect(calls).toHaveLength(3);
    expect(await Promise.all(calls.map((request) => request.text()))).toEqual(Array(3).fill(JSON.stringify(seedBody)));
  });

  it("the raw openapi-fetch client retries with a clone of its Request each time", async () => {
    const { fetch, calls } = refusingFetch(1);
    const raw = createPhloRawClient({ authId: AUTH_ID, authToken: AUTH_TOKEN, retry: {}, fetch });
    const { data } = await raw.POST("/phlo/{phlo_id}/multi_party_call/{node_id}", {
      params: { path: { phlo_id: seedInput.phloId, node_id: seedInput.nodeId } },
      body: seedBody as never,
    });
    expect(data).toEqual(started);
    expect(calls).toHaveLength(2);
    expect(calls[0]).not.toBe(calls[1]);
    expect(await calls[1]!.text()).toBe(JSON.stringify(seedBody));
  });

  it("a 429 with Retry-After is retried after the wait, and the second answer is used", async () => {
    const server = await serve((_request, response) =>
      posts(server) === 1
        ? sendJson(response, 429, { api_id: "42900000-0000-4000-8000-000000000001", error: "Too many requests" }, { "retry-after": "0" })
        : sendJson(response, 201, started),
    );
    const result = await clientFor(server.baseUrl, { retry: {} }).warmTransfer(seedInput);
    expect(result.apiId).toBe(started.api_id);
    expect(server.received.map((request) => request.body)).toEqual([JSON.stringify(seedBody), JSON.stringify(seedBody)]);
  });

  it.each([
    ["without Retry-After", {}],
    ["with a Retry-After longer than maxRetryAfterMs", { "retry-after": "3600" }],
  ])("a 429 %s is not retried", async (_case, headers) => {
    const server = await serve((_request, response) => sendJson(response, 429, { api_id: "x", error: "Too many requests" }, headers));
    const error = await clientFor(server.baseUrl, { retry: { retries: 3 } }).warmTransfer(seedInput).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PhloRateLimitError);
    expect(posts(server)).toBe(1);
  });

  it.each([500, 502, 503])("a %i is never retried, even with retries on", async (status) => {
    const server = await serve((_request, response) => sendJson(response, status, { api_id: "x", error: "Server error" }));
    const error = await clientFor(server.baseUrl, { retry: { retries: 3 } }).warmTransfer(seedInput).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PhloServerError);
    expect(posts(server)).toBe(1);
  });

  it("without opt-in, a 429 with Retry-After is not retried either", async () => {
    const server = await serve((_request, response) => sendJson(response, 429, { api_id: "x", error: "Too many" }, { "retry-after": "0" }));
    await expect(clientFor(server.baseUrl).warmTransfer(seedInput)).rejects.toBeInstanceOf(PhloRateLimitError);
    expect(posts(server)).toBe(1);
  });
});
