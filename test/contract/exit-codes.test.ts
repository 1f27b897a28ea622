// Exit codes and settings a CI can trust: 0 kept, 1 violated, 2 bad settings or usage, 3 the target
// could not be reached (an outage is not drift); a wrong status quotes the server's own words; the
// summary says how long the run took.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contractCases, mockValues, runContractSuite, summary, unreachable } from "../../src/contract/index.js";
import { checkAnswer } from "../../src/contract/check.js";
import { UNREACHABLE_AFTER } from "../../src/contract/runner.js";
import { closedPort, startLocalServer, type LocalServer } from "../helpers/local-server.js";
import { runCli } from "../helpers/run-ts.js";
import { liveEnv, startFakePlivo, type FakePlivo } from "./fake-plivo.js";

const contract = (env: Record<string, string>, ...args: string[]) => runCli(["contract", ...args], env);

// The tests wait on child processes, servers and timeouts, and share no state: they run side by side
// (the slowest waits out about 70 timeouts, one request after the other).

describe.concurrent("exit 2: settings and usage", { tags: ["process"] }, () => {
  it.each([
    ["PHLO_CONTRACT_TARGET=staging", { PHLO_CONTRACT_TARGET: "staging" }, /^plivo-phlo contract: PHLO_CONTRACT_TARGET must be mock or live, not "staging" \(see plivo-phlo contract --help\)$/m],
    ["an empty PHLO_BASE_URL (target live)", { ...liveEnv(""), PHLO_CONTRACT_TARGET: "live" }, /^plivo-phlo contract: PHLO_BASE_URL is empty/m],
    ["a PHLO_BASE_URL that is no URL (target LIVE)", { ...liveEnv("not a url"), PHLO_CONTRACT_TARGET: "LIVE" }, /^plivo-phlo contract: PHLO_BASE_URL is not a usable base URL/m],
    ["a plain-http PHLO_BASE_URL off this machine (target Live)", { ...liveEnv("http://phlo.example.com/v1"), PHLO_CONTRACT_TARGET: "Live" }, /^plivo-phlo contract: PHLO_BASE_URL is not a usable base URL/m],
  ])("%s", async (_name, env, message) => {
    const { code, stdout, stderr } = await contract(env);
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/^\s+at /m);
  }, 60_000);

  it.each([
    [["--timeout-ms", "0"], "--timeout-ms must be a positive whole number of milliseconds, not 0"],
    [["--timeout-ms", "soon"], "--timeout-ms must be a positive whole number of milliseconds, not soon"],
    [["--target", "prod"], "--target must be mock or live, not \"prod\""],
    [["--base-url", "ftp://x"], "--base-url is not a usable base URL"],
  ])("contract %o", async (args, message) => {
    const { code, stderr } = await contract({}, ...args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  }, 60_000);
});

describe.concurrent("exit 3: the target could not be reached", { tags: ["process"] }, () => {
  let hanging: LocalServer;
  let plain: LocalServer;
  beforeAll(async () => {
    // Takes every request and never answers.
    hanging = await startLocalServer(() => new Promise(() => undefined));
    // Plain HTTP where the suite expects TLS: the handshake fails.
    plain = await startLocalServer((_, response) => void response.end("not TLS"));
  });
  afterAll(() => Promise.all([hanging.close(), plain.close()]));

  it("a refused connection: exit 3, the reason in the summary, and the rest not sent", async () => {
    const { code, stdout } = await contract(liveEnv(`http://127.0.0.1:${await closedPort()}/v1`), "--target", "live");
    expect(code).toBe(3);
    expect(stdout).toMatch(/^The target could not be reached: .*ECONNREFUSED/m);
    expect(stdout).toMatch(/not sent: the target could not be reached \(3 requests got no answer\)/);
  }, 60_000);

  it("every request timed out (--timeout-ms): exit 3, fast", async () => {
    // The server never answers: any timeout ends each request the same way.
    const { code, stdout } = await contract(liveEnv(hanging.baseUrl), "--target", "live", "--timeout-ms", "300");
    expect(code).toBe(3);
    expect(stdout).toMatch(/^The target could not be reached: /m);
    // Three requests were waited for, not the whole suite (under load, one may time out before it arrives).
    expect(stdout).toContain("(3 requests got no answer)");
    expect(hanging.received.length).toBeLessThanOrEqual(3);
  }, 60_000);

  it("TLS that fails: exit 3", async () => {
    const { code, stdout } = await contract(liveEnv(`https://localhost:${plain.port}/v1`), "--target", "live", "--timeout-ms", "5000");
    expect(code).toBe(3);
    expect(stdout).toMatch(/^The target could not be reached: /m);
  }, 60_000);
});

