// Cold import: a fresh Node process per sample, timing `await import(...)` of each package alone.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { projectRoot } from "./lib/app-bundle.js";
import { median } from "./lib/stats.js";

const run = promisify(execFile);

export type ImportRow = {
  contender: string;
  medianMilliseconds: number;
  ratioToThisClient: number;
};

async function importTime(specifier: string): Promise<number> {
  const script = `const start = performance.now(); await import(${JSON.stringify(specifier)}); console.log(performance.now() - start);`;
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], { cwd: projectRoot });
  return Number(stdout.trim());
}

export async function measureImportTimes(samples = 15): Promise<ImportRow[]> {
  const contenders = { "this client": join(projectRoot, "dist/index.js"), "official plivo SDK": "plivo" };
  const times: Record<string, number[]> = {};
  for (let i = 0; i < samples; i++) {
    for (const [name, specifier] of Object.entries(contenders)) (times[name] ??= []).push(await importTime(specifier));
  }
  const ours = median(times["this client"]!);
  return Object.entries(times).map(([contender, values]) => ({
    contender,
    medianMilliseconds: Number(median(values).toFixed(1)),
    ratioToThisClient: Number((median(values) / ours).toFixed(1)),
  }));
}
