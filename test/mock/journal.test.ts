// The mock's request journal (always on): what a consumer's test asserts its app sent. Arrival
// order, every answer's status, no credential in any form, a reset over HTTP and in-process, a cap,
// and no entry lost or doubled under 1,000 concurrent requests. Also: ids from a seed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPhloClient } from "../../src/index.js";
import { JOURNAL_LIMIT, startMock, type JournalEntry, type RunningMock } from "../../src/mock/index.js";
import { idSource } from "../../src/mock/ids.js";
import { Journal } from "../../src/mock/journal.js";
import { isValid } from "../../src/contract/spec.js";
import { AUTH_ID, AUTH_TOKEN, BASIC_CREDENTIAL, IDS, credentialLeaks, seedInput, specExample } from "../helpers/fetch.js";
import { postRaw } from "../helpers/raw-post.js";

const UUID = { type: "string", format: "uuid" };

describe("the request journal", () => {
  let mock: RunningMock;
  beforeAll(async () => (mock = await startMock()), 30_000);
  afterAll(() => mock?.stop());

  it("starts empty (the readiness probe is not the app's request)", () => {
    expect(mock.requests()).toEqual([]);
  });

  it("lists what the client sent, in order, with method, path, query, body, status and time; never a credential", async () => {
    mock.reset();
    const client = createPhloClient({ authId: AUTH_ID, authToken: AUTH_TOKEN, baseUrl: mock.baseUrl });
    const before = Date.now();
    await client.runPhlo({ phloId: IDS.phloId, payload: { from: "14155550100", to: AUTH_TOKEN } });
    await client.warmTransfer(seedInput);
    await client.resumeCall({ ...IDS, memberAddress: seedInput.triggerSource });
    await client.getPhlo({ phloId: IDS.phloId });
    const journal = mock.requests();
    expect(journal.map(({ method, path, status }) => `${method} ${path} ${status}`)).toEqual([
      `POST /v1/account/[REDACTED]/phlo/${IDS.phloId} 201`,
      `POST /v1/phlo/${IDS.phloId}/multi_party_call/${IDS.nodeId} 201`,
      `POST /v1/phlo/${IDS.phloId}/multi_party_call/${IDS.nodeId}/members/${seedInput.triggerSource} 201`,
      `GET /v1/phlo/${IDS.phloId} 200`,
    ]);
    expect(journal[1]).toMatchObject({ query: {}, body: { action: "warm_transfer", trigger_source: seedInput.triggerSource, role: "agent", to: seedInput.to } });
    expect(journal[2]!.body).toEqual({ action: "resume_call" });
    expect(journal[3]!.body).toBeNull();
    expect(Object.keys(journal[0]!)).toEqual(["method", "path", "query", "body", "status", "at"]);
    for (const entry of journal) expect(Date.parse(entry.at)).toBeGreaterThanOrEqual(before - 1000);
    // The token the app put in its payload by mistake is redacted too; the Auth ID never shows.
    expect(journal[0]!.body).toEqual({ from: "14155550100", to: "[REDACTED]" });
    const text = JSON.stringify(journal);
    expect(credentialLeaks(text)).toEqual([]);
    expect(text).not.toContain(AUTH_ID);
  });

  it("records refusals with their status, and .NET's query string", async () => {
    mock.reset();
    const post = (path: string, body: string, authorization = `Basic ${BASIC_CREDENTIAL}`) =>
      fetch(`${mock.baseUrl}${path}`, { method: "POST", headers: { authorization, "content-type": "application/json" }, body });
    await post(`/phlo/${IDS.phloId}/multi_party_call/${IDS.nodeId}?action=hold`, JSON.stringify({ action: "warm_transfer" }));
    await post(`/phlo/${IDS.phloId}/multi_party_call/${IDS.nodeId}/members/12025550000`, "{", "Bearer x");
    expect(mock.requests().map(({ status, query, body }) => ({ status, query, body }))).toEqual([
      { status: 400, query: { action: "hold" }, body: { action: "warm_transfer" } },
      { status: 401, query: {}, body: "{" },
    ]);
  });

  it("is served at GET /__mock/requests and emptied by POST /__mock/reset", async () => {
    mock.reset();
    const origin = new URL(mock.baseUrl).origin;
    await fetch(`${mock.baseUrl}/phlo/${IDS.phloId}`, { headers: { authorization: `Basic ${BASIC_CREDENTIAL}` } });
    const listed = (await (await fetch(`${origin}/__mock/requests`)).json()) as JournalEntry[];
    expect(listed).toEqual(mock.requests());
    expect(listed).toHaveLength(1);
    const reset = await fetch(`${origin}/__mock/reset`, { method: "POST" });
    expect(reset.status).toBe(204);
    expect(mock.requests()).toEqual([]);
    // The control paths are not journaled themselves.
    expect(((await (await fetch(`${origin}/__mock/requests`)).json()) as unknown[]).length).toBe(0);
  });

  it("keeps no lost or doubled entry under 1,000 concurrent requests, in a valid arrival order", async () => {
    mock.reset();
    const members = Array.from({ length: 1000 }, (_, index) => `1415${String(index).padStart(7, "0")}`);
    const statuses = await Promise.all(members.map((member) => postRaw(mock, `/phlo/${IDS.phloId}/multi_party_call/${IDS.nodeId}/members/${member}`, { action: "hold" })));
    expect(statuses.filter((status) => status != 201)).toEqual([]);
    const journal = mock.requests();
    expect(journal).toHaveLength(1000);
    const seen = journal.map((entry) => entry.path.split("/").pop());
    expect(new Set(seen).size).toBe(1000);
    expect([...seen].sort()).toEqual([...members].sort());
    expect(journal.every((entry) => entry.status == 201)).toBe(true);
    // Arrival order: the times never go backwards.
    expect(journal.every((entry, index) => index == 0 || entry.at >= journal[index - 1]!.at)).toBe(true);
  }, 180_000);
});

