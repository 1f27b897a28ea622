// The live lane: its machinery against a local stand-in for Plivo (always, no network), and against
// the real API only when a consumer's CI provides the credentials.
import { isDeepStrictEqual } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acts, describeViolation, junitXml, liveSkipReason, runContractSuite, summary, unreachable, type ContractReport } from "../../src/contract/index.js";
import { UNREACHABLE_AFTER } from "../../src/contract/runner.js";
import { AUTH_TOKEN, BASIC_CREDENTIAL, credentialLeaks } from "../helpers/fetch.js";
import { closedPort } from "../helpers/local-server.js";
import { LIVE, liveEnv, startFakePlivo, type Drift, type FakePlivo } from "./fake-plivo.js";

const withOutcome = (report: ContractReport, outcome: string) => report.results.filter((result) => result.outcome == outcome);

/** Requests to the real PHLO or node with a method that can act, whatever their credentials and body. */
const actingRequests = (fake: FakePlivo) =>
  fake.received.filter((request) => acts({ method: request.method }) && (request.url.includes(LIVE.nodeId) || request.url.includes(LIVE.phloId)));

describe("live lane against a local Plivo that keeps the contract", () => {
  let fake: FakePlivo;
  beforeAll(async () => (fake = await startFakePlivo()));
  afterAll(() => fake.close());

  it("is safe by default: nothing that could act reaches the real node, and every sent case passes", async () => {
    const report = await runContractSuite({ target: "live", env: liveEnv(fake.baseUrl) });
    const [passed, failed, skipped] = (["passed", "failed", "skipped"] as const).map((outcome) => withOutcome(report, outcome));
    expect(failed!.map((result) => `${result.name}: ${JSON.stringify(result.violations)}`)).toEqual([]);
    expect(fake.acted).toEqual([]);
    expect(actingRequests(fake)).toEqual([]);
    // The safe cases still ran: reads, bad credentials, unknown ids, invalid bodies, wrong methods.
    // One request per case sent.
    expect(fake.received.length).toBe(passed!.length);
    expect(passed!.some((result) => result.request.startsWith("GET") && result.status == 200)).toBe(true);
    expect(passed!.filter((result) => result.status == 401).length).toBeGreaterThanOrEqual(3);
    expect(skipped!.map((result) => result.reason).filter((reason) => !/PHLO_LIVE_PLACE_CALLS=1|mock only|trailing slash with the read/.test(reason ?? ""))).toEqual([]);
  }, 60_000);

  it("sends the positive cases, member actions included, only with PHLO_LIVE_PLACE_CALLS=1", async () => {
    fake.received.length = 0;
    const runPayload = { from: LIVE.triggerSource, to: LIVE.to };
    const report = await runContractSuite({ target: "live", env: liveEnv(fake.baseUrl, { PHLO_LIVE_PLACE_CALLS: "1", PHLO_RUN_PAYLOAD: JSON.stringify(runPayload) }) });
    const skipped = withOutcome(report, "skipped");
    expect(withOutcome(report, "failed").map((result) => result.name)).toEqual([]);
    expect(skipped.map((result) => result.reason)).toEqual(expect.arrayContaining([expect.stringContaining("mock only")]));
    // Skipped with the opt-in: the statuses only the mock can be asked for, requests already sent
    // once, and the trailing-slash form of a request that acts.
    expect(skipped.map((result) => result.reason).filter((reason) => !/mock only|sent once|trailing slash with the read/.test(reason ?? ""))).toEqual([]);
    // The PHLO runs with PHLO_RUN_PAYLOAD, once per distinct request.
    const runs = fake.acted.filter((request) => request.url.includes("/account/"));
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.every((request) => isDeepStrictEqual(JSON.parse(request.body), runPayload))).toBe(true);
    const bodies = fake.acted.filter((request) => !runs.includes(request)).map((request) => JSON.parse(request.body) as { action: string; to?: string });
    expect(new Set(bodies.map((body) => body.action))).toEqual(
      new Set(["warm_transfer", "cold_transfer", "call", "abort_transfer", "resume_call", "hold", "unhold", "hangup", "voicemail_drop"]),
    );
    // The live call's addresses, not the spec's examples.
    expect(bodies.filter((body) => body.to).every((body) => body.to == LIVE.to)).toBe(true);
    expect(fake.acted.filter((request) => request.url.includes("/members/")).every((request) => request.url.endsWith(`/members/${LIVE.member}`))).toBe(true);
  }, 60_000);

  it("skips the PHLO run, with the reason, when PHLO_RUN_PAYLOAD is not set", async () => {
    const report = await runContractSuite({ target: "live", env: liveEnv(fake.baseUrl, { PHLO_LIVE_PLACE_CALLS: "1" }) });
    const run = report.results.filter((result) => /^runPhlo (runPhlo|client\.)/.test(result.name));
    expect(run.length).toBeGreaterThan(0);
    expect(run.every((result) => result.outcome == "skipped")).toBe(true);
    expect(run.some((result) => /PHLO_RUN_PAYLOAD/.test(result.reason ?? ""))).toBe(true);
  }, 60_000);
});

