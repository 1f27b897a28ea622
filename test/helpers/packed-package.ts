// The package as npm packs it, once per test run: `npm pack` runs prepack (the build of dist/) and
// writes the tarball a consumer would install. test/helpers/global-setup.ts packs before the gate's
// test files start and hands the tarball's path to them; packing in each file built dist/ once per file.
import { execFile } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { inject } from "vitest";
import { projectRoot } from "../../bench/lib/app-bundle.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The path of this run's `npm pack` tarball (dist/ is built too). */
    packedTarball: string;
  }
}

/** Packs the project into a new temporary directory; resolves to the tarball's path. */
export async function packPackage(): Promise<string> {
  const destination = await mkdtemp(join(tmpdir(), "phlo-packed-"));
  const { stdout } = await promisify(execFile)("npm", ["pack", "--json", "--pack-destination", destination], { cwd: projectRoot });
  const [{ filename }] = JSON.parse(stdout.slice(stdout.indexOf("["))) as [{ filename: string }];
  return join(destination, filename);
}

/** This run's tarball, packed by the global setup; dist/ has been built with it. */
export function packedTarball(): string {
  const tarball = inject("packedTarball");
  if (!tarball) throw new Error("No packed tarball: this file belongs to the gate project, whose global setup packs (vitest.config.ts)");
  return tarball;
}
