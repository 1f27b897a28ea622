// The first step of a warm transfer: running the PHLO (which places the calls), and reading it.
// runPhlo takes the Auth ID in its path from the credentials, sends the payload's keys as written,
// refuses a bad payload before any traffic, and is never resent once it may have reached Plivo.
import { describe, expect, it } from "vitest";
import { inputSchemas } from "../../generated/contract.js";
import { PhloBadRequestError, PhloConnectionError, PhloServerError, PhloValidationError } from "../../src/index.js";
import { assertValid } from "../../src/validation.js";
import { AUTH_ID, IDS, clientWith, credentialLeaks, json, specExample } from "../helpers/fetch.js";
import { bundle, deref, validatorFor, type JsonObject } from "../helpers/spec.js";

const started = specExample<{ api_id: string; phlo_id: string; message: string }>("PhloRunStartedResponse");
const payload = specExample<Record<string, string>>("RunPhloRequest");
const ok = () => json(201, started);
const runPath = `/v1/account/${AUTH_ID}/phlo/${IDS.phloId}`;

describe("runPhlo", () => {
  it("POSTs the payload, as written, to /account/{the credentials' Auth ID}/phlo/{phlo_id} and returns the run", async () => {
    const { client, sent } = clientWith(ok);
    await expect(client.runPhlo({ phloId: IDS.phloId, payload })).resolves.toEqual({
      apiId: started.api_id,
      phloId: started.phlo_id,
      message: started.message,
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.method).toBe("POST");
    expect(new URL(sent[0]!.url).pathname).toBe(runPath);
    expect(sent[0]!.body).toBe(JSON.stringify(payload));
    expect(sent[0]!.headers.get("content-type")).toBe("application/json");
  });

  it("keeps camelCase keys as written (the Node SDK renames them to snake_case; the Start node then never gets them)", async () => {
    const { client, sent } = clientWith(ok);
    await client.runPhlo({ phloId: IDS.phloId, payload: { phoneMeNumber: "14155550100", Agent1: "14155550111" } });
    expect(JSON.parse(sent[0]!.body)).toEqual({ phoneMeNumber: "14155550100", Agent1: "14155550111" });
  });

  it("sends no body when there is no payload, as Plivo's page says", async () => {
    const { client, sent } = clientWith(ok);
    await client.runPhlo({ phloId: IDS.phloId });
    expect(sent[0]!.body).toBe("");
    expect(sent[0]!.headers.has("content-type")).toBe(false);
  });

  it.each([
    ["a number value", { from: 14155550100 }, "payload.from", "type"],
    ["a null value", { to: null }, "payload.to", "type"],
    ["a nested object", { agent_1: { number: "1" } }, "payload.agent_1", "type"],
    ["a value too long", { note: "x".repeat(2049) }, "payload.note", "maxLength"],
    ["an array instead of an object", ["14155550100"], "payload", "type"],
  ])("refuses a payload with %s before sending anything, naming the key as written", async (_, bad, field, rule) => {
    const { client, sent } = clientWith(ok);
    const error = await client.runPhlo({ phloId: IDS.phloId, payload: bad as never }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PhloValidationError);
    expect(error).toMatchObject({ field, rule });
    expect((error as Error).message).toMatch(new RegExp(`^runPhlo: ${field.replace(".", "\\.")} .*Nothing was sent\\.$`));
    expect(sent).toHaveLength(0);
  });

  it("refuses an unsafe PHLO id before sending anything", async () => {
    const { client, sent } = clientWith(ok);
    await expect(client.runPhlo({ phloId: "../calls" })).rejects.toMatchObject({ name: "PhloValidationError", field: "phloId", rule: "pattern" });
    expect(sent).toHaveLength(0);
  });

  it("refuses an Auth ID that could change the path, without echoing it", async () => {
    const { client, sent } = clientWith(ok, { authId: "MA/../../other" });
    const error = (await client.runPhlo({ phloId: IDS.phloId }).catch((e: unknown) => e)) as PhloValidationError;
    expect(error).toBeInstanceOf(PhloValidationError);
    expect(error.message).toMatch(/^runPhlo: /);
    expect(error.message).not.toContain("MA/../../other");
    expect(sent).toHaveLength(0);
  });

  it.each([
    ["a 500", () => json(500, specExample("ServerError")), PhloServerError],
    ["a connection reset", () => Promise.reject(Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNRESET" } })), PhloConnectionError],
  ] as const)("is never resent after %s, even with retries on, and says the run may have started", async (_, answer, ErrorClass) => {
    const { client, sent } = clientWith(answer as () => Response, { retry: { retries: 3 } });
    const error = (await client.runPhlo({ phloId: IDS.phloId, payload }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error.message).toMatch(/may have started; it was not resent/);
    expect(sent).toHaveLength(1);
  });

  it("shows the Auth ID in no error: the path's account segment is [REDACTED]", async () => {
    const invalid = specExample<{ api_id: string; error: string }>("InvalidRunPayloadError");
    const { client } = clientWith(() => json(400, invalid));
    const error = (await client.runPhlo({ phloId: IDS.phloId, payload }).catch((e: unknown) => e)) as PhloBadRequestError;
    expect(error).toBeInstanceOf(PhloBadRequestError);
    expect(error.plivoError).toBe(invalid.error);
    expect(error.request.url).toContain("/account/[REDACTED]/phlo/");
    const everything = `${error.message} ${JSON.stringify(error)} ${error.stack}`;
    expect(everything).not.toContain(AUTH_ID);
    expect(credentialLeaks(everything)).toEqual([]);
  });

  it("reports a 201 that is not a run as not the documented body", async () => {
    const { client } = clientWith(() => json(201, { api_id: started.api_id }));
    await expect(client.runPhlo({ phloId: IDS.phloId })).rejects.toThrow(/answered 201: not the documented body/);
  });
});

describe("getPhlo", () => {
  const phlo = specExample<Record<string, string>>("PhloDetails");

  it("GETs /phlo/{phlo_id}, with no body, and returns it in camelCase", async () => {
    const { client, sent } = clientWith(() => json(200, phlo));
    await expect(client.getPhlo({ phloId: IDS.phloId })).resolves.toEqual({
      apiId: phlo.api_id,
      phloId: phlo.phlo_id,
      name: phlo.name,
      createdOn: phlo.created_on,
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.method).toBe("GET");
    expect(sent[0]!.body).toBe("");
    expect(new URL(sent[0]!.url).pathname).toBe(`/v1/phlo/${IDS.phloId}`);
  });

  it("refuses an unsafe PHLO id before sending anything", async () => {
    const { client, sent } = clientWith(() => json(200, phlo));
    await expect(client.getPhlo({ phloId: "a/b" })).rejects.toMatchObject({ field: "phloId", rule: "pattern", message: expect.stringMatching(/^getPhlo: /) });
    expect(sent).toHaveLength(0);
  });
});

describe("the client's payload and Auth ID rules agree with Ajv on the spec", () => {
  const runOperation = deref<JsonObject>(deref<JsonObject>((bundle.paths as JsonObject)["/account/{auth_id}/phlo/{phlo_id}"]).post);
  const payloadSchema = deref<{ content: Record<string, { schema: unknown }> }>(runOperation.requestBody).content["application/json"]!.schema;
  const authIdSchema = deref<{ schema: unknown }>(
    (deref<JsonObject>((bundle.paths as JsonObject)["/account/{auth_id}/phlo/{phlo_id}"]).parameters as unknown[]).map((p) => deref<{ name: string; schema: unknown }>(p)).find((p) => p.name == "auth_id"),
  ).schema;
  const accepts = (schema: (typeof inputSchemas)[keyof typeof inputSchemas], value: unknown) => {
    try {
      assertValid("test", schema, value, "payload");
      return true;
    } catch (error) {
      expect(error).toBeInstanceOf(PhloValidationError);
      return false;
    }
  };
  const payloads: unknown[] = [
    {}, payload, { a: "" }, { a: "x".repeat(2048) }, { a: "x".repeat(2049) }, { a: 1 }, { a: null }, { a: true }, { a: ["x"] }, { a: {} },
    { "weird key": "ok" }, { "😀": "😀".repeat(2048) }, [], null, "x", 1,
  ];
  it.each(payloads.map((value) => [JSON.stringify(value), value]))("payload %s", (_shown, value) => {
    expect(accepts(inputSchemas.PhloRunPayload, value)).toBe(validatorFor(payloadSchema)(value));
  });
  it.each(["MAXXXXXXXXXXXXXXXXXX", "SA1234", "", "MA/x", "MA x", "a".repeat(64), "a".repeat(65), "é"].map((value) => [value]))("auth id %s", (value) => {
    expect(accepts(inputSchemas.AuthId, value)).toBe(validatorFor(authIdSchema)(value));
  });
});
