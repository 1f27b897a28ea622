// `npm start [-- --port N --docs-port N --host H]`: the mock and the API docs on this machine, both
// until Ctrl-C (SIGINT) or SIGTERM. Nothing here needs the network: the docs page embeds Redoc.
//
// Default ports are fixed (4010, Prism's, for the mock; 4011 for the docs) so that bookmarks and
// curl lines keep working between runs; when one is taken, a free port is used and printed.
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { mockBanner } from "../src/mock/banner.js";
import { startMock } from "../src/mock/index.js";
import { startStaticServer } from "./static-server.js";

const { values } = parseArgs({
  options: { port: { type: "string", default: "4010" }, "docs-port": { type: "string", default: "4011" }, host: { type: "string", default: "127.0.0.1" } },
});

function portNumber(option: string, text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    console.error(`start: --${option} must be a number from 0 to 65535, not ${text}`);
    process.exit(2);
  }
  return port;
}

/** Runs `start` on `port`, or on a free port when `port` is taken by something else. */
async function onPortOrFree<T>(port: number, start: (port: number) => Promise<T>): Promise<T> {
  try {
    return await start(port);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE" || port === 0) throw error;
    return start(0);
  }
}

const { host } = values;
const mock = await onPortOrFree(portNumber("port", values.port), (port) => startMock({ port, host }));
const docs = await onPortOrFree(portNumber("docs-port", values["docs-port"]), (port) =>
  startStaticServer(fileURLToPath(new URL("../docs/", import.meta.url)), { port, host }),
).catch(async (error: unknown) => {
  await mock.stop();
  throw error;
});

console.log(`API docs: ${docs.url}`);
console.log(mockBanner(mock.baseUrl));

await new Promise<void>((resolve) => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => resolve());
});
await Promise.all([mock.stop(), docs.close()]);
console.log("Stopped the mock and the docs server.");
