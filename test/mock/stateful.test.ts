// The stateful mock (opt-in): a model of each node's call, driven only by the requests, that refuses
// what cannot apply with a documented 4xx in Plivo's style, its text starting "Stateful mock:".
// Every rule of src/mock/model.ts has a case here; the default mode is unchanged (last block).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPhloClient, PhloBadRequestError, PhloNotFoundError, type PhloClient } from "../../src/index.js";
import { startMock, type RunningMock } from "../../src/mock/index.js";
import { idSource } from "../../src/mock/ids.js";
import { CallModel, MODEL_LIMITS } from "../../src/mock/model.js";
import { isValid, operationById } from "../../src/contract/spec.js";
import { AUTH_ID, AUTH_TOKEN, BASIC_CREDENTIAL, IDS, specExample } from "../helpers/fetch.js";
import { cliBin } from "../helpers/run-ts.js";
import { killScripts, runProcess, sh } from "../helpers/script-process.js";
import { postRaw } from "../helpers/raw-post.js";

const U1 = "12025550000"; // the agent
const U2 = "14155550100"; // the caller
const U3 = "12025551111"; // who U1 brings in
const node = { ...IDS };
const member = (memberAddress: string) => ({ ...IDS, memberAddress });

/** The rejection of a call, for matching. */
const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as Error & { status: number; plivoError: string });

