// Plivo's own page for the endpoint (../shared/seeds/000_d10a18f4753f85aa.txt) shows one request and one
// response. Both must be examples of the contract, byte for byte, and valid.
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { deref, projectRoot, requestBodySchema, violations, warmTransferOperation } from "../helpers/spec.js";

// Copied verbatim from the seed (its curl sample's --data, and its "HTTP Status Code: 201" body).
const SEED_REQUEST_BODY = '{"action": "warm_transfer","trigger_source": "12025550000","role": "agent","to":"12025551111"}';
const SEED_201_BODY = '{\n"api_id": "faad0293-f5f0-487e-8ff7-b45ba6c45b25",\n"error": ""\n}';

const seedFile = new URL("../shared/seeds/000_d10a18f4753f85aa.txt", projectRoot);

type Examples = Record<string, unknown>;
const requestExamples = deref<{ content: { "application/json": { examples: Examples } } }>(
  warmTransferOperation.requestBody,
).content["application/json"].examples;
const created = deref<{ content: { "application/json": { schema: unknown; examples: Examples } } }>(
  (warmTransferOperation.responses as Record<string, unknown>)["201"],
).content["application/json"];

const exampleValues = (examples: Examples) => Object.values(examples).map((e) => deref<{ value: unknown }>(e).value);

describe("Plivo's warm transfer page", () => {
  it.skipIf(!existsSync(seedFile))("still shows the request and response copied here", () => {
    const seed = readFileSync(seedFile, "utf8");
    expect(seed).toContain(`--data '${SEED_REQUEST_BODY}'`);
    expect(seed).toContain(`HTTP Status Code: 201\n${SEED_201_BODY}`);
  });

  it("its curl request body is the first request example, with the same key order", () => {
    const [first] = Object.values(requestExamples).map((e) => deref<{ value: unknown }>(e).value);
    expect(JSON.stringify(first)).toBe(JSON.stringify(JSON.parse(SEED_REQUEST_BODY)));
    expect(violations(requestBodySchema, JSON.parse(SEED_REQUEST_BODY))).toEqual([]);
  });

  it("its 201 body is the first 201 example and matches the 201 schema", () => {
    expect(exampleValues(created.examples)[0]).toEqual(JSON.parse(SEED_201_BODY));
    expect(violations(created.schema, JSON.parse(SEED_201_BODY))).toEqual([]);
  });
});
