// The mock's speed: (a) how long from starting it to its first 201, startMock() in a fresh process
// against the Prism CLI; (b) throughput and latency of warm transfer POSTs at 1, 10 and 100
// connections, against a plain node:http server that returns the same 201 body (the ceiling).
// Each figure is a median over runs; every comparison is measured in the same run.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { examplePath, firstExample, operationById } from "../src/contract/spec.js";
import { startMock } from "../src/mock/index.js";
import { closedPort } from "../test/helpers/local-server.js";
import { buildPackage, projectRoot } from "./lib/app-bundle.js";
import { startStaticServer } from "./lib/server.js";
import { median, percentile } from "./lib/stats.js";

type Row = Record<string, string | number>;

/** The seed's warm transfer, from the spec: its path (parameter examples), first body example and 201. */
const seed = (() => {
  const operation = operationById("updateMultiPartyCall");
  return {
    path: examplePath(operation),
    body: JSON.stringify(firstExample(operation.requestBody)),
    started: JSON.stringify(firstExample(operation.responses.get(201)!.content)),
    headers: { authorization: `Basic ${btoa("MAXXXXXXXXXXXXXXXXXX:bench-token")}`, "content-type": "application/json" },
  };
})();

/** No banner, no analytics: the Prism CLI and tsx are told so. */
const quietEnv = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", SCARF_ANALYTICS: "false", DO_NOT_TRACK: "1", REDOCLY_TELEMETRY: "off" };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Milliseconds from spawning `args` (a node command line) to the first 201 that the process serves
 * at `url`, polled every 5 ms. The process is killed afterwards.
 */
async function timeToFirst201(args: string[], url: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: projectRoot, env: quietEnv, stdio: "ignore" });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    while (performance.now() - started < 30_000) {
      if (child.exitCode !== null) throw new Error(`${args.join(" ")} exited with ${child.exitCode} before answering`);
      const status = await fetch(url, { method: "POST", headers: seed.headers, body: seed.body }).then(
        async (response) => (await response.arrayBuffer(), response.status),
        () => 0, // Not listening yet.
      );
      if (status === 201) return performance.now() - started;
      await sleep(5);
    }
    throw new Error(`${args.join(" ")} did not answer 201 within 30 s`);
  } finally {
    child.kill();
    await exited;
  }
}

/** A consumer's script that starts the mock from `module` on `port` and keeps it running. */
const startScript = (module: string, port: number) => `import { startMock } from "${module}"; await startMock({ port: ${port} });`;

/**
 * (a) Each contender in turn, `runs` times. Ours twice: from the sources with tsx (as `npm run mock`
 * runs it) and from dist/ with plain node (as an installed package runs it), so that tsx's own start
 * is not mistaken for the mock's.
 */
async function startupRows(runs: number): Promise<Row[]> {
  const contenders = [
    {
      name: "startMock() in a new process (tsx, src/)",
      command: (port: number) => [join(projectRoot, "node_modules/tsx/dist/cli.mjs"), "--input-type=module", "-e", startScript("./src/mock/index.ts", port)],
      path: `/v1${seed.path}`,
    },
    {
      name: "startMock() in a new process (node, dist/)",
      command: (port: number) => ["--input-type=module", "-e", startScript("./dist/mock/index.js", port)],
      path: `/v1${seed.path}`,
    },
    {
      name: "Prism CLI 5.14 (baseline)",
      command: (port: number) => [join(projectRoot, "node_modules/@stoplight/prism-cli/dist/index.js"), "mock", "-h", "127.0.0.1", "-p", String(port), "generated/openapi.json"],
      // The CLI serves the spec's paths without the server path.
      path: seed.path,
    },
  ];
  const times = contenders.map(() => [] as number[]);
  for (let run = 0; run < runs; run++) {
    for (const [index, { command, path }] of contenders.entries()) {
      const port = await closedPort();
      times[index]!.push(await timeToFirst201(command(port), `http://127.0.0.1:${port}${path}`));
    }
  }
  const baseline = median(times.at(-1)!);
  return contenders.map(({ name }, index) => {
    const ms = median(times[index]!);
    const target = index == contenders.length - 1 ? "" : `≤ 1000 ms: ${ms <= 1000 ? "met" : "missed"}`;
    return { measure: "start → first 201", contender: name, median: Math.round(ms), unit: "ms", p50Ms: "", p99Ms: "", ratio: Number((ms / baseline).toFixed(2)), target };
  });
}