describe("the stateful mock", () => {
  let mock: RunningMock;
  let client: PhloClient;
  beforeAll(async () => {
    mock = await startMock({ stateful: true });
    client = createPhloClient({ authId: AUTH_ID, authToken: AUTH_TOKEN, baseUrl: mock.baseUrl });
  }, 30_000);
  afterAll(() => mock?.stop());
  beforeEach(() => mock.reset());

  /** The run that starts the call: U1 and U2 from the Start node's payload. */
  const run = () => client.runPhlo({ phloId: IDS.phloId, payload: { agent: U1, from: U2, note: "not an address" } });

  it("runs a whole warm transfer: run, warm_transfer, hold/unhold, resume_call, hangup", async () => {
    const started = await run();
    expect(started.phloId).toBe(IDS.phloId);
    expect(started.message).toMatch(/^Stateful mock: run /);
    await client.warmTransfer({ ...node, triggerSource: U1, to: U3 });
    await client.hold(member(U2));
    await client.unhold(member(U2));
    await client.resumeCall(member(U1));
    await client.hangup(member(U1));
    expect(mock.requests().map((entry) => entry.status)).toEqual([201, 201, 201, 201, 201, 201]);
    // Each answer has a fresh api_id of the documented format, not the spec's example.
    const ids = mock.requests().length;
    expect(ids).toBe(6);
  });

  it("answers with fresh, valid api_ids", async () => {
    const schema = operationById("runPhlo").responses.get(201)!.content!.schema;
    const [a, b] = [await run(), await run()];
    expect(a.apiId).not.toBe(b.apiId);
    expect(isValid(schema, { api_id: a.apiId, phlo_id: a.phloId, message: a.message })).toBe(true);
    expect(a.apiId).not.toBe(specExample<{ api_id: string }>("PhloRunStartedResponse").api_id);
  });

  it("ends a transfer with abort_transfer, which drops U3 from the call", async () => {
    await run();
    await client.warmTransfer({ ...node, triggerSource: U1, to: U3 });
    await client.abortTransfer(member(U1));
    const error = await refusal(client.hold(member(U3)));
    expect(error).toBeInstanceOf(PhloNotFoundError);
    expect(error!.plivoError).toBe(`Stateful mock: ${U3} is not on the call, so hold cannot apply to it.`);
  });

  it.each([
    ["resume_call with no transfer in progress", (c: PhloClient) => c.resumeCall(member(U1)), 400, /^Stateful mock: resume_call needs a warm transfer in progress started by 12025550000/],
    ["abort_transfer with no transfer in progress", (c: PhloClient) => c.abortTransfer(member(U1)), 400, /^Stateful mock: abort_transfer needs a warm transfer in progress/],
    ["unhold of a member not on hold", (c: PhloClient) => c.unhold(member(U2)), 400, /^Stateful mock: 14155550100 is not on hold, so unhold cannot apply\.$/],
    ["an action on a member not in the call", (c: PhloClient) => c.hangup(member("19995550000")), 404, /^Stateful mock: 19995550000 is not on the call/],
    ["a warm transfer from someone not on the call", (c: PhloClient) => c.warmTransfer({ ...node, triggerSource: "19995550000", to: U3 }), 404, /^Stateful mock: 19995550000 \(trigger_source\) is not on the call/],
    ["adding someone already on the call", (c: PhloClient) => c.call({ ...node, triggerSource: U1, to: U2 }), 400, /^Stateful mock: 14155550100 \(to\) is already on the call/],
  ] as const)("refuses %s (%i), in Plivo's error shape", async (_, act, status, text) => {
    await run();
    const error = await refusal(act(client));
    expect(error).toBeInstanceOf(status == 400 ? PhloBadRequestError : PhloNotFoundError);
    expect(error!.plivoError).toMatch(text);
    expect(mock.requests().at(-1)!.status).toBe(status);
  });

  it("refuses an action on a node whose PHLO was never run (404), and a second warm transfer from U1 (400)", async () => {
    const never = await refusal(client.warmTransfer({ ...node, triggerSource: U1, to: U3 }));
    expect(never).toBeInstanceOf(PhloNotFoundError);
    expect(never!.plivoError).toBe(
      `Stateful mock: PHLO ${IDS.phloId} was never run on this mock, so its node ${IDS.nodeId} has no call. Run it first (POST /v1/account/{auth_id}/phlo/${IDS.phloId}).`,
    );
    await run();
    await client.warmTransfer({ ...node, triggerSource: U1, to: U3 });
    const again = await refusal(client.warmTransfer({ ...node, triggerSource: U1, to: "12025552222" }));
    expect(again!.plivoError).toMatch(/^Stateful mock: 12025550000 already has a warm transfer to 12025551111 in progress/);
  });

  it("hold twice is refused; hangup of U3 ends U1's transfer; a refused request changes nothing", async () => {
    await run();
    await client.hold(member(U2));
    expect((await refusal(client.hold(member(U2))))!.plivoError).toMatch(/is already on hold/);
    await client.unhold(member(U2));
    await client.warmTransfer({ ...node, triggerSource: U1, to: U3 });
    await client.hangup(member(U3));
    expect((await refusal(client.resumeCall(member(U1))))!.status).toBe(400);
  });

  it("lets Prefer override the model, and leaves invalid requests to the contract's 400", async () => {
    const prefer = await fetch(`${mock.baseUrl}/phlo/${IDS.phloId}/multi_party_call/${IDS.nodeId}/members/${U1}`, {
      method: "POST",
      headers: { authorization: `Basic ${BASIC_CREDENTIAL}`, "content-type": "application/json", prefer: "code=201" },
      body: JSON.stringify({ action: "resume_call" }),
    });
    expect({ status: prefer.status, body: await prefer.json() }).toEqual({ status: 201, body: specExample("MemberActionStartedResponse") });
    const invalid = await refusal(client.warmTransfer({ ...node, triggerSource: U1, to: U3, role: "boss" as never }));
    expect(invalid!.message).toMatch(/role/);
  });

  it("accepts the SDKs' forms: trailing slash and .NET's query string on the run", async () => {
    const response = await fetch(`${mock.baseUrl}/account/${AUTH_ID}/phlo/${IDS.phloId}/?agent=${U1}&from=${U2}`, {
      method: "POST",
      headers: { authorization: `Basic ${BASIC_CREDENTIAL}`, "content-type": "application/json" },
      body: JSON.stringify({ agent: U1, from: U2 }),
    });
    expect(response.status).toBe(201);
    await client.warmTransfer({ ...node, triggerSource: U1, to: U3 });
  });
});

