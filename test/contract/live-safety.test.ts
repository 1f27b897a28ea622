// The live lane is safe against any server, not only a correct one. A local server that acts on
// everything (it ignores credentials and never validates a body) counts what it would have done:
// nothing in safe mode. With PHLO_LIVE_PLACE_CALLS=1, each acting request goes out exactly once, and
// the README states how many and which.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acts, runContractSuite } from "../../src/contract/index.js";
import { projectRoot } from "../../bench/lib/app-bundle.js";
import { specExample } from "../helpers/fetch.js";
import { sendJson, startLocalServer, type LocalServer, type Received } from "../helpers/local-server.js";
import { LIVE, liveEnv, startFakePlivo, type FakePlivo } from "./fake-plivo.js";

/** Would a server that does whatever it is asked act on this request at the live PHLO? */
const actsOnLivePhlo = (request: Received) =>
  acts({ method: request.method }) && [LIVE.phloId, LIVE.nodeId].some((id) => request.url.includes(id));

describe("safe mode against a server that acts on everything", () => {
  let reckless: LocalServer & { acted: Received[] };
  beforeAll(async () => {
    const acted: Received[] = [];
    const server = await startLocalServer((request, response) => {
      if (actsOnLivePhlo(request)) acted.push(request);
      // Any credentials, any body, any id: a 201 for a write, the node for a read.
      if (acts({ method: request.method })) sendJson(response, 201, { api_id: "4c1d8a9e-7b3f-4e2a-9d6c-0f1e2d3c4b5a", error: "" });
      else sendJson(response, 200, specExample("MultiPartyCallNode"));
    });
    reckless = { ...server, acted };
  });
  afterAll(() => reckless.close());

  it("would act on 0 requests, though it accepted every one (the suite reports the drift instead)", async () => {
    const report = await runContractSuite({ target: "live", env: liveEnv(reckless.baseUrl) });
    expect(reckless.received.length).toBeGreaterThan(0);
    expect(reckless.acted.map((request) => `${request.method} ${request.url}`)).toEqual([]);
    // A server that ignores credentials fails the credential cases it could be asked safely.
    expect(report.results.filter((result) => result.outcome == "failed").map((result) => result.name)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^getMultiPartyCall without credentials/)]),
    );
  }, 60_000);
});

describe("with PHLO_LIVE_PLACE_CALLS=1", () => {
  let fake: FakePlivo;
  beforeAll(async () => (fake = await startFakePlivo()));
  afterAll(() => fake.close());

  it("sends each acting request once, exactly the ones the README lists", async () => {
    const report = await runContractSuite({ target: "live", env: liveEnv(fake.baseUrl, { PHLO_LIVE_PLACE_CALLS: "1" }) });
    expect(report.results.filter((result) => result.outcome == "failed").map((result) => result.name)).toEqual([]);
    const acting = fake.received.filter(actsOnLivePhlo);
    // Every acting request reached the fake as a valid one, and it acted on each.
    expect(acting).toEqual(fake.acted);
    const requests = acting.map((request) => `${request.method} ${new URL(request.url, "http://x").pathname.replace(/\/$/, "")} ${JSON.stringify(JSON.parse(request.body), Object.keys(JSON.parse(request.body)).sort())}`);
    expect(new Set(requests).size).toBe(requests.length);

    const readme = await readFile(join(projectRoot, "README.md"), "utf8");
    const statement = /sends exactly (\d+) requests that act, each once[^:]*:\n?([^\n]+(?:\n[^\n]+)*?)\n\n/.exec(readme);
    expect(statement, "README states the count of acting requests and lists them").not.toBeNull();
    expect(acting).toHaveLength(Number(statement![1]));
    const listed = [...statement![2]!.matchAll(/`([a-z_]+)`/g)].map((match) => match[1]!).filter((name) => !name.startsWith("phlo") && !/^[A-Z]/.test(name));
    const actions = acting.map((request) => (JSON.parse(request.body) as { action: string }).action);
    expect(listed.sort()).toEqual(actions.sort());
  }, 60_000);
});
