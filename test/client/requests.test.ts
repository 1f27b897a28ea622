// What the client puts on the wire: exactly the contract's request, to exactly the contract's path.
import { describe, expect, it } from "vitest";
import { createPhloClient } from "../../src/index.js";
import { bundle } from "../helpers/spec.js";
import { AUTH_ID, AUTH_TOKEN, BASIC_CREDENTIAL, IDS, clientWith, json, seedBody, seedInput, specExample } from "../helpers/fetch.js";

const started = specExample<{ api_id: string; error: "" }>("WarmTransferStartedResponse");
const ok = () => json(201, started);

describe("warmTransfer", () => {
  it("sends the seed's body byte for byte, to the spec's server and path, and returns typed data", async () => {
    const { client, sent } = clientWith(ok);
    const result = await client.warmTransfer(seedInput);
    expect(result).toEqual({ apiId: started.api_id, error: "" });
    expect(sent).toHaveLength(1);
    const [request] = sent;
    const server = (bundle.servers as { url: string }[])[0]!.url;
    expect(request!.method).toBe("POST");
    expect(request!.url).toBe(`${server}/phlo/${IDS.phloId}/multi_party_call/${IDS.nodeId}`);
    expect(request!.body).toBe(JSON.stringify(seedBody));
    expect(request!.headers.get("content-type")).toBe("application/json");
    expect(request!.headers.get("authorization")).toBe(`Basic ${BASIC_CREDENTIAL}`);
    expect(request!.headers.get("user-agent")).toBe("plivo-phlo-openapi");
  });

  it("defaults role to agent, as the official SDKs do", async () => {
    const { client, sent } = clientWith(ok);
    await client.warmTransfer({ ...IDS, triggerSource: "919999999999", to: "sip:agent1@phone.plivo.com" });
    expect(JSON.parse(sent[0]!.body)).toEqual({
      action: "warm_transfer",
      trigger_source: "919999999999",
      role: "agent",
      to: "sip:agent1@phone.plivo.com",
    });
  });

  it("sends role customer when asked", async () => {
    const { client, sent } = clientWith(ok);
    await client.warmTransfer({ ...seedInput, role: "customer" });
    expect(JSON.parse(sent[0]!.body).role).toBe("customer");
  });

  it("accepts the 24-hex id form an SDK test uses", async () => {
    const { client, sent } = clientWith(ok);
    await client.warmTransfer({ ...seedInput, phloId: "5c698012954a4399a455eadd", nodeId: "5c698012954a4399a455eade" });
    expect(new URL(sent[0]!.url).pathname).toBe("/v1/phlo/5c698012954a4399a455eadd/multi_party_call/5c698012954a4399a455eade");
  });
});

describe("coldTransfer and call", () => {
  it.each([
    ["coldTransfer", "cold_transfer"],
    ["call", "call"],
  ] as const)("%s sends action %s with the same fields", async (method, action) => {
    const { client, sent } = clientWith(ok);
    await expect(client[method](seedInput)).resolves.toEqual({ apiId: started.api_id, error: "" });
    expect(JSON.parse(sent[0]!.body)).toEqual({ ...seedBody, action });
  });
});

describe("options", () => {
  it("sends the caller's User-Agent", async () => {
    const { client, sent } = clientWith(ok, { userAgent: "acme-contact-center/2.1" });
    await client.warmTransfer(seedInput);
    expect(sent[0]!.headers.get("user-agent")).toBe("acme-contact-center/2.1");
  });

  it("uses baseUrl, with or without a trailing slash, including its version path", async () => {
    for (const baseUrl of ["http://127.0.0.1:4010/v1", "http://127.0.0.1:4010/v1/"]) {
      const { client, sent } = clientWith(ok, { baseUrl });
      await client.warmTransfer(seedInput);
      expect(sent[0]!.url).toBe(`http://127.0.0.1:4010/v1/phlo/${IDS.phloId}/multi_party_call/${IDS.nodeId}`);
    }
  });

  it("reads PLIVO_AUTH_ID and PLIVO_AUTH_TOKEN when no credentials are passed, as the official SDKs do", async () => {
    const saved = { id: process.env.PLIVO_AUTH_ID, token: process.env.PLIVO_AUTH_TOKEN };
    process.env.PLIVO_AUTH_ID = "MAENVENVENVENVENVENV";
    process.env.PLIVO_AUTH_TOKEN = "envtoken";
    try {
      const sent: string[] = [];
      const client = createPhloClient({
        fetch: async (_url, init) => (sent.push(new Headers(init?.headers).get("authorization")!), ok()),
      });
      await client.warmTransfer(seedInput);
      expect(sent).toEqual([`Basic ${Buffer.from("MAENVENVENVENVENVENV:envtoken").toString("base64")}`]);
    } finally {
      for (const [name, value] of [["PLIVO_AUTH_ID", saved.id], ["PLIVO_AUTH_TOKEN", saved.token]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it("explicit credentials win over the environment", async () => {
    process.env.PLIVO_AUTH_TOKEN = "not-this-one";
    try {
      const { client, sent } = clientWith(ok, { authId: AUTH_ID, authToken: AUTH_TOKEN });
      await client.warmTransfer(seedInput);
      expect(sent[0]!.headers.get("authorization")).toBe(`Basic ${BASIC_CREDENTIAL}`);
    } finally {
      delete process.env.PLIVO_AUTH_TOKEN;
    }
  });
});