describe.concurrent("exit 1 is drift, not an outage", () => {
  let fake: FakePlivo;
  beforeAll(async () => {
    // Answers reads; refuses a valid credential on the node as a role error, as a drifted Plivo might.
    fake = await startFakePlivo((request, reply) =>
      request.method == "POST" && reply.status == 404 ? { status: 400, headers: { "content-type": "application/json" }, text: JSON.stringify({ api_id: "4c1d8a9e-7b3f-4e2a-9d6c-0f1e2d3c4b5a", error: "Invalid value provided for role." }) } : reply,
    );
  });
  afterAll(() => fake.close());

  it("a target that answers but breaks the contract exits 1; the summary quotes its error text and the total time", { tags: ["process"], timeout: 60_000 }, async () => {
    const { code, stdout } = await contract(liveEnv(fake.baseUrl), "--target", "live");
    expect(code).toBe(1);
    expect(stdout).toContain('status: must be 404, got 400, error "Invalid value provided for role."');
    expect(stdout).toMatch(/^\d+ passed, \d+ failed, \d+ skipped in \d+\.\d s$/m);
    expect(stdout).not.toMatch(/could not be reached/);
  });

  it("a target that answers reads but lets a run of writes time out is drift (1), not unreachable, and the rest is still sent", async () => {
    // More writes in a row than UNREACHABLE_AFTER, after reads that were answered: the rule that stops
    // a run against a target that answers nothing must not stop this one. Later writes are answered.
    const hangingWrites = UNREACHABLE_AFTER + 3;
    let writes = 0;
    const server = await startLocalServer((request, response) => {
      if (request.method != "GET" && ++writes <= hangingWrites) return;
      response.writeHead(request.method == "GET" ? 401 : 404, { "content-type": "application/json" });
      response.end(JSON.stringify({ api_id: "4c1d8a9e-7b3f-4e2a-9d6c-0f1e2d3c4b5a", error: "Authentication failed." }));
    });
    try {
      // The suite starts with 9 reads: one answer among them is all the verdict needs, so 100 ms holds
      // even when a read is slowed down by a busy machine.
      const report = await runContractSuite({ target: "live", env: liveEnv(server.baseUrl), timeoutMs: 100 });
      expect(unreachable(report)).toBeUndefined();
      expect(summary(report)).not.toMatch(/could not be reached/);
      const sent = report.results.filter((result) => result.outcome != "skipped");
      expect(sent.filter((result) => result.status === undefined).length).toBeGreaterThanOrEqual(hangingWrites);
      // Sent to the end: the last request was answered.
      expect(sent.at(-1)!.status).toBeDefined();
      expect(report.results.filter((result) => /could not be reached/.test(result.reason ?? ""))).toEqual([]);
    } finally {
      await server.close();
    }
  }, 60_000);
});

it("a wrong documented status quotes the server's error text", () => {
  const positive = contractCases(mockValues()).find((contractCase) => contractCase.kind == "positive" && contractCase.method == "POST")!;
  const answer = { status: 400, headers: new Headers({ "content-type": "application/json" }), text: JSON.stringify({ api_id: "4c1d8a9e-7b3f-4e2a-9d6c-0f1e2d3c4b5a", error: "Invalid value provided for role." }) };
  expect(checkAnswer(positive, answer)).toEqual([{ where: "status", expected: "must be 201", got: '400, error "Invalid value provided for role."' }]);
});