interface LoadResult {
  requests: number;
  failures: number;
  latencies: number[];
}

/**
 * The load generator, run in a worker thread so that it does not share an event loop with the
 * server under test: `connections` keep-alive connections, each sending POSTs one after another
 * until the time is up. Plain JavaScript, because a worker does not inherit tsx's loader.
 */
const LOAD_GENERATOR = `
const { request, Agent } = require("node:http");
const { parentPort, workerData: { port, path, headers, body, connections, durationMs } } = require("node:worker_threads");
const agent = new Agent({ keepAlive: true, maxSockets: connections });
const latencies = [];
let failures = 0;
const post = () => new Promise((resolve) => {
  const started = performance.now();
  const outgoing = request({ host: "127.0.0.1", port, path, method: "POST", headers: { ...headers, "content-length": Buffer.byteLength(body) }, agent }, (response) => {
    response.resume();
    response.on("end", () => {
      if (response.statusCode === 201) latencies.push(performance.now() - started);
      else failures++;
      resolve();
    });
  });
  outgoing.on("error", () => (failures++, resolve()));
  outgoing.end(body);
});
const deadline = performance.now() + durationMs;
const loop = async () => { while (performance.now() < deadline) await post(); };
Promise.all(Array.from({ length: connections }, loop)).then(() => {
  agent.destroy();
  parentPort.postMessage({ requests: latencies.length, failures, latencies });
});
`;

function load(port: number, path: string, connections: number, durationMs: number): Promise<LoadResult> {
  const worker = new Worker(LOAD_GENERATOR, { eval: true, workerData: { port, path, headers: seed.headers, body: seed.body, connections, durationMs } });
  return new Promise((resolve, reject) => {
    worker.once("message", (result: LoadResult) => void worker.terminate().then(() => resolve(result)));
    worker.once("error", reject);
  });
}

/** (b) Each cell `repeats` times, the two servers in a shuffled order each time. */
async function throughputRows(durationMs: number, repeats: number): Promise<Row[]> {
  const mock = await startMock();
  const raw = await startStaticServer(201, seed.started);
  const targets = [
    { name: "startMock() (in-process Prism)", port: mock.port, path: `/v1${seed.path}` },
    { name: "node:http, same 201 body (baseline)", port: raw.port, path: `/v1${seed.path}` },
  ];
  try {
    for (const target of targets) await load(target.port, target.path, 10, 500); // JIT warm-up
    const rows: Row[] = [];
    for (const connections of [1, 10, 100]) {
      const cells = new Map(targets.map((target) => [target.name, [] as { rps: number; p50: number; p99: number }[]]));
      for (let repeat = 0; repeat < repeats; repeat++) {
        for (const target of repeat % 2 ? [...targets].reverse() : targets) {
          const result = await load(target.port, target.path, connections, durationMs);
          if (result.failures) throw new Error(`${target.name}: ${result.failures} requests at ${connections} connections did not get a 201`);
          cells.get(target.name)!.push({ rps: result.requests / (durationMs / 1000), p50: percentile(result.latencies, 50), p99: percentile(result.latencies, 99) });
        }
      }
      const summary = targets.map(({ name }) => {
        const samples = cells.get(name)!;
        return { name, rps: median(samples.map((s) => s.rps)), p50: median(samples.map((s) => s.p50)), p99: median(samples.map((s) => s.p99)) };
      });
      const baseline = summary[1]!.rps;
      for (const { name, rps, p50, p99 } of summary) {
        const ratio = rps / baseline;
        const target =
          connections == 10 && name == targets[0]!.name ? `≥ 0.10 of raw, p99 ≤ 50 ms: ${ratio >= 0.1 && p99 <= 50 ? "met" : "missed"}` : "";
        rows.push({ measure: `POST at ${connections} connection${connections > 1 ? "s" : ""}`, contender: name, median: Math.round(rps), unit: "req/s", p50Ms: Number(p50.toFixed(2)), p99Ms: Number(p99.toFixed(2)), ratio: Number(ratio.toFixed(3)), target });
      }
    }
    return rows;
  } finally {
    await Promise.all([mock.stop(), raw.close()]);
  }
}

/** Needs dist/ (bench/run.ts builds it first; run standalone, this file does). */
export async function measureMockSpeed({ startupRuns = 5, durationMs = 2000, repeats = 3 } = {}): Promise<Row[]> {
  return [...(await startupRows(startupRuns)), ...(await throughputRows(durationMs, repeats))];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildPackage();
  console.table(await measureMockSpeed());
}
