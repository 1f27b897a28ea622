// The generated matrix, checked against the spec read independently (test/helpers/spec.ts): every
// operation, status, example, required field, enum, path parameter and undefined method has its
// case; every negative request really breaks the contract; live planning never aims a request that
// could act at the real node without the opt-in.
import { describe, expect, it } from "vitest";
import { acts, contractCases, liveSettings, mockValues, type ContractCase } from "../../src/contract/index.js";
import { bundle, deref, violations, type JsonObject } from "../helpers/spec.js";

const METHODS = ["get", "put", "post", "delete", "patch"];
const paths = bundle.paths as Record<string, JsonObject>;
type Operation = JsonObject & { operationId: string; path: string; method: string; responses: Record<string, JsonObject>; requestBody?: unknown };
const operations = Object.entries(paths).flatMap(([path, item]) =>
  METHODS.filter((method) => item[method]).map((method) => ({ ...deref(item[method]), path, method: method.toUpperCase() }) as Operation),
);
const bodySchemaOf = (operation: JsonObject) =>
  operation.requestBody ? deref<JsonObject>(deref<{ content: Record<string, { schema: unknown }> }>(operation.requestBody).content["application/json"]!.schema) : undefined;

const mock = contractCases(mockValues());
const liveEnv = { PLIVO_AUTH_ID: "MAXXXXXXXXXXXXXXXXXX", PLIVO_AUTH_TOKEN: "t", PHLO_ID: "real-phlo", NODE_ID: "real-node", PHLO_MEMBER_ADDRESS: "+14155550100" };
const of = (cases: ContractCase[], operationId: string, kind: ContractCase["kind"]) =>
  cases.filter((contractCase) => contractCase.operation?.operationId == operationId && contractCase.kind == kind);

describe.each(operations)("cases of $operationId", (operation) => {
  const { responses } = operation;
  const body = bodySchemaOf(operation);

  it("ask the mock for every documented status, once per named example", () => {
    const asked = of(mock, operation.operationId, "status").map((contractCase) => contractCase.headers.Prefer);
    const documented = Object.entries(responses).flatMap(([status, response]) => {
      const examples = Object.keys(Object.values((deref<JsonObject>(response).content ?? {}) as Record<string, JsonObject>)[0]?.examples ?? {});
      return examples.length ? examples.map((example) => `code=${status}, example=${example}`) : [`code=${status}`];
    });
    expect(asked.sort()).toEqual(documented.sort());
  });

  it("send every request example and call every client method the spec's actions define", () => {
    const content = operation.requestBody && deref<{ content: Record<string, { examples?: JsonObject }> }>(operation.requestBody).content;
    const examples = content ? Object.keys(Object.values(content)[0]!.examples ?? {}) : ["request"];
    const positives = of(mock, operation.operationId, "positive");
    expect(positives.filter((contractCase) => !contractCase.path.endsWith("/")).map((contractCase) => contractCase.name.split(" ")[1])).toEqual(examples);
    // And once as the SDKs send it: with a trailing slash.
    expect(positives.filter((contractCase) => contractCase.path == `${operation.path}/`)).toHaveLength(1);
    const action = (body?.properties as JsonObject | undefined)?.action;
    const actions = action ? (deref<JsonObject>(action).enum as string[]) : [operation.operationId];
    expect(of(mock, operation.operationId, "client")).toHaveLength(actions.length);
  });

  it("refuse a missing credential, every required field missing, every enum and path rule broken: each invalid per the spec", () => {
    const negatives = of(mock, operation.operationId, "negative");
    const names = negatives.map((contractCase) => contractCase.name);
    expect(names).toEqual(expect.arrayContaining([expect.stringContaining("without credentials → 401")]));
    for (const parameter of (paths[operation.path]!.parameters as unknown[]).map((p) => deref<{ name: string }>(p))) {
      expect(names.filter((name) => name.includes(`${parameter.name} breaks pattern`))).toHaveLength(1);
    }
    if (!body) return;
    for (const field of (body.required ?? []) as string[]) expect(names).toContain(`${operation.operationId} body without ${field} → 400`);
    // A free-form body (a PHLO run's payload): one value of another type than its values' schema.
    if (typeof body.additionalProperties == "object") expect(names).toContain(`${operation.operationId} body value of the wrong type → 400`);
    for (const [field, property] of Object.entries((body.properties ?? {}) as JsonObject)) {
      expect(names).toContain(`${operation.operationId} body ${field} of the wrong type → 400`);
      if (deref<JsonObject>(property).enum) expect(names.some((name) => name.startsWith(`${operation.operationId} body ${field} breaks enum`))).toBe(true);
    }
    const bodies = negatives.filter((contractCase) => contractCase.name.includes(" body ") && contractCase.headers["Content-Type"] == "application/json");
    for (const contractCase of bodies) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(contractCase.body!);
      } catch {
        continue; // the invalid-JSON case
      }
      expect(violations(body, parsed), contractCase.name).not.toEqual([]);
    }
  });

  it("expect only documented client errors from the negative cases", () => {
    for (const contractCase of of(mock, operation.operationId, "negative")) {
      expect(contractCase.expected).not.toEqual([]);
      for (const status of contractCase.expected as number[]) {
        expect(status).toBeGreaterThanOrEqual(400);
        expect(status).toBeLessThan(500);
        expect(responses).toHaveProperty(String(status));
      }
    }
  });
});

