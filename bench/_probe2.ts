import { startStaticServer } from "./lib/server.js";
import { median } from "./lib/stats.js";
import { createPhloClient } from "../src/index.js";
const server = await startStaticServer(201, JSON.stringify({ api_id: "faad0293-f5f0-487e-8ff7-b45ba6c45b25", error: "" }));
const url = `${server.baseUrl}/phlo/4c1d8a9e-7b3f-4e2a-9d6c-0f1e2d3c4b5a/multi_party_call/36989807-a76f-4555-84d1-9dfdccca7a80`;
const headers = { Authorization: "Basic " + btoa("MA:t"), "User-Agent": "x", "Content-Type": "application/json" };
const BODY = { action: "warm_transfer", trigger_source: "12025550000", role: "agent", to: "12025551111" };
const client = createPhloClient({ authId: "MA", authToken: "t", baseUrl: server.baseUrl });
const input = { phloId: "4c1d8a9e-7b3f-4e2a-9d6c-0f1e2d3c4b5a", nodeId: "36989807-a76f-4555-84d1-9dfdccca7a80", triggerSource: "12025550000", to: "12025551111" };
const variants: Record<string, () => Promise<unknown>> = {
  plain: async () => (await fetch(url, { method: "POST", headers, body: JSON.stringify(BODY) })).json(),
  manual: async () => (await fetch(url, { method: "POST", headers, body: JSON.stringify(BODY), redirect: "manual" })).json(),
  ctl: async () => { const c = new AbortController(); const t = setTimeout(() => c.abort(), 30000); try { return JSON.parse(await (await fetch(url, { method: "POST", headers, body: JSON.stringify(BODY), signal: c.signal, redirect: "manual" })).text()); } finally { clearTimeout(t) } },
  client: () => client.warmTransfer(input),
};
const times: Record<string, number[]> = {};
for (let round = 0; round < 30; round++) for (const [name, f] of Object.entries(variants)) {
  for (let i = 0; i < 20; i++) await f();
  const t = performance.now(); for (let i = 0; i < 100; i++) await f();
  (times[name] ??= []).push((performance.now() - t) * 1000 / 100);
}
for (const [name, s] of Object.entries(times)) console.log(name, median(s).toFixed(1), median(s.map((x, i) => x / times.plain![i]!)).toFixed(3));
await server.close();
