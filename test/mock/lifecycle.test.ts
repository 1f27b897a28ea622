// The mock's lifecycle: started and stopped in-process it leaves nothing behind, and `npm run mock`
// (scripts/mock.ts) prints a curl line that works, then stops cleanly on SIGINT and SIGTERM.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstExample, operationById } from "../../src/contract/spec.js";
import { startMock } from "../../src/mock/index.js";
import { closedPort } from "../helpers/local-server.js";
import { killScripts, refused, runScript, sh, type ScriptRun } from "../helpers/script-process.js";

/** The process's live handles by kind (TCPServerWrap, TCPSocketWrap, Timeout, …), counted. */
function resources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

/**
 * Waits until `check` holds: a closed server or socket stays listed until libuv has run its close
 * callback, a few ticks after stop() resolves, which is not a leak.
 */
async function eventually<T>(value: () => T, check: (current: T) => boolean, ms = 2_000): Promise<T> {
  const deadline = Date.now() + ms;
  let current = value();
  while (!check(current) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    current = value();
  }
  return current;
}

describe("startMock in-process", () => {
  it("starts and stops 20 times, leaving no listening port and no handle behind", async () => {
    const baseline = resources();
    const ports: number[] = [];
    for (let round = 0; round < 20; round++) {
      const mock = await startMock();
      ports.push(mock.port);
      await mock.stop();
    }
    expect(ports.filter((port) => port > 0)).toHaveLength(20);
    expect(await Promise.all(ports.map(refused))).toEqual(ports.map(() => true));
    // Only more than at the start is a leak: the runner's own timers may have ended meanwhile.
    const leaks = () => Object.entries(resources()).filter(([kind, count]) => count > (baseline[kind] ?? 0));
    expect(await eventually(leaks, (found) => found.length == 0)).toEqual([]);
  }, 60_000);
});

describe("scripts/mock.ts (npm run mock)", { tags: ["process"] }, () => {
  // After the whole block: a failed test must leave no process behind, but the first tests share one.
  afterAll(killScripts);

  const readyLine = /^Mock ready: .*?http:\/\/127\.0\.0\.1:(\d+)\/v1/m;
  const mockScript = (args: string[], env: Record<string, string> = {}) => runScript("scripts/mock.ts", readyLine, args, env);
  const portOf = (stdout: string) => Number(readyLine.exec(stdout)![1]);

  // One mock for its banner's lines: each is a program start (about a second of CPU).
  describe("started with --port 0, its banner", () => {
    let run: ScriptRun;
    let stdout: string;
    beforeAll(async () => {
      run = mockScript(["--port", "0"]);
      // The banner is printed in one write: once the ready line is there, so are the curl lines.
      stdout = await run.ready;
    }, 60_000);

    it("prints a curl line that starts the seed's warm transfer (201)", async () => {
      const curl = /^\s*(curl .*)$/m.exec(stdout)?.[1];
      expect(curl).toBeDefined();
      // `curl -i`: the status line, the headers, a blank line, then the body.
      const [head, body] = (await sh(curl!)).split(/\r?\n\r?\n/);
      expect(head).toMatch(/^HTTP\/1\.1 201 /);
      expect(JSON.parse(body!)).toEqual(firstExample(operationById("updateMultiPartyCall").responses.get(201)!.content));
    });

    it("prints a Prefer line that gets the documented 429", async () => {
      const curl = /^\s*(curl .*Prefer: code=429.*)$/m.exec(stdout)?.[1];
      expect(curl).toBeDefined();
      expect(await sh(curl!)).toMatch(/^HTTP\/1\.1 429 /);
    });

    it("then exits 0 on SIGINT and frees its port", async () => {
      run.child.kill("SIGINT");
      expect(await run.exit(20_000)).toBe(0);
      expect(await refused(portOf(stdout))).toBe(true);
    });
  });

  it("listens on $PORT and, on SIGTERM, exits 0 leaving no port behind", async () => {
    const free = await closedPort();
    const { child, ready, exit } = mockScript([], { PORT: String(free) });
    expect(portOf(await ready)).toBe(free);
    child.kill("SIGTERM");
    expect(await exit(20_000)).toBe(0);
    expect(await refused(free)).toBe(true);
  }, 60_000);

  it("a SIGTERM sent the moment the ready line arrives still stops it cleanly (exit 0), even with several starting at once", async () => {
    // The reader of the ready line may signal before the writer runs its next statement: the handlers must
    // already be there (before the fix, 18 of 30 such runs died of the default SIGTERM action). That
    // order is checked exactly in test/commands/signals.test.ts; here, the whole process under load.
    const runs = Array.from({ length: 3 }, () => mockScript(["--port", "0"]));
    const codes = await Promise.all(
      runs.map(async ({ child, ready, exit }) => {
        await ready;
        child.kill("SIGTERM");
        return exit(20_000);
      }),
    );
    expect(codes).toEqual(runs.map(() => 0));
  }, 60_000);

  it("refuses a port that is not a number, with exit code 2", async () => {
    const { exit, stderr } = mockScript(["--port", "http"]);
    expect(await exit(30_000)).toBe(2);
    expect(stderr()).toContain("npm run mock: --port must be a number from 0 to 65535, not http");
  }, 60_000);
});
