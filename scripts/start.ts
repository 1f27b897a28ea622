// `npm start [-- --port N --docs-port N --host H]`: the mock and the API docs on this machine, both
// until Ctrl-C (SIGINT) or SIGTERM. Nothing here needs the network: the docs page embeds Redoc.
//
// Default ports are fixed (4010, Prism's, for the mock; 4011 for the docs) so that bookmarks and
// curl lines keep working between runs; when one is taken, a free port is used and printed. A port
// given on the command line is used or refused (src/command.ts).
import { fileURLToPath } from "node:url";
import { announceUntilStopped, exitWhenWritten, onPort, parseCommand, portOption, runCommand } from "../src/command.js";
import { startStaticServer } from "./static-server.js";

const spec = {
  name: "npm start",
  usage: `Usage: npm start [-- [--port N] [--docs-port N] [--host H]]
  Serves the mock (default port 4010) and the API docs (default port 4011) until Ctrl-C or SIGTERM,
  and prints both URLs and a curl line to try. A default port that is taken is replaced by a free
  one; a --port or --docs-port that is taken is an error (exit 2). --host defaults to 127.0.0.1.`,
  options: { port: { type: "string" }, "docs-port": { type: "string" }, host: { type: "string", default: "127.0.0.1" } },
} as const;

exitWhenWritten(await runCommand(spec.name, async () => {
  const parsed = parseCommand(spec, process.argv.slice(2));
  if (!parsed) return 0;
  const { values } = parsed;
  const { host } = values;
  const [port, docsPort] = [portOption(values.port), portOption(values["docs-port"], "--docs-port")];
  // The mock (Prism takes ~0.4 s to load) and the banner's spec reader (Ajv) are loaded once the
  // arguments are parsed and the port is free: --help, a usage mistake or a taken port answer without them.
  const mock = await onPort(port, 4010, async (chosen) => (await import("../src/mock/index.js")).startMock({ port: chosen, host }), "--port", host);
  const { mockBanner } = await import("../src/mock/banner.js");
  const docs = await onPort(docsPort, 4011, (chosen) => startStaticServer(fileURLToPath(new URL("../docs/", import.meta.url)), { port: chosen, host }), "--docs-port", host).catch(
    async (error: unknown) => {
      await mock.stop();
      throw error;
    },
  );
  await announceUntilStopped(`API docs: ${docs.url}\n${mockBanner(mock.baseUrl)}`);
  await Promise.all([mock.stop(), docs.close()]);
  console.log("Stopped the mock and the docs server.");
  return 0;
}));