it("sends every method a path does not define, expecting a client error", () => {
  const wrong = mock.filter((contractCase) => !contractCase.operation);
  const undefinedMethods = Object.entries(paths).flatMap(([path, item]) => METHODS.filter((method) => !item[method]).map((method) => `${method.toUpperCase()} ${path}`));
  expect(wrong.map((contractCase) => `${contractCase.method} ${contractCase.path}`)).toEqual(undefinedMethods);
  expect(wrong.every((contractCase) => contractCase.expected == "4xx")).toBe(true);
});

describe("live planning", () => {
  const realIds = (contractCase: ContractCase) => !contractCase.pathValues.phlo_id && !contractCase.pathValues.node_id;

  it("without the opt-in, aims no request that could act at the real node, and skips what must act", () => {
    const live = contractCases(liveSettings(liveEnv).values);
    const sent = live.filter((contractCase) => !contractCase.skip);
    expect(sent.filter((contractCase) => acts(contractCase) && realIds(contractCase)).map((contractCase) => contractCase.name)).toEqual([]);
    expect(live.filter((contractCase) => contractCase.kind == "positive" || contractCase.kind == "client").every((contractCase) => contractCase.skip || contractCase.method == "GET")).toBe(true);
    // What it still sends to the real node: reads only. Bad credentials on a POST go to unknown ids.
    expect(sent.filter(realIds).every((contractCase) => contractCase.method == "GET")).toBe(true);
    expect(sent.filter((contractCase) => contractCase.auth == "wrong-credentials").map((contractCase) => `${contractCase.method} ${realIds(contractCase)}`).sort()).toEqual(["GET true", "GET true", "POST false", "POST false", "POST false"]);
  });

  it("with PHLO_LIVE_PLACE_CALLS=1, sends the positive cases to the real node, or says which address is missing", () => {
    const optedIn = contractCases(liveSettings({ ...liveEnv, PHLO_LIVE_PLACE_CALLS: "1", PHLO_TO: "+14155550101", PHLO_TRIGGER_SOURCE: "+14155550102", PHLO_RUN_PAYLOAD: '{"from":"+14155550102"}' }).values);
    const positives = optedIn.filter((contractCase) => contractCase.kind == "positive" && !contractCase.skip);
    expect(positives.length).toBeGreaterThan(0);
    expect(positives.every((contractCase) => realIds(contractCase))).toBe(true);
    // Only the cases meant to act reach the real node with a method that acts.
    expect(optedIn.filter((contractCase) => !contractCase.skip && acts(contractCase) && realIds(contractCase)).every((contractCase) => ["positive", "client"].includes(contractCase.kind))).toBe(true);
    expect(positives.filter((contractCase) => contractCase.body).every((contractCase) => !contractCase.body!.includes("12025551111"))).toBe(true);
    const withoutAddresses = contractCases(liveSettings({ ...liveEnv, PHLO_LIVE_PLACE_CALLS: "1" }).values);
    expect(withoutAddresses.find((contractCase) => contractCase.kind == "positive" && contractCase.operation?.operationId == "updateMultiPartyCall")?.skip).toMatch(/PHLO_TRIGGER_SOURCE, PHLO_TO/);
    // A run needs the Start node's payload; without it, it is skipped with the variable's name.
    const unpaidRuns = withoutAddresses.filter((contractCase) => contractCase.operation?.operationId == "runPhlo" && ["positive", "client"].includes(contractCase.kind));
    expect(unpaidRuns.every((c) => c.skip)).toBe(true);
    expect(unpaidRuns.some((c) => c.skip?.includes("PHLO_RUN_PAYLOAD"))).toBe(true);
    // Sent once (as the positive case or the client's runPhlo), with PHLO_RUN_PAYLOAD as its body.
    const runs = optedIn.filter((contractCase) => contractCase.operation?.operationId == "runPhlo" && ["positive", "client"].includes(contractCase.kind) && !contractCase.skip);
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.every((c) => c.body == '{"from":"+14155550102"}')).toBe(true);
  });

  it("refuses a PHLO_RUN_PAYLOAD that is not a JSON object of strings, naming the variable", () => {
    for (const bad of ["{", "[]", '{"from":1}', "null"]) {
      expect(() => liveSettings({ ...liveEnv, PHLO_RUN_PAYLOAD: bad })).toThrow(/^PHLO_RUN_PAYLOAD must be a JSON object of strings/);
    }
  });
});
