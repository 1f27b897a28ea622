// The official `plivo` Node SDK (4.79.0, the version the reference notes were taken from) against
// the mock: what its users' code does must work on the mock, and its known bugs are pinned so that
// we notice when a new SDK version fixes them.
import { createRequire } from "node:module";
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { ClientRequest } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startMock, type RunningMock } from "../../src/mock/index.js";
import { AUTH_ID, IDS, seedBody, specExample } from "../helpers/fetch.js";
import { sendJson, startLocalServer } from "../helpers/local-server.js";
import { bundle, deref, validatorFor, WARM_TRANSFER_PATH, type JsonObject } from "../helpers/spec.js";

type Plivo = typeof import("plivo");

/** Every HTTP request this process starts (any host, any library built on node:http, as axios is). */
const requests: string[] = [];
const record = (message: unknown) => {
  const request = (message as { request: ClientRequest }).request;
  requests.push(`${request.method} ${request.protocol}//${String(request.getHeader("host"))}${request.path}`);
};

/** A documented answer of the node POST: its schema and its first named example (what Prism sends). */
function documented(status: string) {
  const operation = deref<JsonObject>(deref<JsonObject>((bundle.paths as JsonObject)[WARM_TRANSFER_PATH]).post);
  const response = deref<{ content: Record<string, { schema: unknown; examples: Record<string, unknown> }> }>((operation.responses as JsonObject)[status]);
  const { schema, examples } = response.content["application/json"]!;
  return { schema, first: deref<{ value: { api_id: string; error: string } }>(Object.values(examples)[0]).value };
}

describe("the official plivo Node SDK against the mock", () => {
  let mock: RunningMock;
  let plivo: Plivo;
  let nodeUrl: string;
  let memberPath: string;

  beforeAll(async () => {
    // Subscribed before the SDK loads, so that a request made at load time would be seen too.
    subscribe("http.client.request.start", record);
    plivo = createRequire(import.meta.url)("plivo") as Plivo;
    mock = await startMock();
    const { host } = new URL(mock.baseUrl);
    nodeUrl = `POST http://${host}/v1/phlo/${IDS.phloId}/multi_party_call/${IDS.nodeId}`;
    memberPath = `${nodeUrl}/members/`;
  }, 30_000);
  afterAll(async () => {
    unsubscribe("http.client.request.start", record);
    await mock?.stop();
  });
  afterEach(() => {
    requests.length = 0;
  });

  const multiPartyCall = (url = mock.baseUrl) =>
    new plivo.PhloClient(AUTH_ID, "token", { url }).phlo(IDS.phloId).multiPartyCall(IDS.nodeId);

  it("warmTransfer(triggerSource, to, role) resolves with the spec's 201 api_id, in one request to the mock", async () => {
    const result = await multiPartyCall().warmTransfer(seedBody.trigger_source, seedBody.to, seedBody.role);
    const { schema, first } = documented("201");
    expect(validatorFor(schema)({ api_id: result.apiId, error: result.error })).toBe(true);
    expect({ apiId: result.apiId, error: result.error }).toEqual({ apiId: first.api_id, error: first.error });
    expect(requests).toEqual([nodeUrl]);
  });

  it("coldTransfer resolves the same way (Prism answers a 201 with its first named example)", async () => {
    const cold = specExample<{ to: string; role: string; trigger_source: string }>("ColdTransferRequest");
    const result = await multiPartyCall().coldTransfer(cold.trigger_source, cold.to, cold.role);
    expect(result.apiId).toBe(documented("201").first.api_id);
    expect(requests).toEqual([nodeUrl]);
  });

  it("a warm transfer without `to` is rejected with Plivo's text, sent once", async () => {
    const error = await multiPartyCall()
      .warmTransfer(seedBody.trigger_source, undefined as unknown as string, seedBody.role)
      .then(
        () => expect.fail("the SDK resolved a request without `to`"),
        (rejection: unknown) => rejection as Error & { status: number; moreInfo: string },
      );
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ message: specExample<{ error: string }>("MissingToError").error, status: 400 });
    // `moreInfo` is the JSON the SDK sent: it drops an undefined `to` rather than sending null.
    expect(JSON.parse(error.moreInfo)).toEqual({ action: seedBody.action, role: seedBody.role, trigger_source: seedBody.trigger_source });
    expect(requests).toEqual([nodeUrl]);
  });

  it("abortTransfer (on the multiparty call object) sends the member address unencoded and resolves", async () => {
    const address = specExample<{ to: string }>("WarmTransferToSipEndpointRequest").to;
    const result = (await multiPartyCall().abortTransfer(address)) as { apiId: string };
    expect(result.apiId).toBe(specExample<{ api_id: string }>("MemberActionStartedResponse").api_id);
    expect(requests).toEqual([`${memberPath}${address}`]);
  });

  it("documents SDK bug (reference §5): member(...).hold() etc. reject with TypeError: client is not a function", async () => {
    // When this fails, the SDK has fixed its member methods: the reference notes and the spec's
    // description of the Node SDK need updating.
    const member = multiPartyCall().member(seedBody.trigger_source);
    for (const action of [member.resumeCall, member.voicemailDrop, member.hangup, member.hold, member.unhold]) {
      await expect(action.call(member)).rejects.toThrow(new TypeError("client is not a function"));
    }
    expect(requests).toEqual([]);
  });

  it("does not retry a 500 (nor send it anywhere else): one request, rejected with the body's error", async () => {
    // The mock answers 500 only to a Prefer header, which the SDK cannot send: a local server does.
    const serverError = specExample<{ api_id: string; error: string }>("ServerError");
    const server = await startLocalServer((_request, response) => sendJson(response, 500, serverError));
    try {
      await expect(multiPartyCall(server.baseUrl).warmTransfer(seedBody.trigger_source, seedBody.to, seedBody.role)).rejects.toMatchObject({
        message: serverError.error,
        status: 500,
        apiID: serverError.api_id,
      });
      expect(server.received).toHaveLength(1);
      expect(requests).toEqual([`POST http://127.0.0.1:${server.port}/v1/phlo/${IDS.phloId}/multi_party_call/${IDS.nodeId}`]);
    } finally {
      await server.close();
    }
  });
});
