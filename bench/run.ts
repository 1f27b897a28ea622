// `npm run bench`: every benchmark, each figure a median and a ratio against a baseline measured in
// the same run. Prints the tables and writes bench/results/latest.{json,md}.
// `npm run bench -- --only differ,mock` measures only those sections and keeps the committed
// results of the others (each section records its own machine and date).
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { cpus } from "node:os";
import { measureBundleSizes } from "./bundle-size.js";
import { measureClientSpeed } from "./client-speed.js";
import { measureDiffers } from "./differ.js";
import { measureImportTimes } from "./import-time.js";
import { measureInstallSizes } from "./install-size.js";
import { measureMockSpeed } from "./mock.js";
import { buildPackage } from "./lib/app-bundle.js";
import { parseArgs } from "node:util";

type Row = Record<string, string | number>;
interface Section {
  /** The name `--only` takes. */
  key: string;
  title: string;
  /** What the ratio is against, and the target this project set itself. */
  note: string;
  measure: () => Promise<Row[]>;
}

const sections: Section[] = [
  {
    key: "client",
    title: "Per call, against a local node:http server",
    note: "Median µs per sequential warm transfer; ratio = median over rounds of time / raw fetch's time in the same round. Target: this client ≤ 1.10× raw fetch.",
    measure: () => measureClientSpeed(),
  },
  {
    key: "mock",
    title: "The mock: start-up, throughput and latency",
    note: "Start → first 201: median of 5 fresh processes, ratio to the Prism CLI; target ≤ 1,000 ms. Warm transfer POSTs for 2 s per cell from a worker thread, median of 3; ratio = throughput / a node:http server returning the same 201. Target at 10 connections: ≥ 0.10 of raw, p99 ≤ 50 ms.",
    measure: () => measureMockSpeed(),
  },
  {
    key: "bundle",
    title: "Bundle of an app that places one warm transfer",
    note: "esbuild, minified; gzip. Target: this client ≤ 4,300 bytes gzipped.",
    measure: () => measureBundleSizes(),
  },
  {
    key: "import",
    title: "Cold import",
    note: "A fresh Node process per sample; median of the time to `await import()` the package. Target: ≤ 15 ms.",
    measure: () => measureImportTimes(),
  },
  {
    key: "install",
    title: "Install footprint",
    note: "`npm install --omit=dev` of the packed package into an empty project: packages and bytes on disk.",
    measure: () => measureInstallSizes(),
  },
  {
    key: "differ",
    title: "Breaking-change differs on this spec",
    note: "The 11 changes of bench/lib/contract-changes.ts (7 breaking, 4 not), each diffed as two bundles by each differ in the same run, 3 rounds; redocly diff with no config and from the project root, where it reads redocly.yaml; median ms per diff (a child process each); ratio = median over rounds of the round's total / oasdiff's.",
    measure: () => measureDiffers(),
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

type Result = { key: string; title: string; note: string; machine: Record<string, string | number>; rows: Row[] };

const { values } = parseArgs({ options: { only: { type: "string" } } });
const only = values.only?.split(",");
const unknown = only?.filter((key) => !sections.some((section) => section.key == key));
if (unknown?.length) throw new Error(`--only takes ${sections.map((section) => section.key).join(", ")}; not ${unknown.join(", ")}`);

const started = performance.now();
const machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? "unknown", date: new Date().toISOString() };
console.log(`plivo-phlo-openapi benchmarks on Node ${machine.node}, ${machine.cpus} × ${machine.cpu}\n`);
await buildPackage();
const latestJson = new URL("results/latest.json", import.meta.url);
// Results from before sections recorded their own machine carry one for the whole file.
const previous = only ? (JSON.parse(await readFile(latestJson, "utf8").catch(() => "{}")) as { machine?: Result["machine"]; results?: Partial<Result>[] }) : {};
const committed = (previous.results ?? []).map((result) => ({ ...result, machine: result.machine ?? previous.machine ?? {} }) as Result);
const results: Result[] = [];
for (const section of sections) {
  if (only && !only.includes(section.key)) {
    const kept = committed.find((result) => result.title == section.title);
    if (kept) results.push({ ...kept, key: section.key });
    continue;
  }
  const rows = await section.measure();
  results.push({ key: section.key, title: section.title, note: section.note, machine, rows });
  console.log(`${section.title}\n${section.note}`);
  console.table(rows);
}
const markdown = [
  `# Benchmark results`,
  "",
  `\`npm run bench\`; each section names the machine and the date it was measured on.`,
  "",
  ...results.flatMap(({ title, note, machine: { node, cpus: count, cpu, date }, rows }) => [
    `## ${title}`,
    "",
    `${note} (Node ${node}, ${count} × ${cpu}, ${date})`,
    "",
    markdownTable(rows),
    "",
  ]),
].join("\n");
await mkdir(new URL("results/", import.meta.url), { recursive: true });
await writeFile(latestJson, `${JSON.stringify({ results }, null, 2)}\n`);
await writeFile(new URL("results/latest.md", import.meta.url), markdown);
console.log(`Done in ${((performance.now() - started) / 1000).toFixed(0)} s; written to bench/results/latest.{json,md}.`);
