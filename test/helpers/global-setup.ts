// Global setup: builds dist/ for the run with `npm run build` (the script prepack runs) and packs the
// package from it (packed-package.ts), then removes the tarball afterwards. The plivo-phlo tests
// run the bin as it ships (dist/cli.js), which starts about 0.6 s of CPU sooner than tsx compiling
// src/ in each of some forty child processes; the packed-package tests install the tarball.
//
// The build runs beside the first test files instead of before them: they do not use dist/ (the
// sequencer starts with the docs, the README walkthrough and the project checks), and waiting for it
// left one of the two cores idle for the 3 s it takes. A test that needs it awaits builtPackage().
//
// Only tests tagged `process` use either: a run that leaves them out (`npm run test:quick` passes
// --tags-filter '!process') skips both.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";
import { projectRoot } from "../../bench/lib/app-bundle.js";
import { packPackage, reportBuild } from "./packed-package.js";

async function buildAndPack(destination: string): Promise<string> {
  // Exactly as prepack runs it, type check included: with TypeScript 7 skipping that (`npm run lint`
  // repeats it) would save only 0.15 s of CPU.
  await promisify(execFile)("npm", ["run", "-s", "build"], { cwd: projectRoot }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
    throw new Error(`npm run build failed, so dist/ could not be tested:\n${error.stdout || error.stderr || error.message}`);
  });
  return packPackage(destination);
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (project.vitest.config.tagsFilter?.includes("!process")) return undefined;
  const destination = await mkdtemp(join(tmpdir(), "phlo-packed-"));
  project.provide("packedPackage", destination);
  const built = reportBuild(destination, buildAndPack(destination));
  return async () => {
    const failure = await built;
    await rm(destination, { recursive: true, force: true });
    if (failure) throw failure;
  };
}
