// Every answer but the documented success becomes an error a caller can branch on with instanceof,
// carrying the status, Plivo's api_id and error text, and the response.
import { describe, expect, it } from "vitest";
import {
  PhloApiError,
  PhloAuthenticationError,
  PhloBadRequestError,
  PhloError,
  PhloNotFoundError,
  PhloPermissionError,
  PhloRateLimitError,
  PhloServerError,
} from "../../src/index.js";
import { deref, warmTransferOperation, type JsonObject } from "../helpers/spec.js";
import { clientWith, json, seedInput } from "../helpers/fetch.js";

const classes: Record<string, typeof PhloApiError> = {
  "400": PhloBadRequestError,
  "401": PhloAuthenticationError,
  "403": PhloPermissionError,
  "404": PhloNotFoundError,
  "429": PhloRateLimitError,
  "500": PhloServerError,
};

/** Every documented error status with every named example the spec gives it. */
const documentedErrors = Object.entries(warmTransferOperation.responses as JsonObject)
  .filter(([status]) => status !== "201")
  .flatMap(([status, response]) => {
    const examples = deref<{ content: Record<string, { examples: JsonObject }> }>(response).content["application/json"]!.examples;
    return Object.entries(examples).map(([name, example]) => [status, name, deref<{ value: { api_id: string; error: string } }>(example).value] as const);
  });

describe("documented error statuses", () => {
  it("covers every error status of the spec", () => {
    expect(new Set(documentedErrors.map(([status]) => status))).toEqual(new Set(Object.keys(classes)));
  });

  it.each(documentedErrors)("%s (%s): its own class, with status, api_id, Plivo's text and the response", async (status, _name, body) => {
    const { client, sent } = clientWith(() => json(Number(status), body));
    const error = (await client.warmTransfer(seedInput).catch((e: unknown) => e)) as PhloApiError;
    expect(error).toBeInstanceOf(classes[status]);
    expect(error).toBeInstanceOf(PhloApiError);
    expect(error).toBeInstanceOf(PhloError);
    expect(error.name).toBe(classes[status]!.name);
    expect(error).toMatchObject({ status: Number(status), apiId: body.api_id, plivoError: body.error });
    expect(error.response.status).toBe(Number(status));
    expect(error.request).toEqual({ method: "POST", url: sent[0]!.url });
    expect(error.message).toContain(`answered ${status}: ${body.error} (api_id ${body.api_id})`);
    expect(sent).toHaveLength(1);
  });

  it.each([502, 503, 504])("%i is a PhloServerError that says the action may have started", async (status) => {
    const { client, sent } = clientWith(() => json(status, { api_id: "x", error: "upstream failed" }));
    const error = await client.warmTransfer(seedInput).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PhloServerError);
    expect((error as Error).message).toMatch(/may have started; it was not resent/);
    expect(sent).toHaveLength(1);
  });

  it("a 429 exposes Retry-After in milliseconds", async () => {
    const { client } = clientWith(() => json(429, { api_id: "x", error: "Too many requests" }, { "retry-after": "7" }));
    const error = (await client.warmTransfer(seedInput).catch((e: unknown) => e)) as PhloRateLimitError;
    expect(error.retryAfterMs).toBe(7000);
  });

  it("an undocumented status is a plain PhloApiError", async () => {
    const { client } = clientWith(() => json(405, { api_id: "x", error: "Method not allowed" }));
    const error = await client.warmTransfer(seedInput).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PhloApiError);
    expect(error).not.toBeInstanceOf(PhloBadRequestError);
    expect(error).toMatchObject({ status: 405, plivoError: "Method not allowed" });
  });
});

describe("redirects", () => {
  it("asks fetch not to follow redirects: a call-placing POST goes only where the caller said", async () => {
    let redirect: RequestRedirect | undefined;
    const { client } = clientWith(() => json(201, { api_id: "x", error: "" }), {
      fetch: async (_url, init) => ((redirect = init?.redirect), json(201, { api_id: "x", error: "" })),
    });
    await client.warmTransfer(seedInput);
    expect(redirect).toBe("manual");
  });
});
