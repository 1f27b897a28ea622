// `npm run proxy [-- --upstream URL --port N --host H]`: the validation proxy, until Ctrl-C (SIGINT)
// or SIGTERM. Upstream is --upstream, else $PHLO_BASE_URL, else Plivo's own server. Each contract
// violation is printed to stderr, one line each; the app's traffic itself is not printed.
import { announceUntilStopped, exitWhenWritten, onPort, parseCommand, portOption, runCommand, UsageError } from "../src/command.js";

const PLIVO = "https://phlorunner.plivo.com/v1";

const spec = {
  name: "npm run proxy",
  usage: `Usage: npm run proxy [-- [--upstream URL] [--port N] [--host H]]
  Checks every request and answer against the spec on their way to and from upstream (--upstream,
  else $PHLO_BASE_URL, else ${PLIVO}), printing each violation to stderr, until Ctrl-C or SIGTERM.
  Without --port, a free port; a --port that is taken is an error (exit 2).`,
  options: { upstream: { type: "string" }, port: { type: "string" }, host: { type: "string" } },
} as const;

exitWhenWritten(await runCommand(spec.name, async () => {
  const parsed = parseCommand(spec, process.argv.slice(2));
  if (!parsed) return 0;
  const { values } = parsed;
  const upstream = values.upstream ?? process.env.PHLO_BASE_URL ?? PLIVO;
  if (!URL.canParse(upstream) || !/^https?:$/.test(new URL(upstream).protocol)) {
    // The value is not echoed: a URL can hold user:password.
    throw new UsageError(`the upstream (${values.upstream === undefined ? "PHLO_BASE_URL" : "--upstream"}) must be an http(s) URL such as ${PLIVO}`);
  }
  // Loaded once the arguments are parsed and the port is free: Prism takes ~0.4 s to load, and --help,
  // a usage mistake or a taken port should answer without it.
  const proxy = await onPort(portOption(values.port), 0, async (port) => (await import("../src/mock/proxy.js")).startProxy({ upstream, port, host: values.host }), "--port", values.host);
  // Only the origin of upstream: a URL with user:password in it would otherwise be printed.
  const shown = new URL(upstream);
  await announceUntilStopped(
    [
      `Proxy ready: give your app ${proxy.baseUrl} as the PHLO base URL (Ctrl-C stops it)`,
      `It forwards to ${shown.origin}${shown.pathname} what keeps the contract and prints every violation to stderr;`,
      "a request that breaks the contract is answered by the proxy and not forwarded.",
    ].join("\n"),
  );
  await proxy.stop();
  console.log("Stopped the proxy.");
  return 0;
}));
