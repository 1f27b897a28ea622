// Bad input is refused before anything is sent, with an error that names the field and the rule,
// and the client's rules are the spec's: its small validator agrees with Ajv on every case here.
import { describe, expect, it } from "vitest";
import { inputSchemas } from "../../generated/contract.js";
import { PhloValidationError } from "../../src/index.js";
import { assertValid } from "../../src/validation.js";
import { pathParameterSchema, requestBodySchema, validatorFor } from "../helpers/spec.js";
import { clientWith, json, seedInput } from "../helpers/fetch.js";

/** [case, input change, field named in the error, rule] */
const invalidCalls = [
  ["role boss", { role: "boss" }, "role", "enum"],
  ["role empty", { role: "" }, "role", "enum"],
  ["to missing", { to: undefined }, "to", "required"],
  ["to empty", { to: "" }, "to", "minLength"],
  ["to blank", { to: "   " }, "to", "pattern"],
  ["to with a newline", { to: "12025551111\n" }, "to", "pattern"],
  ["to with a control character", { to: "1202555\u00001111" }, "to", "pattern"],
  ["to absurdly long", { to: `sip:${"a".repeat(200)}@phone.plivo.com` }, "to", "maxLength"],
  ["to a number, not a string", { to: 12025551111 }, "to", "type"],
  ["triggerSource missing", { triggerSource: undefined }, "triggerSource", "required"],
  ["triggerSource with letters", { triggerSource: "agent-one" }, "triggerSource", "pattern"],
  ["triggerSource null", { triggerSource: null }, "triggerSource", "type"],
  ["phloId with ../", { phloId: "../admin" }, "phloId", "pattern"],
  ["phloId with a slash", { phloId: "a/b" }, "phloId", "pattern"],
  ["phloId empty", { phloId: "" }, "phloId", "minLength"],
  ["nodeId with ..", { nodeId: ".." }, "nodeId", "pattern"],
  ["nodeId with a query", { nodeId: "n?x=1" }, "nodeId", "pattern"],
  ["nodeId with an encoded slash", { nodeId: "a%2Fb" }, "nodeId", "pattern"],
  ["nodeId too long", { nodeId: "a".repeat(65) }, "nodeId", "maxLength"],
  ["nodeId missing", { nodeId: undefined }, "nodeId", "type"],
] as const;

describe("an invalid call", () => {
  it.each(invalidCalls)("%s: a PhloValidationError naming %s and %s, and nothing sent", async (_case, change, field, rule) => {
    const { client, sent } = clientWith(() => json(201, {}));
    const error = await client.warmTransfer({ ...seedInput, ...change } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PhloValidationError);
    expect(error).toMatchObject({ field, rule, name: "PhloValidationError" });
    expect((error as Error).message).toMatch(new RegExp(`^warmTransfer: ${field} .*Nothing was sent\\.$`));
    expect(sent).toHaveLength(0);
  });

  it("says what is allowed: the enum values, the kind of address", async () => {
    const { client } = clientWith(() => json(201, {}));
    await expect(client.coldTransfer({ ...seedInput, role: "boss" as never })).rejects.toThrow(
      'coldTransfer: role must be a valid role (got "boss"; rule enum ["agent","customer"]). Nothing was sent.',
    );
    await expect(client.call({ ...seedInput, to: "12 34" })).rejects.toThrow(
      /^call: to must be a valid phone number or SIP endpoint \(got "12 34"; rule pattern \^/,
    );
  });
});

describe("the client's validator agrees with Ajv on the spec", () => {
  const body = { action: "warm_transfer", trigger_source: "12025550000", role: "agent", to: "12025551111" };
  const addresses = [
    "12025551111", "+14152225555", "911", "+123456789012345", "1234567890123456", "12", "", " ", "+", "++1234",
    "sip:agent1@phone.plivo.com", "sips:a.b@sip.example.org:5061", "sip:a@", "sip:@host", "sip:a b@host",
    "sip:a@-host", "sip:a@host:123456", `sip:${"a".repeat(120)}@h.io`, `sip:${"a".repeat(130)}@h.io`,
    "1202555\u00001111", "12025551111\n", "١٢٣٤٥", "𝟏𝟐𝟑", "sip:ü@host", 12025551111, null, true, ["1"], {},
  ];
  const ids = ["4c1d8a9e-7b3f-4e2a-9d6c-0f1e2d3c4b5a", "5c698012954a4399a455eadd", "a", "_a", "-a", "a_b-c", "..", "a/b", "a b", "",
    "a".repeat(64), "a".repeat(65), "é", 7, null];
  const bodies: unknown[] = [
    body, {}, null, [], "x", { ...body, extra: 1 }, { ...body, role: "supervisor" }, { ...body, action: "warm_tranfer" },
    { ...body, trigger_sorce: body.trigger_source }, { ...body, role: undefined },
    ...addresses.flatMap((address) => [{ ...body, to: address }, { ...body, trigger_source: address }]),
  ];

  /** The client's verdict; any error it throws must be a PhloValidationError. */
  const clientAccepts = (schema: (typeof inputSchemas)[keyof typeof inputSchemas], value: unknown, field?: string) => {
    try {
      assertValid("test", schema, value, field);
      return true;
    } catch (error) {
      expect(error).toBeInstanceOf(PhloValidationError);
      return false;
    }
  };

  it.each(bodies.map((value) => [JSON.stringify(value) ?? String(value), value]))("body %s", (_shown, value) => {
    expect(clientAccepts(inputSchemas.MultiPartyCallUpdate, value)).toBe(validatorFor(requestBodySchema)(value));
  });

  it.each(ids.map((value) => [JSON.stringify(value), value]))("id %s", (_shown, value) => {
    expect(clientAccepts(inputSchemas.ResourceId, value, "node_id")).toBe(validatorFor(pathParameterSchema("node_id"))(value));
  });
});
