// The mock lane: the whole generated suite against the project's mock (one Prism for this file).
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { runContractSuite, type ContractReport } from "../../src/contract/index.js";
import { createPhloClient, type MultiPartyCallResult } from "../../src/index.js";
import { startMock } from "../../src/mock/index.js";
import { AUTH_ID, AUTH_TOKEN, seedInput, specExample } from "../helpers/fetch.js";
import { bundle, type JsonObject } from "../helpers/spec.js";

describe("contract suite against the mock", () => {
  let mock: Awaited<ReturnType<typeof startMock>>;
  let report: ContractReport;
  beforeAll(async () => {
    mock = await startMock();
    report = await runContractSuite({ target: "mock", baseUrl: mock.baseUrl });
  }, 60_000);
  afterAll(() => mock?.stop());

  it("passes every case, skipping none", () => {
    const failed = report.results.filter((result) => result.outcome != "passed");
    expect(failed.map((result) => [result.name, result.request, ...result.violations.map((v) => `${v.where}: ${v.expected}, got ${v.got}`)])).toEqual([]);
  });

  it("got every documented status and every negative refusal it asked for", () => {
    const statuses = (kind: string) => new Set(report.results.filter((result) => result.kind == kind).map((result) => result.status));
    const documented = Object.values(bundle.paths as Record<string, JsonObject>).flatMap((item) =>
      Object.values(item).flatMap((operation) => Object.keys((operation as JsonObject).responses ?? {}).map(Number)),
    );
    expect(statuses("status")).toEqual(new Set(documented));
    expect([...statuses("negative")].every((status) => status! >= 400 && status! < 500)).toBe(true);
    expect(statuses("positive")).toEqual(new Set([200, 201]));
  });

  it("client.warmTransfer returns typed data: the seed's 201 body as { apiId, error }", async () => {
    const client = createPhloClient({ authId: AUTH_ID, authToken: AUTH_TOKEN, baseUrl: mock.baseUrl });
    const result = await client.warmTransfer(seedInput);
    expectTypeOf(result).toEqualTypeOf<MultiPartyCallResult>();
    expectTypeOf(result.error).toEqualTypeOf<"">();
    const seedResponse = specExample<{ api_id: string }>("WarmTransferStartedResponse");
    expect(result).toEqual({ apiId: seedResponse.api_id, error: "" });
  });
});