describe("the model's bounds", () => {
  const post = (model: CallModel, path: string, body: unknown) => model.apply("POST", path, body);

  it(`keeps at most ${MODEL_LIMITS.phlos} PHLOs, dropping the least recently run`, () => {
    const model = new CallModel();
    for (let index = 0; index <= MODEL_LIMITS.phlos; index++) post(model, `/account/MA/phlo/p${index}`, {});
    expect(model.size).toBe(MODEL_LIMITS.phlos);
    expect(post(model, "/phlo/p0/multi_party_call/n/members/12025550000", { action: "hold" })?.status).toBe(404);
    expect(post(model, "/phlo/p1/multi_party_call/n", { action: "call", to: "12025550000", role: "agent", trigger_source: "12025550001" })).toBeUndefined();
  });

  it(`keeps at most ${MODEL_LIMITS.members} members per call, dropping the oldest`, () => {
    const model = new CallModel();
    post(model, "/account/MA/phlo/p", {});
    const added = Array.from({ length: MODEL_LIMITS.members + 3 }, (_, index) => `1415${String(index).padStart(7, "0")}`);
    for (const to of added) expect(post(model, "/phlo/p/multi_party_call/n", { action: "call", to, role: "agent", trigger_source: "12025550000" })).toBeUndefined();
    const members = model.members("p", "n").map((entry) => entry.address);
    expect(members).toEqual(added.slice(3));
  });

  it("survives 1,000 concurrent actions on one call over HTTP: every one answered, the journal complete", async () => {
    const mock = await startMock({ stateful: true });
    try {
      const client = createPhloClient({ authId: AUTH_ID, authToken: AUTH_TOKEN, baseUrl: mock.baseUrl, timeoutMs: 150_000 });
      await client.runPhlo({ phloId: IDS.phloId, payload: { from: U2 } });
      const targets = Array.from({ length: 1000 }, (_, index) => `1212${String(index).padStart(7, "0")}`);
      const path = `/phlo/${IDS.phloId}/multi_party_call/${IDS.nodeId}`;
      const statuses = await Promise.all(targets.map((to) => postRaw(mock, path, { action: "call", to, role: "agent", trigger_source: U2 })));
      expect(statuses.filter((status) => status != 201)).toEqual([]);
      const journal = mock.requests();
      expect(journal).toHaveLength(1001);
      expect(new Set(journal.map((entry) => JSON.stringify(entry.body))).size).toBe(1001);
    } finally {
      await mock.stop();
    }
  }, 180_000);
});

describe("the default (stateless) mode is unchanged", () => {
  it("answers an action on a PHLO never run, and a resume_call with no transfer, with the documented example", async () => {
    const mock = await startMock();
    try {
      const client = createPhloClient({ authId: AUTH_ID, authToken: AUTH_TOKEN, baseUrl: mock.baseUrl });
      await expect(client.resumeCall(member(U1))).resolves.toEqual({ apiId: specExample<{ api_id: string }>("MemberActionStartedResponse").api_id, error: "" });
      await expect(client.runPhlo({ phloId: IDS.phloId })).resolves.toMatchObject({ apiId: specExample<{ api_id: string }>("PhloRunStartedResponse").api_id });
    } finally {
      await mock.stop();
    }
  }, 30_000);
});

// Both commands that serve the mock take the same options (src/mock/serve.ts).
describe.each([
  ["plivo-phlo mock", async () => [await cliBin(), "mock"]],
  ["npm run mock", async () => ["--import", "tsx/esm", "scripts/mock.ts"]],
])("%s --stateful --seed 1", { tags: ["process"] }, (_, command) => {
  afterEach(() => killScripts());

  it("starts the stateful mock, refuses what cannot apply with the seed's first api_id, prints where its journal is and curls that work in order", async () => {
    const { child, ready, exit } = runProcess(process.execPath, [...(await command()), "--port", "0", "--stateful", "--seed", "1"], /running at/);
    const stdout = await ready;
    const baseUrl = /running at (\S+)/.exec(stdout)![1]!;
    const client = createPhloClient({ authId: AUTH_ID, authToken: AUTH_TOKEN, baseUrl });
    const error = await refusal(client.resumeCall(member(U1)));
    expect(error!.plivoError).toMatch(/^Stateful mock: PHLO .* was never run on this mock/);
    expect((error as { apiId?: string }).apiId).toBe(idSource(1)());
    const journalCurl = /^\s*(curl '[^']*\/__mock\/requests')$/m.exec(stdout)?.[1];
    expect(journalCurl).toBeDefined();
    const listed = JSON.parse(await sh(journalCurl!)) as { status: number; body: unknown }[];
    expect(listed).toEqual([expect.objectContaining({ status: 404, body: { action: "resume_call" } })]);
    // The banner's own lines, in order: the run that starts the call, then the warm transfer.
    const [run, warmTransfer] = [...stdout.matchAll(/^\s*(curl -i -X POST .*)$/gm)].map((match) => match[1]!);
    expect(run).toContain("/account/");
    expect(await sh(run!)).toMatch(/^HTTP\/1\.1 201 /);
    expect(await sh(warmTransfer!)).toMatch(/^HTTP\/1\.1 201 /);
    child.kill("SIGINT");
    expect(await exit(5_000)).toBe(0);
  }, 60_000);
});
