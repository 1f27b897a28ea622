// The rest of the warm transfer's life: member actions (abort, resume, hold, ...) and reading the node.
// Each method sends the spec's body to the spec's member path, with the same rules as warmTransfer.
import { describe, expect, it } from "vitest";
import { inputSchemas } from "../../generated/contract.js";
import { PhloBadRequestError, PhloValidationError, type PhloClient } from "../../src/index.js";
import { callerName } from "../../src/validation.js";
import { IDS, clientWith, json, specExample } from "../helpers/fetch.js";

const started = specExample<{ api_id: string; error: "" }>("MemberActionStartedResponse");
const ok = () => json(201, started);
const SIP_MEMBER = "sip:agent1@phone.plivo.com";

/** Every member action of the spec, with the client method that sends it. */
const memberActions = inputSchemas.MultiPartyCallMemberUpdate.properties.action.enum.map(
  (action) => [callerName(action) as keyof PhloClient & string, action] as const,
);

describe("member actions", () => {
  it("covers every member action of the spec", () => {
    expect(memberActions.map(([method]) => method)).toEqual(["abortTransfer", "resumeCall", "hold", "unhold", "hangup", "voicemailDrop"]);
  });

  it.each(memberActions)("%s sends {action: %s} to the member's path and returns Plivo's acknowledgement", async (method, action) => {
    const { client, sent } = clientWith(ok);
    const send = client[method] as PhloClient["hold"];
    await expect(send({ ...IDS, memberAddress: "918888888888" })).resolves.toEqual({ apiId: started.api_id, error: "" });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.method).toBe("POST");
    expect(new URL(sent[0]!.url).pathname).toBe(`/v1/phlo/${IDS.phloId}/multi_party_call/${IDS.nodeId}/members/918888888888`);
    expect(sent[0]!.body).toBe(JSON.stringify({ action }));
    expect(sent[0]!.headers.get("content-type")).toBe("application/json");
  });

  it.each([
    [SIP_MEMBER, "/members/sip:agent1@phone.plivo.com"],
    ["+14152225555", "/members/+14152225555"],
    ["sips:agent.one@pbx.example.com:5061", "/members/sips:agent.one@pbx.example.com:5061"],
  ])("sends the member address %s in the path unencoded, as the official SDKs do", async (memberAddress, pathEnd) => {
    const { client, sent } = clientWith(ok);
    await client.resumeCall({ ...IDS, memberAddress });
    expect(sent[0]!.url.endsWith(pathEnd)).toBe(true);
    // What the server sees is the same address, whether or not it decodes the segment.
    expect(decodeURIComponent(new URL(sent[0]!.url).pathname.split("/").pop()!)).toBe(memberAddress);
  });

  it.each([
    ["a path separator", "sip:a/b@host"],
    ["a query", "123456?x=1"],
    ["a percent escape", "sip:%2e%2e@host"],
    ["blanks", "+1 415 222 5555"],
    ["an empty address", ""],
  ])("refuses a member address with %s before sending anything", async (_, memberAddress) => {
    const { client, sent } = clientWith(ok);
    const refusal = await client.hangup({ ...IDS, memberAddress }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(PhloValidationError);
    expect(refusal).toMatchObject({ field: "memberAddress" });
    expect((refusal as Error).message).toMatch(/^hangup: memberAddress must be a valid phone number or SIP endpoint .*Nothing was sent\.$/);
    expect(sent).toHaveLength(0);
  });

  it("refuses an unsafe node id with the method's name in the message", async () => {
    const { client, sent } = clientWith(ok);
    await expect(client.abortTransfer({ ...IDS, nodeId: "../calls", memberAddress: SIP_MEMBER })).rejects.toMatchObject({
      name: "PhloValidationError",
      field: "nodeId",
      rule: "pattern",
      message: expect.stringMatching(/^abortTransfer: nodeId /),
    });
    expect(sent).toHaveLength(0);
  });

  it("turns Plivo's 400 into a PhloBadRequestError with Plivo's text", async () => {
    const invalid = specExample<{ api_id: string; error: string }>("InvalidMemberActionError");
    const { client } = clientWith(() => json(400, invalid));
    await expect(client.voicemailDrop({ ...IDS, memberAddress: SIP_MEMBER })).rejects.toSatisfy(
      (error) => error instanceof PhloBadRequestError && error.plivoError === invalid.error && error.apiId === invalid.api_id,
    );
  });
});

describe("getMultiPartyCall", () => {
  const node = specExample<Record<string, string>>("MultiPartyCallNode");

  it("GETs the node, with no body, and returns it in camelCase", async () => {
    const { client, sent } = clientWith(() => json(200, node));
    await expect(client.getMultiPartyCall(IDS)).resolves.toEqual({
      apiId: node.api_id,
      nodeId: node.node_id,
      phloId: node.phlo_id,
      name: node.name,
      nodeType: node.node_type,
      createdOn: node.created_on,
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.method).toBe("GET");
    expect(sent[0]!.body).toBe("");
    expect(sent[0]!.headers.has("content-type")).toBe(false);
    expect(new URL(sent[0]!.url).pathname).toBe(`/v1/phlo/${IDS.phloId}/multi_party_call/${IDS.nodeId}`);
  });

  it("reports a 200 that is not a node as not the documented body", async () => {
    const { client } = clientWith(() => json(200, { api_id: node.api_id }));
    const error = (await client.getMultiPartyCall(IDS).catch((failure: unknown) => failure)) as Error;
    expect(error.message).toMatch(/answered 200: not the documented body/);
    // A read places nothing, so it does not warn that an action may have started.
    expect(error.message).not.toMatch(/may have started/);
  });
});