describe("the journal's cap", () => {
  it(`keeps the newest ${JOURNAL_LIMIT} entries, dropping the oldest`, () => {
    const journal = new Journal();
    for (let index = 0; index < JOURNAL_LIMIT + 5; index++) {
      journal.answered(journal.arrive("GET", new URL(`http://mock/v1/phlo/p${index}`)), undefined, 200, undefined);
    }
    const entries = journal.requests();
    expect(entries).toHaveLength(JOURNAL_LIMIT);
    expect(entries[0]!.path).toBe("/v1/phlo/p5");
    expect(entries.at(-1)!.path).toBe(`/v1/phlo/p${JOURNAL_LIMIT + 4}`);
  });
});

describe("ids from a seed", () => {
  it("are the same sequence for the same seed, another for another seed, and valid UUIDs", () => {
    const take = (seed: number | string) => {
      const next = idSource(seed);
      return Array.from({ length: 50 }, () => next());
    };
    expect(take(7)).toEqual(take(7));
    expect(take("7")).toEqual(take(7));
    expect(take(8)).not.toEqual(take(7));
    expect(new Set(take(7)).size).toBe(50);
    for (const id of [...take(7), ...take("snapshot")]) expect(isValid(UUID, id), id).toBe(true);
  });

  it("make a stateful mock's answers the same on every run, and restart on reset", async () => {
    const answers = async () => {
      const mock = await startMock({ stateful: true, seed: 42 });
      try {
        const client = createPhloClient({ authId: AUTH_ID, authToken: AUTH_TOKEN, baseUrl: mock.baseUrl });
        const first = [(await client.runPhlo({ phloId: IDS.phloId })).apiId, (await client.runPhlo({ phloId: IDS.phloId })).apiId];
        mock.reset();
        const afterReset = (await client.runPhlo({ phloId: IDS.phloId })).apiId;
        return { first, afterReset };
      } finally {
        await mock.stop();
      }
    };
    const [one, two] = [await answers(), await answers()];
    expect(one).toEqual(two);
    expect(one.first[0]).not.toBe(one.first[1]);
    expect(one.afterReset).toBe(one.first[0]);
    // Not the spec's example: a run id of its own.
    expect(one.first[0]).not.toBe(specExample<{ api_id: string }>("PhloRunStartedResponse").api_id);
  }, 60_000);
});
