// `npm run mock [-- --port N --host H --stateful --seed S]`: the mock alone, until Ctrl-C (SIGINT) or
// SIGTERM, served as `plivo-phlo mock` serves it (src/mock/serve.ts). The port is --port, else $PORT
// (as hosting platforms set it), else a free one; a chosen port that is taken is an error (src/command.ts).
import { exitWhenWritten, parseCommand, portOption, runCommand } from "../src/command.js";
import { serveMock } from "../src/mock/serve.js";

const spec = {
  name: "npm run mock",
  usage: `Usage: npm run mock [-- [--port N] [--host H] [--stateful] [--seed S]]
  Serves the mock until Ctrl-C or SIGTERM and prints its URL, a curl line and a Prefer example.
  The port is --port, else $PORT, else a free one; a chosen port that is taken is an error (exit 2).
  --stateful: it models each call and refuses what cannot apply (README: the mock's model).
  --seed S (any text): the same api_ids on every run.`,
  options: { port: { type: "string" }, host: { type: "string" }, stateful: { type: "boolean" }, seed: { type: "string" } },
} as const;

exitWhenWritten(await runCommand(spec.name, async () => {
  const parsed = parseCommand(spec, process.argv.slice(2));
  if (!parsed) return 0;
  const { values } = parsed;
  const fromEnvironment = values.port === undefined;
  const port = fromEnvironment ? portOption(process.env.PORT, "$PORT") : portOption(values.port);
  return serveMock({ port, portSource: fromEnvironment ? "$PORT" : "--port", host: values.host, stateful: values.stateful, seed: values.seed });
}));
