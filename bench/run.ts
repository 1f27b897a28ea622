// `npm run bench`: every benchmark, each figure a median and a ratio against a baseline measured in
// the same run. Prints the tables and writes bench/results/latest.{json,md}.
import { mkdir, writeFile } from "node:fs/promises";
import { cpus } from "node:os";
import { measureBundleSizes } from "./bundle-size.js";
import { measureClientSpeed } from "./client-speed.js";
import { measureImportTimes } from "./import-time.js";
import { measureInstallSizes } from "./install-size.js";
import { measureMockSpeed } from "./mock.js";
import { buildPackage } from "./lib/app-bundle.js";

type Row = Record<string, string | number>;
interface Section {
  title: string;
  /** What the ratio is against, and the target this project set itself. */
  note: string;
  measure: () => Promise<Row[]>;
}

const sections: Section[] = [
  {
    title: "Per call, against a local node:http server",
    note: "Median µs per sequential warm transfer; ratio = median over rounds of time / raw fetch's time in the same round. Target: this client ≤ 1.10× raw fetch.",
    measure: () => measureClientSpeed(),
  },
  {
    title: "The mock: start-up, throughput and latency",
    note: "Start → first 201: median of 5 fresh processes, ratio to the Prism CLI; target ≤ 1,000 ms. Warm transfer POSTs for 2 s per cell from a worker thread, median of 3; ratio = throughput / a node:http server returning the same 201. Target at 10 connections: ≥ 0.10 of raw, p99 ≤ 50 ms.",
    measure: () => measureMockSpeed(),
  },
  {
    title: "Bundle of an app that places one warm transfer",
    note: "esbuild, minified; gzip. Target: this client ≤ 4,300 bytes gzipped.",
    measure: () => measureBundleSizes(),
  },
  {
    title: "Cold import",
    note: "A fresh Node process per sample; median of the time to `await import()` the package. Target: ≤ 15 ms.",
    measure: () => measureImportTimes(),
  },
  {
    title: "Install footprint",
    note: "`npm install --omit=dev` of the packed package into an empty project: packages and bytes on disk.",
    measure: () => measureInstallSizes(),
  },
];

function markdownTable(rows: Row[]): string {
  const columns = Object.keys(rows[0] ?? {});
  return [
    `| ${columns.join(" | ")} |`,
    `| ${columns.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${columns.map((column) => String(row[column])).join(" | ")} |`),
  ].join("\n");
}

const started = performance.now();
const machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? "unknown", date: new Date().toISOString() };
console.log(`plivo-phlo-openapi benchmarks on Node ${machine.node}, ${machine.cpus} × ${machine.cpu}\n`);
await buildPackage();
const results: { title: string; note: string; rows: Row[] }[] = [];
for (const section of sections) {
  const rows = await section.measure();
  results.push({ title: section.title, note: section.note, rows });
  console.log(`${section.title}\n${section.note}`);
  console.table(rows);
}
const markdown = [
  `# Benchmark results`,
  "",
  `\`npm run bench\` on Node ${machine.node}, ${machine.cpus} × ${machine.cpu}, ${machine.date}.`,
  "",
  ...results.flatMap(({ title, note, rows }) => [`## ${title}`, "", note, "", markdownTable(rows), ""]),
].join("\n");
await mkdir(new URL("results/", import.meta.url), { recursive: true });
await writeFile(new URL("results/latest.json", import.meta.url), `${JSON.stringify({ machine, results }, null, 2)}\n`);
await writeFile(new URL("results/latest.md", import.meta.url), markdown);
console.log(`Done in ${((performance.now() - started) / 1000).toFixed(0)} s; written to bench/results/latest.{json,md}.`);
