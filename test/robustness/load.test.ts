// Load: 1,000 warm transfers at once through one client to the mock. Every call must succeed, and
// once the mock has stopped, no socket, server or timer of theirs may be left in this process.
import { describe, expect, it } from "vitest";
import { createPhloClient } from "../../src/index.js";
import { startMock } from "../../src/mock/index.js";
import { AUTH_ID, AUTH_TOKEN, seedInput, specExample } from "../helpers/fetch.js";

const CONCURRENT_CALLS = 1000;

/** Counts of this process's live handles by kind (TCPSocketWrap, TCPServerWrap, Timeout, ...). */
function liveHandles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

/** Polls `condition` every 50 ms until it holds or `limitMs` passes; returns whether it held. */
async function eventually(condition: () => boolean, limitMs: number): Promise<boolean> {
  for (const deadline = Date.now() + limitMs; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 50))) {
    if (condition()) return true;
  }
  return condition();
}

describe(`${CONCURRENT_CALLS} concurrent warmTransfer calls to the mock`, () => {
  it("all succeed, and leave no socket, server or timer behind", async () => {
    const before = liveHandles();
    const mock = await startMock();
    const results = await (async () => {
      try {
        const client = createPhloClient({ authId: AUTH_ID, authToken: AUTH_TOKEN, baseUrl: mock.baseUrl });
        return await Promise.allSettled(Array.from({ length: CONCURRENT_CALLS }, () => client.warmTransfer(seedInput)));
      } finally {
        await mock.stop();
      }
    })();

    const failures = results.flatMap((result) => (result.status === "rejected" ? [String(result.reason)] : []));
    expect(failures.slice(0, 3), `${failures.length} of ${CONCURRENT_CALLS} calls failed`).toEqual([]);
    const { api_id } = specExample<{ api_id: string }>("WarmTransferStartedResponse");
    expect(new Set(results.map((result) => result.status === "fulfilled" && result.value.apiId))).toEqual(new Set([api_id]));

    // fetch's idle keep-alive sockets close once the server is gone; give them a moment, no more.
    const sameAsBefore = (kind: string) => (liveHandles()[kind] ?? 0) <= (before[kind] ?? 0);
    const settled = await eventually(() => ["TCPSocketWrap", "TCPServerWrap", "Timeout", "ProcessWrap"].every(sameAsBefore), 5000);
    expect(settled, `handles open after the mock stopped: ${JSON.stringify(liveHandles())}, before: ${JSON.stringify(before)}`).toBe(true);
  }, 120_000);
});
