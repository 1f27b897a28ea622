// A real HTTP server on a free loopback port, scripted per test to answer or misbehave, that counts
// the requests it receives: the only honest way to test timeouts, resets and retries.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { listen } from "../../src/mock/listen.js";

export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export type Script = (request: Received, response: ServerResponse, socket: Socket) => void | Promise<void>;

export interface LocalServer {
  /** `http://127.0.0.1:PORT/v1`, a base URL for the clients. */
  baseUrl: string;
  port: number;
  /** Every request received, body included, in order. */
  received: Received[];
  close(): Promise<void>;
}

/** Starts a server whose every request, once its body is read, is handed to `script`. */
export async function startLocalServer(script: Script): Promise<LocalServer> {
  const received: Received[] = [];
  const server = createServer(async (request, response) => {
    let body = "";
    for await (const chunk of request) body += chunk;
    const entry = { method: request.method ?? "", url: request.url ?? "", headers: request.headers, body };
    received.push(entry);
    await script(entry, response, request.socket);
  });
  const { origin, port, close } = await listen(server, 0, "127.0.0.1");
  return { baseUrl: `${origin}/v1`, port, received, close };
}

/**
 * A loopback port with nothing listening: connecting to it is refused at once. It is taken from below
 * the range Linux gives out for port 0 (32768 and up by default): a port that had been handed out and
 * closed was handed out again to a server of a test running beside, which then answered instead of
 * refusing (seen once in the fault tests).
 */
export async function closedPort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const server = createServer();
    const free = await new Promise<boolean>((resolve) => {
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => resolve(true));
    });
    if (!free) continue;
    await new Promise((resolve) => server.close(resolve));
    return port;
  }
}

export const sendJson = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
};
