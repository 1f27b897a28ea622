// The baseline target for per-call benchmarks: a plain node:http server answering every POST with
// the spec's 201 body, on a free loopback port, keep-alive like a real API.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export async function startStaticServer(status: number, body: string) {
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      response.end(body);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    baseUrl: `http://127.0.0.1:${port}/v1`,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
