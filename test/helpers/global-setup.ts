// Global setup of the gate project (vitest.config.ts): packs the package once for the whole run, from
// the dist/ built once for the run (built-package.ts), and removes the tarball afterwards. See
// packed-package.ts.
import { rm } from "node:fs/promises";
import { dirname } from "node:path";
import type { TestProject } from "vitest/node";
import { buildOnce } from "./built-package.js";
import { packPackage } from "./packed-package.js";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await buildOnce();
  const tarball = await packPackage();
  project.provide("packedTarball", tarball);
  return () => rm(dirname(tarball), { recursive: true, force: true });
}
