// Per-call cost of a warm transfer against a local node:http server: this client against raw fetch
// (the baseline), stock openapi-fetch, the official plivo SDK and plain node:http (the floor). Every
// contender runs in the same process and the same rounds, in a shuffled order each round.
import { request as httpRequest, Agent } from "node:http";
import { createRequire } from "node:module";
import createClient from "openapi-fetch";
import type { paths } from "../generated/schema.js";
import { createPhloClient } from "../src/index.js";
import { median } from "./lib/stats.js";
import { startStaticServer } from "./lib/server.js";

const AUTH = { authId: "MAXXXXXXXXXXXXXXXXXX", authToken: "bench-token" };
const IDS = { phloId: "4c1d8a9e-7b3f-4e2a-9d6c-0f1e2d3c4b5a", nodeId: "36989807-a76f-4555-84d1-9dfdccca7a80" };
const BODY = { action: "warm_transfer", trigger_source: "12025550000", role: "agent", to: "12025551111" } as const;
const STARTED = JSON.stringify({ api_id: "faad0293-f5f0-487e-8ff7-b45ba6c45b25", error: "" });

export type SpeedRow = {
  contender: string;
  medianMicroseconds: number;
  ratioToRawFetch: number;
};

type Contender = { name: string; call: () => Promise<unknown> };

function contenders(baseUrl: string, port: number): Contender[] {
  const url = `${baseUrl}/phlo/${IDS.phloId}/multi_party_call/${IDS.nodeId}`;
  const headers = {
    Authorization: `Basic ${btoa(`${AUTH.authId}:${AUTH.authToken}`)}`,
    "Content-Type": "application/json",
    "User-Agent": "bench",
  };
  const client = createPhloClient({ ...AUTH, baseUrl });
  const stock = createClient<paths>({ baseUrl, headers: { Authorization: headers.Authorization } });
  const plivo = createRequire(import.meta.url)("plivo") as {
    PhloClient: new (id: string, token: string, options: { url: string }) => {
      phlo(id: string): { multiPartyCall(id: string): { warmTransfer(ts: string, to: string, role: string): Promise<unknown> } };
    };
  };
  const sdk = new plivo.PhloClient(AUTH.authId, AUTH.authToken, { url: baseUrl });
  const agent = new Agent({ keepAlive: true });
  return [
    {
      name: "raw fetch (baseline)",
      call: async () => {
        const response = await fetch(url, { method: "POST", headers, body: JSON.stringify(BODY) });
        return response.json();
      },
    },
    {
      // What a careful hand-written call does: the same per-call timeout as the client. Node 20
      // spends a few µs creating each AbortSignal and fetch a few more watching it.
      name: "raw fetch + 30 s timeout",
      call: async () => {
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), 30_000);
        try {
          const response = await fetch(url, { method: "POST", headers, body: JSON.stringify(BODY), signal: controller.signal });
          return await response.json();
        } finally {
          clearTimeout(timer);
        }
      },
    },
    { name: "this client (warmTransfer)", call: () => client.warmTransfer({ ...IDS, triggerSource: BODY.trigger_source, to: BODY.to }) },
    {
      name: "stock openapi-fetch (POST)",
      call: () =>
        stock.POST("/phlo/{phlo_id}/multi_party_call/{node_id}", {
          params: { path: { phlo_id: IDS.phloId, node_id: IDS.nodeId } },
          body: BODY,
        }),
    },
    {
      name: "official plivo SDK 4.79.0",
      call: () => sdk.phlo(IDS.phloId).multiPartyCall(IDS.nodeId).warmTransfer(BODY.trigger_source, BODY.to, BODY.role),
    },
    {
      name: "node:http (floor)",
      call: () =>
        new Promise((resolve, reject) => {
          const request = httpRequest(
            { host: "127.0.0.1", port, path: new URL(url).pathname, method: "POST", headers, agent },
            (response) => {
              let text = "";
              response.setEncoding("utf8");
              response.on("data", (chunk: string) => (text += chunk));
              response.on("end", () => resolve(JSON.parse(text)));
            },
          );
          request.on("error", reject);
          request.end(JSON.stringify(BODY));
        }),
    },
  ];
}

const shuffle = <T>(items: T[]) => items.map((item) => [Math.random(), item] as const).sort(([a], [b]) => a - b).map(([, item]) => item);

/**
 * Each round times a block of calls per contender, in a shuffled order; a contender's ratio is the
 * median over rounds of its time divided by raw fetch's time in the same round, so that a slow
 * moment of the machine moves both sides of the ratio.
 */
export async function measureClientSpeed({ rounds = 40, callsPerRound = 100, warmup = 200 } = {}): Promise<SpeedRow[]> {
  const server = await startStaticServer(201, STARTED);
  try {
    const all = contenders(server.baseUrl, server.port);
    const times = new Map(all.map((contender) => [contender.name, [] as number[]]));
    for (const contender of all) for (let i = 0; i < warmup; i++) await contender.call();
    for (let round = 0; round < rounds; round++) {
      for (const contender of shuffle(all)) {
        const start = performance.now();
        for (let i = 0; i < callsPerRound; i++) await contender.call();
        times.get(contender.name)!.push(((performance.now() - start) * 1000) / callsPerRound);
      }
    }
    const baseline = times.get(all[0]!.name)!;
    return all.map(({ name }) => {
      const own = times.get(name)!;
      return {
        contender: name,
        medianMicroseconds: Math.round(median(own)),
        ratioToRawFetch: Number(median(own.map((time, round) => time / baseline[round]!)).toFixed(2)),
      };
    });
  } finally {
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await measureClientSpeed());
}
