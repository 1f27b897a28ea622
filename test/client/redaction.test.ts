// The auth token (and the Basic credential built from it) never appears in anything an error shows:
// message, stack, util.inspect, JSON.stringify, String(), the request it carries, or Plivo's text,
// even when a server or a custom fetch echoes the credentials back.
import { inspect } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { createPhloClient, PhloError, type PhloClientOptions } from "../../src/index.js";
import { AUTH_ID, AUTH_TOKEN, BASIC_CREDENTIAL, clientWith, json, seedInput } from "../helpers/fetch.js";
import { closedPort, startLocalServer } from "../helpers/local-server.js";

/** Every way an error can be shown to a person or a log. */
const renderings = (error: unknown) => [
  String(error),
  (error as Error).message,
  String((error as Error).stack),
  inspect(error, { depth: Infinity, showHidden: true }),
  JSON.stringify(error),
  JSON.stringify((error as { request?: unknown }).request ?? null),
];

async function failureOf(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

const echoServer = await startLocalServer((request, response) => {
  // A hostile or broken server that reflects the credentials it received.
  response.writeHead(Number(new URL(request.url, "http://x").searchParams.get("status") ?? 500), { "content-type": "application/json" });
  response.end(JSON.stringify({ api_id: "x", error: `bad auth ${request.headers.authorization} (${AUTH_TOKEN})` }));
});
afterAll(() => echoServer.close());

const withOptions = (options: PhloClientOptions) => createPhloClient({ authId: AUTH_ID, authToken: AUTH_TOKEN, ...options });

const scenarios: [string, () => Promise<unknown>][] = [
  ...[400, 401, 403, 404, 429, 500].map(
    (status) =>
      [
        `a ${status} whose body echoes the credentials`,
        () => withOptions({ fetch: (_input, init) => fetch(`${echoServer.baseUrl}/echo?status=${status}`, init) }).warmTransfer(seedInput),
      ] as [string, () => Promise<unknown>],
  ),
  [
    "a non-JSON body echoing the Basic credential",
    () => clientWith(() => new Response(`<h1>denied Basic ${BASIC_CREDENTIAL}</h1>`, { status: 401 })).client.warmTransfer(seedInput),
  ],
  [
    "a timeout",
    () =>
      withOptions({
        timeoutMs: 20,
        fetch: (_input, init) => new Promise<Response>((_, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason))),
      }).warmTransfer(seedInput),
  ],
  [
    "a connection refused",
    async () => withOptions({ baseUrl: `http://127.0.0.1:${await closedPort()}/v1` }).warmTransfer(seedInput),
  ],
  [
    "a custom fetch that puts the headers in its error",
    () =>
      withOptions({
        fetch: async (_input, init) => {
          throw new Error(`proxy refused ${JSON.stringify(init?.headers)}`, { cause: new Error(`token=${AUTH_TOKEN}`) });
        },
      }).warmTransfer(seedInput),
  ],
  ["a validation error", () => clientWith(() => json(201, {})).client.warmTransfer({ ...seedInput, to: AUTH_TOKEN })],
];

describe("credentials stay secret", () => {
  it.each(scenarios)("%s", async (_case, run) => {
    const error = await failureOf(run);
    expect(error).toBeInstanceOf(PhloError);
    for (const shown of renderings(error)) {
      expect(shown).not.toContain(AUTH_TOKEN);
      expect(shown).not.toContain(BASIC_CREDENTIAL);
    }
  });
});
