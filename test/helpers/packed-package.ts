// The package as npm packs it, once per test run: the tarball a consumer would install.
// test/helpers/global-setup.ts packs before the test files start and hands the tarball's path to them;
// packing in each file built dist/ once per file. dist/ is the run's one build (global-setup.ts), made
// by `npm run build`, the script prepack runs (test/package/installed.test.ts checks that), so
// `npm pack --ignore-scripts` packs what `npm pack` would, without building it a second time.
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
  const { stdout } = await promisify(execFile)("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", destination], { cwd: projectRoot });
  const [{ filename }] = JSON.parse(stdout.slice(stdout.indexOf("["))) as [{ filename: string }];
  return join(destination, filename);
}

/** This run's tarball, packed by the global setup from this run's dist/. */
export function packedTarball(): string {
  const tarball = inject("packedTarball");
  if (!tarball) throw new Error("No packed tarball: the global setup packs only when the run includes the tests tagged process (vitest.config.ts)");
  return tarball;
}
