// Property: whatever invalid value reaches a method, the client refuses it with a PhloValidationError
// that names the field it came in, and sends nothing. Ajv on the spec decides what "invalid" means,
// so the generator cannot drift from the contract. Fixed seed: a failure replays identically.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PhloValidationError, type MultiPartyCallInput } from "../../src/index.js";
import { clientWith, json, seedInput } from "../helpers/fetch.js";
import { pathParameterSchema, requestBodySchema, validatorFor } from "../helpers/spec.js";

const properties = (requestBodySchema as { properties: Record<string, unknown> }).properties;
const invalidFor = (schema: unknown) => (value: unknown) => !validatorFor(schema)(value);

/** Values of every JSON type and of odd strings, for fields to be fed. */
const anyValue = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.stringMatching(/^[+\d\s().-]{0,20}$/),
  fc.constantFrom("", " ", "..", "../x", "a/b", "sip:", "sip:@", "boss", "warm_tranfer", "+", "\u0000", "١٢٣"),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 2 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
);

/** [client field, schema that judges it] */
const fields: [keyof MultiPartyCallInput, unknown][] = [
  ["to", properties.to],
  ["triggerSource", properties.trigger_source],
  ["role", properties.role],
  ["phloId", pathParameterSchema("phlo_id")],
  ["nodeId", pathParameterSchema("node_id")],
];

const invalidCall = fc.oneof(
  ...fields.map(([field, schema]) =>
    anyValue.filter(invalidFor(schema)).map((value) => ({ field, input: { ...seedInput, [field]: value } })),
  ),
  // A required field left out altogether.
  fc.constantFrom("to", "triggerSource", "phloId", "nodeId").map((field) => {
    const input: Record<string, unknown> = { ...seedInput };
    delete input[field];
    return { field, input };
  }),
);

describe("invalid calls, generated", () => {
  it("1,000 invalid calls: each a PhloValidationError naming its field, and no request sent", async () => {
    const { client, sent } = clientWith(() => json(201, { api_id: "x", error: "" }));
    const methods = ["warmTransfer", "coldTransfer", "call"] as const;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(invalidCall, fc.constantFrom(...methods), async ({ field, input }, method) => {
        runs++;
        const error = await client[method](input as never).then(
          () => undefined,
          (thrown: unknown) => thrown,
        );
        expect(error).toBeInstanceOf(PhloValidationError);
        expect((error as PhloValidationError).field).toBe(field);
        expect((error as PhloValidationError).message).toMatch(new RegExp(`^${method}: ${field} `));
      }),
      { numRuns: 1000, seed: 20261124 },
    );
    expect(runs).toBe(1000);
    expect(sent).toHaveLength(0);
  });
});
