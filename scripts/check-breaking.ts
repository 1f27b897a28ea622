// The breaking-change gate (`npm run check:breaking`, part of `npm test`): compares the bundle,
// generated/openapi.yaml, with the last released contract, openapi/baseline/openapi.yaml (a committed
// file, so a shallow CI clone has it), and prints every change, one line each.
//
// A breaking change passes only as a reviewed release step: info.version and the package version
// both go up a major version from the baseline's, and CHANGELOG.md has an entry for the new
// info.version that names every operation it breaks. Non-breaking changes always pass.
//
//   tsx scripts/check-breaking.ts                    the gate; exit 0 pass, 1 breaking, 2 unreadable input
//   tsx scripts/check-breaking.ts --update-baseline  on release: the gate, then the bundle and the
//                                                     package version become the new baseline
//   --project DIR                                    another checkout (tests run it on temporary copies)
import { copyFile, readFile, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { DiffInputError, diffReport, diffSpecs, type SpecChange } from "../src/diff.js";
import { parseCommand, runCommand } from "../src/command.js";

export const BUNDLE = "generated/openapi.yaml";
export const BASELINE = "openapi/baseline/openapi.yaml";
/** The package version released with the baseline: `{ "package": "0.1.0" }`. */
export const BASELINE_RELEASE = "openapi/baseline/release.json";
const SOURCE_ROOT = "openapi/openapi.yaml";

const major = (version: string) => Number(/^(\d+)\.\d+\.\d+/.exec(version)?.[1] ?? NaN);

async function readText(project: string, file: string): Promise<string> {
  try {
    return await readFile(join(project, file), "utf8");
  } catch {
    throw new DiffInputError(`cannot read ${file}`);
  }
}

async function contractVersion(project: string, file: string): Promise<string> {
  const version = (parseYaml(await readText(project, file)) as { info?: { version?: unknown } })?.info?.version;
  if (typeof version != "string" || Number.isNaN(major(version))) throw new DiffInputError(`${file}: info.version must be a semantic version, not ${JSON.stringify(version)}`);
  return version;
}

async function packageVersion(project: string, file: string, key: "version" | "package"): Promise<string> {
  const version = (JSON.parse(await readText(project, file)) as Record<string, unknown>)[key];
  if (typeof version != "string" || Number.isNaN(major(version))) throw new DiffInputError(`${file}: "${key}" must be a semantic version, not ${JSON.stringify(version)}`);
  return version;
}

/** The CHANGELOG.md section headed `## <version>` (or `## [<version>]`), up to the next `## `. */
export function changelogEntry(changelog: string, version: string): string | undefined {
  const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const start = new RegExp(`^## \\[?${escaped}\\]?(?=[\\s(]|$)`, "m").exec(changelog);
  if (!start) return undefined;
  const rest = changelog.slice(start.index + start[0].length);
  const end = rest.search(/^## /m);
  return end == -1 ? rest : rest.slice(0, end);
}

/** How a CHANGELOG entry must name a breaking change: its operation, else oasdiff's check id. */
const nameOf = (change: SpecChange) => change.operationId ?? change.endpoint ?? change.id;

export interface GateVerdict {
  changes: SpecChange[];
  /** What is missing for the breaking changes to pass; empty when the gate passes. */
  missing: string[];
  released: { contract: string; package: string };
  current: { contract: string; package: string };
}

export async function checkBreaking(project: string): Promise<GateVerdict> {
  const [allChanges, baselineContract, baselinePackage, currentContract, currentPackage] = await Promise.all([
    diffSpecs(join(project, BASELINE), join(project, BUNDLE)),
    contractVersion(project, BASELINE),
    packageVersion(project, BASELINE_RELEASE, "package"),
    contractVersion(project, BUNDLE),
    packageVersion(project, "package.json", "version"),
  ]);
  // Sources as the reader sees them, relative to the project: `generated/openapi.yaml:166`.
  const changes = allChanges.map((change) => (change.source ? { ...change, source: relative(project, change.source) } : change));
  const breaking = changes.filter((change) => change.breaking);
  const missing: string[] = [];
  if (breaking.length > 0) {
    // The release the breaking changes need: the current version once it is a new major.
    const release = major(currentContract) > major(baselineContract) ? currentContract : `${major(baselineContract) + 1}.0.0`;
    if (release != currentContract) missing.push(`info.version in ${SOURCE_ROOT} is ${currentContract}: make it ${release}, then npm run generate`);
    if (major(currentPackage) <= major(baselinePackage)) {
      missing.push(`"version" in package.json is ${currentPackage}: make it ${major(baselinePackage) + 1}.0.0`);
    }
    const entry = changelogEntry(await readText(project, "CHANGELOG.md").catch(() => ""), release);
    const unnamed = [...new Set(breaking.map(nameOf))].filter((name) => !entry?.includes(name));
    if (!entry) missing.push(`CHANGELOG.md has no "## ${release}" entry: add one naming ${unnamed.join(", ")}`);
    else if (unnamed.length > 0) missing.push(`CHANGELOG.md's "## ${release}" entry does not name ${unnamed.join(", ")}`);
  }
  return {
    changes,
    missing,
    released: { contract: baselineContract, package: baselinePackage },
    current: { contract: currentContract, package: currentPackage },
  };
}

export function gateReport({ changes, missing, released, current }: GateVerdict): string {
  const breaking = changes.filter((change) => change.breaking).length;
  const lines = [`${BUNDLE} (contract ${current.contract}, package ${current.package}) against ${BASELINE} (released: contract ${released.contract}, package ${released.package})`];
  if (changes.length > 0) lines.push(diffReport(changes));
  if (breaking == 0) lines.push("PASS: no breaking change");
  else if (missing.length == 0) lines.push(`PASS: ${breaking} breaking change(s), released as contract ${current.contract}, package ${current.package}, with a CHANGELOG.md entry`);
  else lines.push(`FAIL: ${breaking} breaking change(s) need a major release:`, ...missing.map((step) => `  - ${step}`));
  return lines.join("\n");
}

const USAGE = `Usage: npm run check:breaking [-- [--update-baseline] [--project DIR]]
  Compares ${BUNDLE} with ${BASELINE} and prints one line per change.
  --update-baseline  after the gate passes, make the bundle and the package version the new baseline
  --project DIR      gate another checkout
Exit codes: 0 no breaking change (or a released one), 1 a breaking change, 2 a usage error or unreadable input.`;

const spec = {
  name: "npm run check:breaking",
  usage: USAGE,
  options: { project: { type: "string" }, "update-baseline": { type: "boolean" } },
} as const;

// The shared command layer (src/command.ts): --help/-h, --version, a mistake in one line (exit 2).
const main = (args: string[]) =>
  runCommand(
    spec.name,
    async () => {
      const parsed = parseCommand(spec, args);
      if (!parsed) return 0;
      const { values } = parsed;
      const project = values.project ?? fileURLToPath(new URL("..", import.meta.url));
      const verdict = await checkBreaking(project);
      console.log(gateReport(verdict));
      if (verdict.missing.length > 0) return 1;
      if (values["update-baseline"]) {
        await copyFile(join(project, BUNDLE), join(project, BASELINE));
        await writeFile(join(project, BASELINE_RELEASE), `${JSON.stringify({ package: verdict.current.package }, null, 2)}\n`);
        console.log(`${BASELINE} is now contract ${verdict.current.contract}, package ${verdict.current.package}: commit it with the release`);
      }
      return 0;
    },
    // An unreadable bundle or baseline is the user's to fix, like a usage mistake: exit 2.
    (error) => error instanceof DiffInputError,
  );

if (process.argv[1] && fileURLToPath(import.meta.url) == process.argv[1]) process.exitCode = await main(process.argv.slice(2));
