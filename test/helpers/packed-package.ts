// The package as npm packs it, once per test run: the tarball a consumer would install.
// test/helpers/global-setup.ts builds dist/ and packs it while the first test files run, and writes
// the outcome into the directory it hands to the test files; builtPackage() waits for it. Packing in
// each file built dist/ once per file. dist/ is the run's one build, made by `npm run build`, the
// script prepack runs (test/package/installed.test.ts checks that), so `npm pack --ignore-scripts`
// packs what `npm pack` would, without building it a second time.
import { execFile } from "node:child_process";
import { readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { inject } from "vitest";
import { projectRoot } from "../../bench/lib/app-bundle.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Where the global setup packs this run's tarball and writes how its build went (OUTCOME). */
    packedPackage: string;
  }
}

const OUTCOME = "outcome.json";
type Outcome = { tarball: string } | { error: string };

/** Packs the project into `destination`; resolves to the tarball's path. */
export async function packPackage(destination: string): Promise<string> {
  const { stdout } = await promisify(execFile)("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", destination], { cwd: projectRoot });
  const [{ filename }] = JSON.parse(stdout.slice(stdout.indexOf("["))) as [{ filename: string }];
  return join(destination, filename);
}

/** Writes how `build` went into `destination` once it has, in one step; resolves to its error, if any. */
export async function reportBuild(destination: string, build: Promise<string>): Promise<Error | undefined> {
  const [outcome, failure] = await build.then(
    (tarball): [Outcome, undefined] => [{ tarball }, undefined],
    (error: Error): [Outcome, Error] => [{ error: error.message }, error],
  );
  await writeFile(join(destination, `${OUTCOME}.partial`), JSON.stringify(outcome));
  await rename(join(destination, `${OUTCOME}.partial`), join(destination, OUTCOME));
  return failure;
}

let built: Promise<string> | undefined;

/** Resolves, once dist/ is built and packed for this run, to the tarball's path; rejects with the build's error. */
export function builtPackage(): Promise<string> {
  return (built ??= (async () => {
    const destination = inject("packedPackage");
    if (!destination) throw new Error("No build of dist/: the global setup builds and packs only when the run includes the tests tagged process (vitest.config.ts)");
    for (;;) {
      const text = await readFile(join(destination, OUTCOME), "utf8").catch((error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return undefined;
        throw error;
      });
      if (text !== undefined) {
        const outcome = JSON.parse(text) as Outcome;
        if ("error" in outcome) throw new Error(outcome.error);
        return outcome.tarball;
      }
      await sleep(50);
    }
  })());
}
