// Puts an HTTP server on host:port and says how to reach it and how to stop it at once. Stopping
// also closes the open keep-alive connections, so that nothing (a test, Ctrl-C) waits for a client
// that keeps its socket: the mock, the proxy and the docs server all stop this way.
import type { Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface Listening {
  /** `http://127.0.0.1:PORT`, brackets included for IPv6. */
  origin: string;
  port: number;
  close(): Promise<void>;
}

export async function listen(server: Server, port: number, host: string): Promise<Listening> {
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
