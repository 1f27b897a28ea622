// A temporary copy of what the breaking-change gate reads (the bundle, the baseline and its release
// file, package.json, CHANGELOG.md), with one change made to the bundle: each test changes the
// contract the way a developer would, without touching the real checkout.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parse, stringify } from "yaml";
import { BASELINE, BASELINE_RELEASE, BUNDLE } from "../../scripts/check-breaking.js";
import { projectRoot } from "../../bench/lib/app-bundle.js";
import type { Spec } from "../../bench/lib/contract-changes.js";

export { NODE_PATH, schemas, type Spec } from "../../bench/lib/contract-changes.js";

export interface ProjectOptions {
  /** A change made to the baseline as well, before the change under test: a field to remove later. */
  baseline?: (spec: Spec) => void;
  packageVersion?: string;
  /** Replaces CHANGELOG.md. */
  changelog?: string;
}

const created: string[] = [];
// The baseline, parsed once: YAML parsing took 40 ms of the 11-odd projects a run makes; each gets a copy.
let parsedBaseline: Promise<Spec> | undefined;

/** A temporary project whose bundle is the baseline with `change` applied. */
export async function projectWith(change: (spec: Spec) => void, options: ProjectOptions = {}): Promise<string> {
  const project = await mkdtemp(join(tmpdir(), "phlo-breaking-"));
  created.push(project);
  for (const file of [BASELINE, BASELINE_RELEASE, "package.json", "CHANGELOG.md"]) {
    await mkdir(dirname(join(project, file)), { recursive: true });
    await cp(join(projectRoot, file), join(project, file));
  }
  const baseline = structuredClone(await (parsedBaseline ??= readFile(join(projectRoot, BASELINE), "utf8").then((text) => parse(text) as Spec)));
  if (options.baseline) {
    options.baseline(baseline);
    await writeFile(join(project, BASELINE), stringify(baseline));
  }
  change(baseline);
  await mkdir(join(project, dirname(BUNDLE)), { recursive: true });
  await writeFile(join(project, BUNDLE), stringify(baseline));
  if (options.packageVersion) {
    const manifest = JSON.parse(await readFile(join(project, "package.json"), "utf8")) as { version: string };
    await writeFile(join(project, "package.json"), JSON.stringify({ ...manifest, version: options.packageVersion }, null, 2));
  }
  if (options.changelog !== undefined) await writeFile(join(project, "CHANGELOG.md"), options.changelog);
  return project;
}

/** For `afterAll`: removes every project made so far. */
export async function removeProjects(): Promise<void> {
  await Promise.all(created.splice(0).map((project) => rm(project, { recursive: true, force: true })));
}
