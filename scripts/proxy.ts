// `npm run proxy [-- --upstream URL --port N --host H]`: the validation proxy, until Ctrl-C (SIGINT)
// or SIGTERM. Upstream is --upstream, else $PHLO_BASE_URL, else Plivo's own server. Each contract
// violation is printed to stderr, one line each; the app's traffic itself is not printed.
import { parseArgs } from "node:util";
import { startProxy } from "../src/mock/proxy.js";

const PLIVO = "https://phlorunner.plivo.com/v1";

const { values } = parseArgs({ options: { upstream: { type: "string" }, port: { type: "string" }, host: { type: "string" } } });
const upstream = values.upstream ?? process.env.PHLO_BASE_URL ?? PLIVO;
if (!URL.canParse(upstream) || !/^https?:$/.test(new URL(upstream).protocol)) {
  console.error(`proxy: the upstream must be an http(s) URL such as ${PLIVO}, not ${upstream}`);
  process.exit(2);
}
const portText = values.port ?? "0";
const port = Number(portText);
if (!/^\d+$/.test(portText) || port > 65535) {
  console.error(`proxy: the port must be a number from 0 to 65535, not ${portText}`);
  process.exit(2);
}

const proxy = await startProxy({ upstream, port, host: values.host });
// Only the origin of upstream: a URL with user:password in it would otherwise be printed.
const shown = new URL(upstream);
console.log(
  [
    `Proxy ready: give your app ${proxy.baseUrl} as the PHLO base URL (Ctrl-C stops it)`,
    `It forwards to ${shown.origin}${shown.pathname} what keeps the contract and prints every violation to stderr;`,
    "a request that breaks the contract is answered by the proxy and not forwarded.",
  ].join("\n"),
);
await new Promise<void>((resolve) => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => resolve());
});
await proxy.stop();
