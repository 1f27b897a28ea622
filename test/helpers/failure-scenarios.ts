// Every way a call can fail, each set up so that the credentials are within reach of the error: a
// server that echoes them, a custom fetch that puts the headers in its message, a token passed as an
// address. Used by the redaction tests, in-process and through captured process output.
import { createPhloClient, type PhloClientOptions } from "../../src/index.js";
import { AUTH_ID, AUTH_TOKEN, BASIC_CREDENTIAL, seedInput } from "./fetch.js";
import { closedPort, startLocalServer } from "./local-server.js";

export type Scenario = [name: string, run: () => Promise<unknown>];

const clientWith = (options: PhloClientOptions) => createPhloClient({ authId: AUTH_ID, authToken: AUTH_TOKEN, ...options });

/** Starts the echoing server the scenarios need; `close` stops it. */
export async function failureScenarios(): Promise<{ scenarios: Scenario[]; close: () => Promise<void> }> {
  const echo = await startLocalServer((request, response) => {
    // A hostile or broken server that reflects the credentials it received.
    const status = Number(new URL(request.url, "http://x").searchParams.get("status") ?? 500);
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify({ api_id: "x", error: `bad auth ${request.headers.authorization} (${AUTH_TOKEN})` }));
  });
  const echoing = (status: number) => clientWith({ fetch: (_input, init) => fetch(`${echo.baseUrl}/echo?status=${status}`, init) });
  const scenarios: Scenario[] = [
    ...[400, 401, 403, 404, 429, 500].map(
      (status): Scenario => [`a ${status} whose body echoes the credentials`, () => echoing(status).warmTransfer(seedInput)],
    ),
    [
      "a non-JSON body echoing the Basic credential",
      () =>
        clientWith({ fetch: async () => new Response(`<h1>denied Basic ${BASIC_CREDENTIAL}</h1>`, { status: 401 }) }).warmTransfer(seedInput),
    ],
    [
      "a timeout",
      () =>
        clientWith({
          timeoutMs: 20,
          fetch: (_input, init) =>
            new Promise<Response>((_, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason))),
        }).warmTransfer(seedInput),
    ],
    ["a connection refused", async () => clientWith({ baseUrl: `http://127.0.0.1:${await closedPort()}/v1` }).warmTransfer(seedInput)],
    [
      "a custom fetch that puts the headers in its error",
      () =>
        clientWith({
          fetch: async (_input, init) => {
            throw new Error(`proxy refused ${JSON.stringify(init?.headers)}`, { cause: new Error(`token=${AUTH_TOKEN}`) });
          },
        }).warmTransfer(seedInput),
    ],
    ["the token passed as an address by mistake", () => clientWith({}).warmTransfer({ ...seedInput, to: AUTH_TOKEN })],
    [
      "credentials in the base URL",
      async () => clientWith({ baseUrl: `https://${AUTH_ID}:${AUTH_TOKEN}@phlorunner.plivo.com/v1` }),
    ],
  ];
  return { scenarios, close: echo.close };
}

/** The error a scenario ends in (scenarios that succeed are a bug in the scenario). */
export async function failureOf(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}
