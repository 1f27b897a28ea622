// `created_on` is Plivo's own format (`2020-08-01 09:05:11.846982+00:00`), which the spec's pattern
// pins down: the mock keeps it in its examples and in every value it generates
// (`Prefer: dynamic=true`), and an ISO `T…Z` value is drift the contract check reports.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAnswer } from "../../src/contract/check.js";
import { contractCases, mockValues } from "../../src/contract/index.js";
import { examplePath, operationById } from "../../src/contract/spec.js";
import { startMock, type RunningMock } from "../../src/mock/index.js";
import { bundle, deref, type JsonObject } from "../helpers/spec.js";

const timestamp = deref<JsonObject>((bundle.components as { schemas: JsonObject }).schemas.PlivoTimestamp);
const pattern = new RegExp(timestamp.pattern as string);
const read = operationById("getMultiPartyCall");

let mock: RunningMock;
beforeAll(async () => (mock = await startMock()));
afterAll(() => mock.stop());

const createdOn = async (prefer?: string) => {
  const response = await fetch(`${mock.baseUrl}${examplePath(read)}`, {
    headers: { Authorization: `Basic ${btoa("id:token")}`, ...(prefer ? { Prefer: prefer } : {}) },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { created_on: unknown }).created_on;
};

describe("created_on", () => {
  it("is in Plivo's format in every example of the spec", () => {
    const examples = Object.values((bundle.components as { examples: JsonObject }).examples).map((example) => deref<{ value: JsonObject }>(example).value);
    const values = examples.filter((value) => value && typeof value == "object" && "created_on" in value).map((value) => value.created_on);
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) expect(value).toMatch(pattern);
    for (const value of timestamp.examples as string[]) expect(value).toMatch(pattern);
  });

  it("is in Plivo's format in the mock's example answer and in 20 generated ones", async () => {
    expect(await createdOn()).toMatch(pattern);
    for (let round = 0; round < 20; round++) expect(await createdOn("dynamic=true")).toMatch(pattern);
  });

  it("an ISO value is drift: the contract check names the field and the pattern", () => {
    const readCase = contractCases(mockValues()).find((contractCase) => contractCase.kind == "positive" && contractCase.operation?.operationId == "getMultiPartyCall")!;
    const node = { api_id: "4c1d8a9e-7b3f-4e2a-9d6c-0f1e2d3c4b5a", node_id: "36989807-a76f-4555-84d1-9dfdccca7a80", phlo_id: "4c1d8a9e-7b3f-4e2a-9d6c-0f1e2d3c4b5a", name: "Multi-Party Call", node_type: "multi_party_call", created_on: "2020-08-01T09:05:11Z" };
    const violations = checkAnswer(readCase, { status: 200, headers: new Headers({ "content-type": "application/json" }), text: JSON.stringify(node) });
    expect(violations).toEqual([expect.objectContaining({ where: "body/created_on", expected: expect.stringContaining("must match pattern"), got: '"2020-08-01T09:05:11Z"' })]);
  });
});
