// `npm run mock [-- --port N --host H]`: the mock alone, until Ctrl-C (SIGINT) or SIGTERM.
// The port is --port, else $PORT (as hosting platforms set it), else a free one.
import { parseArgs } from "node:util";
import { mockBanner } from "../src/mock/banner.js";
import { startMock } from "../src/mock/index.js";

const { values } = parseArgs({ options: { port: { type: "string" }, host: { type: "string" } } });
const portText = values.port ?? process.env.PORT;
const port = portText === undefined ? 0 : Number(portText);
if (!(portText === undefined || (/^\d+$/.test(portText) && port < 65536))) {
  console.error(`mock: the port must be a number from 0 to 65535, not ${portText}`);
  process.exit(2);
}

const mock = await startMock({ port, host: values.host });
console.log(mockBanner(mock.baseUrl));
await new Promise<void>((resolve) => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => resolve());
});
await mock.stop();
