// Puts an HTTP server on host:port and says how to reach it and how to stop it at once. Stopping
// also closes the open keep-alive connections, so that nothing (a test, Ctrl-C) waits for a client
// that keeps its socket: the mock, the proxy and the docs server all stop this way. A port that no
// fetch-based client could reach is refused before anything listens, with the rule named: the
// commands say so in one line (src/command.ts), startMock() and startProxy() throw it.
import type { Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/**
 * The ports the Fetch standard blocks (https://fetch.spec.whatwg.org/#bad-port): Node's fetch, and so
 * every fetch-based client, refuses to connect to them, so a mock there could not even be probed.
 * Kept here because Node does not export its list; test/commands/ports.test.ts checks that Node's fetch
 * refuses each one and none of their neighbours.
 */
export const FETCH_BAD_PORTS = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137,
  139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723,
  2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

export interface Listening {
  /** `http://127.0.0.1:PORT`, brackets included for IPv6. */
  origin: string;
  port: number;
  close(): Promise<void>;
}

export async function listen(server: Server, port: number, host: string): Promise<Listening> {
  if (FETCH_BAD_PORTS.has(port)) {
    throw new RangeError(`port ${port} is a port that fetch refuses to connect to (the Fetch standard's "bad ports"): choose another, or 0 for a free one`);
  }
  const sockets = new Set<Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    origin: `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
