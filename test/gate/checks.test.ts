// @module-tag process: every test here starts a program of its own (vitest.config.ts).
// The project checks that `npm test` ran one after the other before the tests, run here beside them
// (tagged process, so not in `npm run test:quick`): each is its package.json script, exactly as a developer runs it.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { projectRoot } from "../../bench/lib/app-bundle.js";

const CHECKS = {
  "check:generated": "generated/ and docs/ match the spec",
  "check:breaking": "the bundle makes no breaking change to the baseline",
  lint: "Redocly lints the spec and tsc type-checks the project",
};

// Independent processes, so they run at the same time.
it.concurrent.each(Object.entries(CHECKS))("npm run %s: %s", async (script) => {
  const { code, output } = await promisify(execFile)("npm", ["run", "-s", script], { cwd: projectRoot, env: { ...process.env, NO_COLOR: "1" } }).then(
    ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, output: error.stdout + error.stderr }),
  );
  expect(code, output).toBe(0);
}, 120_000);
