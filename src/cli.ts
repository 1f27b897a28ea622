#!/usr/bin/env node
// `plivo-phlo`: the contract suite and the mock for consumers' CI.
//   plivo-phlo contract [--target mock|live] [--base-url URL] [--junit FILE]
//   plivo-phlo mock [--port N] [--host H]
//   plivo-phlo diff OLD NEW [--format text|junit|githubactions]   (src/diff.ts)
// Exit codes: 0 all cases kept the contract, 1 a violation, 2 a usage or settings error, 3 the target
// could not be reached (refused, no such host, TLS, every request timed out): an outage is not drift.
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { ContractSettingsError, count, junitXml, parseTarget, runContractSuite, summary, unreachable } from "./contract/index.js";
import { DIFF_USAGE, diffCommand } from "./diff.js";
import { mockBanner } from "./mock/banner.js";

const USAGE = `Usage:
  plivo-phlo contract [--target mock|live] [--base-url URL] [--junit FILE] [--timeout-ms N]
      Runs the contract suite on the target (default: PHLO_CONTRACT_TARGET, else mock).
      mock: starts the mock on a free port, unless --base-url names a running one. live: reads
      PLIVO_AUTH_ID, PLIVO_AUTH_TOKEN, PHLO_ID, NODE_ID (and PHLO_BASE_URL, PHLO_TRIGGER_SOURCE,
      PHLO_TO, PHLO_MEMBER_ADDRESS); nothing that places a call unless PHLO_LIVE_PLACE_CALLS=1.
      --timeout-ms: the longest wait for one answer (default 30000).
      Exit 0 kept, 1 violated, 2 bad settings or usage, 3 target unreachable.
  plivo-phlo mock [--port N] [--host H]
      Starts the mock and prints its base URL; Ctrl-C stops it.
${DIFF_USAGE}`;

class UsageError extends Error {}

async function contract(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { target: { type: "string" }, "base-url": { type: "string" }, junit: { type: "string" }, "timeout-ms": { type: "string", default: "30000" } },
  });
  const timeoutMs = Number(values["timeout-ms"]);
  if (!/^\d+$/.test(values["timeout-ms"]) || !(timeoutMs > 0 && timeoutMs < 2 ** 31)) throw new UsageError(`--timeout-ms must be a positive whole number of milliseconds, not ${values["timeout-ms"]}`);
  const target = values.target === undefined ? undefined : parseTarget(values.target, "--target");
  const report = await runContractSuite({ target, baseUrl: values["base-url"], timeoutMs });
  console.log(summary(report));
  if (values.junit) {
    await writeFile(values.junit, junitXml(report));
    console.log(`JUnit XML written to ${values.junit}`);
  }
  return unreachable(report) ? 3 : count(report, "failed") ? 1 : 0;
}

async function mock(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { port: { type: "string" }, host: { type: "string" } } });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) throw new UsageError(`--port must be a port number, not ${values.port}`);
  const { startMock } = await import("./mock/index.js");
  const server = await startMock({ ...(port === undefined ? {} : { port }), ...(values.host ? { host: values.host } : {}) });
  console.log(mockBanner(server.baseUrl));
  await new Promise<void>((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => resolve());
  });
  await server.stop();
  return 0;
}

async function main([command, ...args]: string[]): Promise<number> {
  try {
    if (command == "contract") return await contract(args);
    if (command == "mock") return await mock(args);
    if (command == "diff") return await diffCommand(args);
    if (command == "help" || command == "--help" || command == "-h") {
      console.log(USAGE);
      return 0;
    }
    throw new UsageError(command ? `unknown command ${command}` : "no command");
  } catch (error) {
    // Settings errors name variables, never their values; parseArgs errors carry a code.
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    console.error(`plivo-phlo: ${error instanceof Error ? error.message : String(error)}${usage ? `\n\n${USAGE}` : ""}`);
    return usage || error instanceof ContractSettingsError ? 2 : 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