describe("live lane against a local Plivo that drifts from the contract", () => {
  // The node read loses `api_id` and returns `created_on` as a number; refusals of credentials come
  // back as HTML that echoes the token, and "not found" echoes the Authorization header in `api_id`,
  // as a misconfigured gateway might.
  const drift: Drift = (request, reply) => {
    if (reply.status == 200) {
      const { api_id: _, ...node } = JSON.parse(reply.text) as Record<string, unknown>;
      return { ...reply, text: JSON.stringify({ ...node, created_on: 1596272711 }) };
    }
    if (reply.status == 401) return { status: 401, headers: { "content-type": "text/html" }, text: `<h1>Denied: token=${AUTH_TOKEN}</h1>` };
    if (reply.status == 404) return { ...reply, text: JSON.stringify({ api_id: `${request.headers.authorization}`, error: "Not found." }) };
    return reply;
  };
  let fake: FakePlivo;
  let report: ContractReport;
  beforeAll(async () => {
    fake = await startFakePlivo(drift);
    report = await runContractSuite({ target: "live", env: liveEnv(fake.baseUrl) });
  });
  afterAll(() => fake.close());

  it("fails the cases that met the drift, naming the field, what the spec expects and what came back", () => {
    const failed = withOutcome(report, "failed");
    const read = failed.find((result) => result.name.startsWith("getMultiPartyCall request"));
    expect(read?.violations).toEqual(
      expect.arrayContaining([
        { where: "body/api_id", expected: "must be present (required)", got: "(missing)" },
        { where: "body/created_on", expected: "must be string", got: "1596272711" },
      ]),
    );
    const unauthorized = failed.filter((result) => result.name.includes("credentials"));
    expect(unauthorized.length).toBeGreaterThanOrEqual(3);
    expect(unauthorized[0]?.violations).toEqual(expect.arrayContaining([{ where: "content-type", expected: "must be application/json", got: "text/html" }]));
    const notFound = failed.find((result) => result.name.includes("unknown phlo_id"));
    expect(notFound?.violations).toEqual([{ where: "body/api_id", expected: 'must match format "uuid"', got: '"Basic [REDACTED]"' }]);
    // Only the drifted answers fail.
    expect(failed.every((result) => [200, 401, 404].includes(result.status!))).toBe(true);
  });

  it("never lets the credentials into the summary or the JUnit XML, though the server echoed them", () => {
    const texts = [summary(report), junitXml(report)];
    expect(texts[0]).toContain("[REDACTED]");
    expect(texts.flatMap(credentialLeaks)).toEqual([]);
    // The server's HTML reaches the JUnit file escaped, so the file stays well-formed XML.
    expect(texts[1]).not.toContain("<h1>");
    expect(texts[1]).toContain("&#34;&#60;h1&#62;Denied: token=[REDACTED]&#60;/h1&#62;&#34;");
  });
});

it("says the target could not be reached, and stops sending, when the live target does not answer", async () => {
  const report = await runContractSuite({ target: "live", env: liveEnv(`http://127.0.0.1:${await closedPort()}/v1`) });
  const sent = report.results.filter((result) => result.outcome != "skipped");
  expect(sent).toHaveLength(UNREACHABLE_AFTER);
  // Raw requests say "connection"; client cases quote the client's PhloConnectionError.
  const reasons = sent.map((result) => result.outcome + " " + result.violations.map(describeViolation).join(" | "));
  expect(reasons.filter((line) => !/^failed .*: must (answer|return the typed result), got .*ECONNREFUSED/.test(line))).toEqual([]);
  expect(unreachable(report)).toMatch(/ECONNREFUSED/);
  expect(report.results.filter((result) => result.reason?.startsWith("not sent: the target could not be reached")).length).toBeGreaterThan(0);
}, 60_000);

const reason = liveSkipReason(process.env);
describe.skipIf(reason)(`live lane against Plivo's API (${reason ? `skipped: ${reason}` : "credentials set"})`, () => {
  it("keeps the contract (safe by default; PHLO_LIVE_PLACE_CALLS=1 also places calls)", async () => {
    const report = await runContractSuite({ target: "live" });
    expect(report.results.filter((result) => result.outcome == "failed").map((result) => result.name)).toEqual([]);
  }, 120_000);
});
