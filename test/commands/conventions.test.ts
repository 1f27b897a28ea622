// @module-tag process: every test here starts a program of its own (vitest.config.ts).
// Every command behaves like a command (src/command.ts): --help and -h print the usage and exit 0;
// an unknown option is one line saying what is wrong and where help is, exit 2, no stack trace;
// `plivo-phlo --version` prints the package's version; a --port that is taken is refused in one
// line naming it (exit 2), while without --port a free port is used and printed.
import { readFileSync } from "node:fs";
import { createServer, type AddressInfo, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../helpers/spec.js";
import { runCli, runPackageScript, runProgram } from "../helpers/run-ts.js";
import { killScripts, runScript } from "../helpers/script-process.js";

// After the whole file, not each test: the tests run concurrently, and killing every running script
// after one test ended killed the processes other tests were still waiting for.
afterAll(killScripts);

const version = (JSON.parse(readFileSync(new URL("package.json", projectRoot), "utf8")) as { version: string }).version;

/** Stands for the plivo-phlo bin (dist/cli.js) where the tables below name what to run. */
const PLIVO_PHLO = "plivo-phlo";

/**
 * Runs a short-lived command line from the project root, with a clean environment: `npm …`, the
 * plivo-phlo bin, or a script as package.json runs it (node --import tsx/esm).
 */
const run = (file: string, args: string[]) => (file == "npm" ? runProgram("npm", args) : file == PLIVO_PHLO ? runCli(args) : runPackageScript(file, {}, args));

/**
 * Each command: how to run it, the name its messages start with, and the help they point to (an npm
 * script needs `--` before `--help`, or npm prints its own help: the `npm … -- --help` test below
 * runs each of those).
 */
const COMMANDS: [name: string, file: string, args: string[]][] = [
  ["plivo-phlo", PLIVO_PHLO, []],
  ["plivo-phlo contract", PLIVO_PHLO, ["contract"]],
  ["plivo-phlo mock", PLIVO_PHLO, ["mock"]],
  ["npm start", "scripts/start.ts", []],
  ["npm run mock", "scripts/mock.ts", []],
  ["npm run proxy", "scripts/proxy.ts", []],
];
const HELP: Record<string, string> = {
  "plivo-phlo": "plivo-phlo --help",
  "plivo-phlo contract": "plivo-phlo contract --help",
  "plivo-phlo mock": "plivo-phlo mock --help",
  "npm start": "npm start -- --help",
  "npm run mock": "npm run mock -- --help",
  "npm run proxy": "npm run proxy -- --help",
};

// Each test waits on child processes only: run them side by side.
describe.concurrent.each(COMMANDS)("%s", (name, file, args) => {
  it.each(["--help", "-h"])("%s: the usage on stdout, exit 0", async (flag) => {
    const { code, stdout, stderr } = await run(file, [...args, flag]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toMatch(/^Usage:/);
    expect(stdout).toContain(name == "plivo-phlo" ? "plivo-phlo contract" : name);
  }, 60_000);

  it("an unknown option: one line saying what is wrong and how to get help, exit 2", async () => {
    const { code, stdout, stderr } = await run(file, [...args, "--no-such-option"]);
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    expect(stderr).toBe(`${name}: unknown option --no-such-option (see ${HELP[name]})\n`);
  }, 60_000);
});

it.concurrent("plivo-phlo --version prints the package's version", async () => {
  expect(await run(PLIVO_PHLO, ["--version"])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
}, 60_000);

it.concurrent("plivo-phlo with an unknown command or none: one line, exit 2", async () => {
  for (const args of [["deploy"], []]) {
    const { code, stderr } = await run(PLIVO_PHLO, args);
    expect(code).toBe(2);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/^plivo-phlo: (unknown command deploy|no command).* \(see plivo-phlo --help\)$/m);
  }
}, 60_000);

it.concurrent("plivo-phlo mock --port 6000 (a port fetch refuses): one line naming the rule, exit 2", async () => {
  const { code, stdout, stderr } = await run(PLIVO_PHLO, ["mock", "--port", "6000"]);
  expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
  expect(stderr).toBe('plivo-phlo mock: --port 6000 is a port that fetch refuses to connect to (the Fetch standard\'s "bad ports"): choose another (see plivo-phlo mock --help)\n');
}, 60_000);

it.concurrent.each(["start", "run mock", "run proxy"])("npm %s -- --help: the usage through npm, exit 0", async (script) => {
  const { code, stdout } = await run("npm", [...script.split(" "), "--", "--help"]);
  expect(code).toBe(0);
  expect(stdout).toContain(`Usage: npm ${script}`);
}, 60_000);

describe.concurrent("a taken port", () => {
  let taken: Server;
  let port: number;
  beforeAll(async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    port = (taken.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => taken.close(resolve)));

  it.each([
    ["plivo-phlo mock", PLIVO_PHLO, ["mock", "--port"]],
    ["npm start", "scripts/start.ts", ["--docs-port", "0", "--port"]],
    ["npm run mock", "scripts/mock.ts", ["--port"]],
    ["npm run proxy", "scripts/proxy.ts", ["--upstream", "http://127.0.0.1:9/v1", "--port"]],
  ])("%s with --port naming it: one line naming the port, exit 2", async (name, file, args) => {
    const { code, stdout, stderr } = await run(file, [...args, String(port)]);
    expect(code).toBe(2);
    expect(stdout).not.toMatch(/ready/i);
    expect(stderr).toBe(`${name}: port ${port} (--port) is taken: choose another, or leave --port out for a free one (see ${HELP[name]})\n`);
  }, 60_000);

  it("npm start --docs-port naming it: the same, naming --docs-port, and the mock it had started is stopped", async () => {
    const { code, stderr } = await run("scripts/start.ts", ["--port", "0", "--docs-port", String(port)]);
    expect(code).toBe(2);
    expect(stderr).toBe(`npm start: port ${port} (--docs-port) is taken: choose another, or leave --docs-port out for a free one (see npm start -- --help)\n`);
  }, 60_000);

  it("npm run proxy without --port: a free port, printed", async () => {
    const proxy = runScript("scripts/proxy.ts", /^Proxy ready: .*http:\/\/127\.0\.0\.1:(\d+)\/v1/m, ["--upstream", "http://127.0.0.1:9/v1"]);
    const printed = Number(/http:\/\/127\.0\.0\.1:(\d+)\/v1/.exec(await proxy.ready)![1]);
    expect(printed).toBeGreaterThan(0);
    expect(printed).not.toBe(port);
    proxy.child.kill("SIGTERM");
    expect(await proxy.exit(30_000)).toBe(0);
    expect(proxy.stdout().trimEnd().split("\n").at(-1)).toBe("Stopped the proxy.");
  }, 60_000);
});
