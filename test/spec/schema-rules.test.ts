// What the contract accepts and refuses, field by field. The accepted values are the forms Plivo's page
// and the official SDKs were seen to send; the refused ones are the garbage a client must stop.
import { describe, expect, it } from "vitest";
import { bundle, deref, pathParameterSchema, requestBodySchema, violations, type JsonObject } from "../helpers/spec.js";

const MEMBER_PATH = "/phlo/{phlo_id}/multi_party_call/{node_id}/members/{member_address}";

const seedRequest = { action: "warm_transfer", trigger_source: "12025550000", role: "agent", to: "12025551111" };
const withField = (field: string, value: unknown) => ({ ...seedRequest, [field]: value });
const without = (field: string) => Object.fromEntries(Object.entries(seedRequest).filter(([key]) => key !== field));

describe("addresses (to, trigger_source)", () => {
  const accepted = [
    ["bare digits, as in the SDK examples", "919920700964"],
    ["a leading +, as in Plivo's Postman collection", "+14152225555"],
    ["a Plivo SIP endpoint", "sip:callme140703093944@phone.plivo.com"],
    ["a secure SIP URI with a port", "sips:agent.one@sip.example.org:5061"],
    ["a three-digit service number", "911"],
    ["fifteen digits (the E.164 maximum)", "+123456789012345"],
  ];
  const refused = [
    ["empty", ""],
    ["blank", "   "],
    ["a number with spaces", "+1 202 555 0000"],
    ["a number with dashes and brackets", "(202) 555-0000"],
    ["a control character", "1202555\u00000000"],
    ["a newline (header or log injection)", "12025550000\n"],
    ["letters", "agent-one"],
    ["a SIP URI without a host", "sip:agent1@"],
    ["a SIP URI with a space", "sip:agent 1@phone.plivo.com"],
    ["more digits than any phone number has", "1234567890123456"],
    ["an absurd length", `sip:${"a".repeat(200)}@phone.plivo.com`],
    ["a number instead of a string", 12025551111],
  ] as const;

  for (const field of ["to", "trigger_source"]) {
    it.each(accepted)(`${field} accepts %s`, (_case, value) => {
      expect(violations(requestBodySchema, withField(field, value))).toEqual([]);
    });
    it.each(refused)(`${field} refuses %s`, (_case, value) => {
      expect(violations(requestBodySchema, withField(field, value))).toEqual(
        expect.arrayContaining([expect.stringMatching(new RegExp(`^/${field} `))]),
      );
    });
  }
});

describe("role", () => {
  it.each(["agent", "customer"])("accepts %s", (role) => {
    expect(violations(requestBodySchema, withField("role", role))).toEqual([]);
  });
  it.each(["boss", "supervisor", "Agent", ""])("refuses %j", (role) => {
    expect(violations(requestBodySchema, withField("role", role))).toEqual(["/role must be equal to one of the allowed values"]);
  });
});

describe("action", () => {
  it.each(["warm_transfer", "cold_transfer", "call"])("accepts %s with the same fields", (action) => {
    expect(violations(requestBodySchema, withField("action", action))).toEqual([]);
  });
  it.each(["warm_tranfer", "warmTransfer", "hold", "abort_transfer"])("refuses %s", (action) => {
    expect(violations(requestBodySchema, withField("action", action))).toEqual(["/action must be equal to one of the allowed values"]);
  });
});

describe("the request body", () => {
  it.each(["action", "to", "role", "trigger_source"])("requires %s", (field) => {
    expect(violations(requestBodySchema, without(field))).toEqual([`/ must have required property '${field}'`]);
  });
  it("refuses unknown fields, so a misspelt key is caught instead of ignored", () => {
    expect(violations(requestBodySchema, { ...seedRequest, trigger_sorce: "12025550000" })).toEqual([
      "/ must NOT have additional properties",
    ]);
  });
  it.each([null, [], "warm_transfer"])("refuses a body that is not an object: %j", (body) => {
    expect(violations(requestBodySchema, body)).toEqual(["/ must be object"]);
  });
});

describe("path identifiers (phlo_id, node_id)", () => {
  const accepted = [
    ["a UUID, as in every documented example", "73d6ab01-a2f6-4a84-850f-21e1d46b30bf"],
    ["the 24-hex form of the Python SDK's tests", "5c698012954a4399a455eadd"],
  ];
  const refused = [
    ["empty", ""],
    ["a parent-directory step", "../node"],
    ["a bare ..", ".."],
    ["a slash", "abc/def"],
    ["an encoded slash", "abc%2Fdef"],
    ["a query string", "abc?x=1"],
    ["a fragment", "abc#x"],
    ["a space", "abc def"],
    ["a leading dash", "-abc"],
    ["an absurd length", "a".repeat(65)],
  ];
  for (const name of ["phlo_id", "node_id"]) {
    it.each(accepted)(`${name} accepts %s`, (_case, value) => {
      expect(violations(pathParameterSchema(name), value)).toEqual([]);
    });
    it.each(refused)(`${name} refuses %s`, (_case, value) => {
      expect(violations(pathParameterSchema(name), value).length).toBeGreaterThan(0);
    });
  }
});

describe("member actions (POST …/members/{member_address})", () => {
  const memberPath = deref<JsonObject>((bundle.paths as JsonObject)[MEMBER_PATH]);
  const memberBodySchema = deref<{ content: Record<string, { schema: unknown }> }>(deref<JsonObject>(memberPath.post).requestBody)
    .content["application/json"]!.schema;
  const memberAddressSchema = (memberPath.parameters as unknown[])
    .map((parameter) => deref<{ name: string; schema: unknown }>(parameter))
    .find((parameter) => parameter.name === "member_address")!.schema;

  it.each(["abort_transfer", "resume_call", "hold", "unhold", "hangup", "voicemail_drop"])("accepts %s", (action) => {
    expect(violations(memberBodySchema, { action })).toEqual([]);
  });
  it.each([
    ["mute (Python and Ruby only, from the conference bridge node)", "mute"],
    ["unmute", "unmute"],
    ["a node action", "warm_transfer"],
    ["Java's alias, which its SDK turns into abort_transfer", "abort_warm_transfer"],
  ])("refuses %s", (_case, action) => {
    expect(violations(memberBodySchema, { action })).toEqual(["/action must be equal to one of the allowed values"]);
  });
  it("requires the action in the body (the .NET query-string form is refused)", () => {
    expect(violations(memberBodySchema, {})).toEqual(["/ must have required property 'action'"]);
  });

  it.each([
    ["digits", "918888888888"],
    ["a leading +", "+918888888888"],
    ["a SIP URI", "sip:agent1@phone.plivo.com"],
  ])("member_address accepts %s", (_case, value) => {
    expect(violations(memberAddressSchema, value)).toEqual([]);
  });
  it.each([
    ["a slash", "sip:a/b@phone.plivo.com"],
    ["a parent-directory step", "../918888888888"],
    ["a percent escape (an encoded slash)", "sip:a%2Fb@phone.plivo.com"],
    ["a query string", "918888888888?x=1"],
    ["a fragment", "sip:a@host#x"],
    ["a space", "sip:agent 1@phone.plivo.com"],
  ])("member_address refuses %s, which could change the path", (_case, value) => {
    expect(violations(memberAddressSchema, value).length).toBeGreaterThan(0);
  });
});
