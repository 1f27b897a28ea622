#!/usr/bin/env node
// `plivo-phlo`: the contract suite and the mock for consumers' CI.
//   plivo-phlo contract [--target mock|live] [--base-url URL] [--junit FILE]
//   plivo-phlo mock [--port N] [--host H] [--stateful] [--seed S]
//   plivo-phlo diff OLD NEW [--format text|junit|githubactions]   (src/diff.ts)
//   plivo-phlo --help | --version   (each subcommand takes --help/-h too: src/command.ts)
// Exit codes: 0 all cases kept the contract, 1 a violation, 2 a usage or settings error, 3 the target
// could not be reached (refused, no such host, TLS, every request timed out): an outage is not drift.
import { writeFile } from "node:fs/promises";
import { exitWhenWritten, parseCommand, portOption, runCommand, UsageError, version } from "./command.js";
import { DIFF_USAGE, diffCommand } from "./diff.js";
import { serveMock } from "./mock/serve.js";

// The contract suite, the mock and its banner are loaded by the command that runs them, once its
// arguments are parsed: --help, --version, diff and usage mistakes answer without them (the suite's
// validators alone cost about 70 ms of CPU at each start).
let suite: typeof import("./contract/index.js") | undefined;

const CONTRACT_USAGE = `  plivo-phlo contract [--target mock|live] [--base-url URL] [--junit FILE] [--timeout-ms N]
      Runs the contract suite on the target (default: PHLO_CONTRACT_TARGET, else mock).
      mock: starts the mock on a free port, unless --base-url names a running one. live: reads
      PLIVO_AUTH_ID, PLIVO_AUTH_TOKEN, PHLO_ID, NODE_ID (and PHLO_BASE_URL, PHLO_TRIGGER_SOURCE,
      PHLO_TO, PHLO_MEMBER_ADDRESS, PHLO_RUN_PAYLOAD); nothing that places a call unless PHLO_LIVE_PLACE_CALLS=1.
      --timeout-ms: the longest wait for one answer (default 30000).
      Exit codes: 0 kept, 1 violated, 2 bad settings or usage, 3 the target could not be reached.`;

const MOCK_USAGE = `  plivo-phlo mock [--port N] [--host H] [--stateful] [--seed S]
      Starts the mock and prints its base URL; Ctrl-C (or SIGTERM) stops it. Without --port, a
      free port; a --port that is taken is an error (exit 2). GET /__mock/requests lists what it
      received. --stateful: it models each call and refuses what cannot apply (README: the mock's
      model). --seed S (any text): the same api_ids on every run.`;

const USAGE = `Usage:
${CONTRACT_USAGE}
${MOCK_USAGE}
${DIFF_USAGE}
  plivo-phlo --help | --version`;

const contractSpec = {
  name: "plivo-phlo contract",
  usage: `Usage:\n${CONTRACT_USAGE}`,
  options: { target: { type: "string" }, "base-url": { type: "string" }, junit: { type: "string" }, "timeout-ms": { type: "string", default: "30000" } },
} as const;

async function contract(args: string[]): Promise<number> {
  const parsed = parseCommand(contractSpec, args);
  if (!parsed) return 0;
  const { values } = parsed;
  const timeoutMs = Number(values["timeout-ms"]);
  if (!/^\d+$/.test(values["timeout-ms"]) || !(timeoutMs > 0 && timeoutMs < 2 ** 31)) throw new UsageError(`--timeout-ms must be a positive whole number of milliseconds, not ${values["timeout-ms"]}`);
  suite = await import("./contract/index.js");
  const { count, junitXml, parseTarget, runContractSuite, summary, unreachable } = suite;
  const target = values.target === undefined ? undefined : parseTarget(values.target, "--target");
  const report = await runContractSuite({ target, baseUrl: values["base-url"], timeoutMs });
  console.log(summary(report));
  if (values.junit) {
    await writeFile(values.junit, junitXml(report));
    console.log(`JUnit XML written to ${values.junit}`);
  }
  return unreachable(report) ? 3 : count(report, "failed") ? 1 : 0;
}

const mockSpec = {
  name: "plivo-phlo mock",
  usage: `Usage:\n${MOCK_USAGE}`,
  options: { port: { type: "string" }, host: { type: "string" }, stateful: { type: "boolean" }, seed: { type: "string" } },
} as const;

async function mock(args: string[]): Promise<number> {
  const parsed = parseCommand(mockSpec, args);
  if (!parsed) return 0;
  const { values } = parsed;
  return serveMock({ port: portOption(values.port), portSource: "--port", host: values.host, stateful: values.stateful, seed: values.seed });
}

const topSpec = { name: "plivo-phlo", usage: USAGE, options: {}, allowPositionals: true } as const;

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command == "contract") return runCommand(contractSpec.name, () => contract(rest), (error) => suite !== undefined && error instanceof suite.ContractSettingsError);
  if (command == "mock") return runCommand(mockSpec.name, () => mock(rest));
  if (command == "diff") return diffCommand(rest);
  return runCommand(topSpec.name, async () => {
    if (command == "help") {
      console.log(USAGE);
      return 0;
    }
    const parsed = parseCommand(topSpec, args);
    if (!parsed) return 0;
    throw new UsageError(command ? `unknown command ${command}` : `no command (contract, mock or diff; plivo-phlo ${version()})`);
  });
}

exitWhenWritten(await main(process.argv.slice(2)));
