// Configuration that could leak credentials or send a transfer to the wrong place is refused when the
// client is created, before any request.
import { describe, expect, it } from "vitest";
import { createPhloClient, createPhloRawClient, PhloValidationError } from "../../src/index.js";
import { AUTH_ID, AUTH_TOKEN, clientWith, json, seedInput } from "../helpers/fetch.js";

const create = (options: Parameters<typeof createPhloClient>[0]) => () =>
  createPhloClient({ authId: AUTH_ID, authToken: AUTH_TOKEN, ...options });

describe("baseUrl", () => {
  it.each([
    ["plain http to a public host", "http://phlorunner.plivo.com/v1", "https"],
    ["plain http to a private address", "http://10.0.0.5/v1", "https"],
    ["a host that only starts like loopback", "http://127.0.0.1.evil.example/v1", "https"],
    ["another scheme", "ftp://127.0.0.1/v1", "https"],
    ["a relative URL", "/v1", "format"],
    ["a query string", "https://phlorunner.plivo.com/v1?x=1", "format"],
    ["a fragment", "https://phlorunner.plivo.com/v1#x", "format"],
  ])("refuses %s", (_case, baseUrl, rule) => {
    expect(create({ baseUrl })).toThrow(PhloValidationError);
    expect(create({ baseUrl })).toThrow(expect.objectContaining({ field: "baseUrl", rule }));
  });

  it("refuses credentials in the URL without echoing them", () => {
    const baseUrl = `https://${AUTH_ID}:${AUTH_TOKEN}@phlorunner.plivo.com/v1`;
    const error = (() => {
      try {
        create({ baseUrl })();
      } catch (thrown) {
        return thrown as PhloValidationError;
      }
    })();
    expect(error).toMatchObject({ field: "baseUrl", rule: "credentials" });
    expect(`${error?.message}${error?.stack}`).not.toContain(AUTH_TOKEN);
  });

  it.each(["http://127.0.0.1:4010/v1", "http://localhost:4010/v1", "http://[::1]:4010/v1", "https://phlorunner.plivo.com/v1"])(
    "accepts %s",
    (baseUrl) => {
      expect(create({ baseUrl })).not.toThrow();
    },
  );

  it("applies to the raw openapi-fetch client as well", () => {
    expect(() => createPhloRawClient({ authId: AUTH_ID, authToken: AUTH_TOKEN, baseUrl: "http://example.com/v1" })).toThrow(
      expect.objectContaining({ field: "baseUrl", rule: "https" }),
    );
  });
});

describe("credentials", () => {
  const withoutEnvironment = (run: () => void) => {
    const saved = { id: process.env.PLIVO_AUTH_ID, token: process.env.PLIVO_AUTH_TOKEN };
    delete process.env.PLIVO_AUTH_ID;
    delete process.env.PLIVO_AUTH_TOKEN;
    try {
      run();
    } finally {
      if (saved.id !== undefined) process.env.PLIVO_AUTH_ID = saved.id;
      if (saved.token !== undefined) process.env.PLIVO_AUTH_TOKEN = saved.token;
    }
  };

  it("with neither options nor environment, says which option or variable to set", () => {
    withoutEnvironment(() => {
      expect(() => createPhloClient()).toThrow(
        expect.objectContaining({ field: "authId", rule: "required", message: expect.stringContaining("PLIVO_AUTH_ID") }),
      );
      expect(() => createPhloClient({ authId: AUTH_ID })).toThrow(
        expect.objectContaining({ field: "authToken", message: expect.stringContaining("PLIVO_AUTH_TOKEN") }),
      );
      expect(() => createPhloClient({ authId: "", authToken: "" })).toThrow(expect.objectContaining({ field: "authId" }));
    });
  });
});

describe("timeoutMs", () => {
  it.each([0, -1, Number.NaN, 2 ** 31])("refuses %s, on the client and on a call, sending nothing", async (timeoutMs) => {
    expect(create({ timeoutMs })).toThrow(expect.objectContaining({ field: "timeoutMs" }));
    const { client, sent } = clientWith(() => json(201, {}));
    await expect(client.warmTransfer(seedInput, { timeoutMs })).rejects.toMatchObject({ field: "timeoutMs" });
    expect(sent).toHaveLength(0);
  });
});

describe("path parameters", () => {
  it("the raw client encodes them, so even unvalidated values cannot change the path", async () => {
    const urls: string[] = [];
    const raw = createPhloRawClient({
      authId: AUTH_ID,
      authToken: AUTH_TOKEN,
      fetch: async (input) => (urls.push((input as Request).url), json(201, { api_id: "x", error: "" })),
    });
    await raw.POST("/phlo/{phlo_id}/multi_party_call/{node_id}", {
      params: { path: { phlo_id: "../../admin", node_id: "a/b?c#d" } },
      body: { action: "warm_transfer", trigger_source: "12025550000", role: "agent", to: "12025551111" },
    });
    expect(new URL(urls[0]!).pathname).toBe("/v1/phlo/..%2F..%2Fadmin/multi_party_call/a%2Fb%3Fc%23d");
  });
});
