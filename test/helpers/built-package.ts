// dist/, built once per test run with `npm run build` (the script prepack runs), before any test file
// starts: the `plivo-phlo` tests run the command as the package ships it (dist/cli.js), which starts
// about 0.6 s of CPU sooner than tsx compiling src/ in each of some forty child processes, and the
// gate packs this same build (packed-package.ts).
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { projectRoot } from "../../bench/lib/app-bundle.js";

// Both projects' global setups run in vitest's main process: the first starts the build, the other waits for it.
const BUILD = Symbol.for("plivo-phlo-openapi.test.distBuild");
const state = globalThis as { [BUILD]?: Promise<void> };

/** Builds dist/ unless this run has built it already. */
export function buildOnce(): Promise<void> {
  state[BUILD] ??= promisify(execFile)("npm", ["run", "-s", "build"], { cwd: projectRoot }).then(
    () => undefined,
    (error: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(`npm run build failed, so dist/ could not be tested:\n${error.stdout || error.stderr || error.message}`);
    },
  );
  return state[BUILD];
}
