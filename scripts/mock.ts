// `npm run mock [-- --port N --host H]`: the mock alone, until Ctrl-C (SIGINT) or SIGTERM.
// The port is --port, else $PORT (as hosting platforms set it), else a free one; a chosen port that
// is taken is an error (src/command.ts).
import { onPort, parseCommand, portOption, runCommand, announceUntilStopped } from "../src/command.js";

const spec = {
  name: "npm run mock",
  usage: `Usage: npm run mock [-- [--port N] [--host H]]
  Serves the mock until Ctrl-C or SIGTERM and prints its URL, a curl line and a Prefer example.
  The port is --port, else $PORT, else a free one; a chosen port that is taken is an error (exit 2).`,
  options: { port: { type: "string" }, host: { type: "string" } },
} as const;

process.exitCode = await runCommand(spec.name, async () => {
  const parsed = parseCommand(spec, process.argv.slice(2));
  if (!parsed) return 0;
  const { values } = parsed;
  const port = values.port === undefined ? portOption(process.env.PORT, "$PORT") : portOption(values.port);
  // The mock (Prism takes ~0.4 s to load) and the banner's spec reader (Ajv) are loaded once the
  // arguments are parsed and the port is free: --help, a usage mistake or a taken port answer without them.
  const mock = await onPort(
    port,
    0,
    async (chosen) => (await import("../src/mock/index.js")).startMock({ port: chosen, host: values.host }),
    values.port === undefined ? "$PORT" : "--port",
    values.host,
  );
  const { mockBanner } = await import("../src/mock/banner.js");
  await announceUntilStopped(mockBanner(mock.baseUrl));
  await mock.stop();
  return 0;
});
