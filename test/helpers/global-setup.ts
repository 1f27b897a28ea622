// Global setup: builds dist/ once for the run with `npm run build` (the script prepack runs) and packs
// the package from it (packed-package.ts), then removes the tarball afterwards. The plivo-phlo tests
// run the bin as it ships (dist/cli.js), which starts about 0.6 s of CPU sooner than tsx compiling
// src/ in each of some forty child processes; the packed-package tests install the tarball.
// Only tests tagged `process` use either: a run that leaves them out (`npm run test:quick` passes
// --tags-filter '!process') skips both.
import { execFile } from "node:child_process";
import { rm } from "node:fs/promises";
import { dirname } from "node:path";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";
import { projectRoot } from "../../bench/lib/app-bundle.js";
import { packPackage } from "./packed-package.js";

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (project.vitest.config.tagsFilter?.includes("!process")) return undefined;
  // --noCheck: tsc emits the same files without type-checking them, which `npm run lint` does in the
  // same run (identical dist/, 1.3 s of CPU less before any test can start).
  await promisify(execFile)("npm", ["run", "-s", "build", "--", "--noCheck"], { cwd: projectRoot }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
    throw new Error(`npm run build failed, so dist/ could not be tested:\n${error.stdout || error.stderr || error.message}`);
  });
  const tarball = await packPackage();
  project.provide("packedTarball", tarball);
  return () => rm(dirname(tarball), { recursive: true, force: true });
}
