// Many requests at once to a mock, as raw HTTP: for the journal's and the stateful model's 1,000-request tests.
import { Agent, request as httpRequest } from "node:http";
import type { RunningMock } from "../../src/mock/index.js";
import { BASIC_CREDENTIAL } from "./fetch.js";

/**
 * 1,000 requests issued at once, over up to 100 keep-alive connections: that many new connections at
 * the same instant overflow the listen backlog of a busy machine, and a reset request never reaches
 * any server (the mock-property test sends the same way).
 */
const agent = new Agent({ keepAlive: true, maxSockets: 100 });
/** POSTs `body` as JSON to the mock's `/v1{path}` with Basic credentials; resolves to the status. */
export function postRaw(mock: RunningMock, path: string, body: unknown): Promise<number> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: "127.0.0.1", port: mock.port, method: "POST", path: `/v1${path}`, agent, headers: { authorization: `Basic ${BASIC_CREDENTIAL}`, "content-type": "application/json", "content-length": Buffer.byteLength(text) } },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode!));
      },
    );
    outgoing.on("error", reject);
    outgoing.end(text);
  });
}

