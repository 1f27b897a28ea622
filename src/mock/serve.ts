// The mock as a command serves it (`plivo-phlo mock`, `npm run mock`): on the chosen port (refused
// in one line when taken) or a free one, with the banner, until Ctrl-C or SIGTERM.
import { announceUntilStopped, onPort } from "../command.js";
import type { MockOptions } from "./index.js";

export interface ServedMock extends Omit<MockOptions, "port"> {
  /** The port chosen by the user, undefined for a free one. */
  port: number | undefined;
  /** Where the port came from, as the refusal of a taken one names it: `--port`, `$PORT`. */
  portSource: string;
}

export async function serveMock({ port, portSource, host, ...options }: ServedMock): Promise<number> {
  // The mock (Prism takes ~0.4 s to load) and the banner's spec reader (Ajv) are loaded once the
  // arguments are parsed and the port is free: --help, a usage mistake or a taken port answer without them.
  const mock = await onPort(port, 0, async (chosen) => (await import("./index.js")).startMock({ ...options, port: chosen, ...(host ? { host } : {}) }), portSource, host);
  const { mockBanner } = await import("./banner.js");
  await announceUntilStopped(mockBanner(mock.baseUrl, { stateful: options.stateful }));
  await mock.stop();
  console.log("Stopped the mock.");
  return 0;
}
