// @module-tag process: every test here starts a program of its own (vitest.config.ts).
// The packed tarball as the package tools read it (once `npm run check:package`, which packed on its
// own): attw checks that the types resolve for ESM consumers at every entry of `exports`, publint
// --strict checks package.json against what the tarball holds. Both read this run's shared tarball.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../bench/lib/app-bundle.js";
import { builtPackage } from "../helpers/packed-package.js";

const run = promisify(execFile);

/** Runs a tool from node_modules/.bin; resolves to its exit code and everything it printed. */
function tool(name: string, args: string[]): Promise<{ code: number; output: string }> {
  return run(`${projectRoot}/node_modules/.bin/${name}`, args, { cwd: projectRoot, env: { ...process.env, NO_COLOR: "1" } }).then(
    ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, output: error.stdout + error.stderr }),
  );
}

describe("the packed tarball, as the package tools read it", { timeout: 60_000 }, () => {
  it("has types that resolve under every entry for an ESM consumer (attw, esm-only profile; openapi.yaml is no module)", async () => {
    const { code, output } = await tool("attw", [await builtPackage(), "--profile", "esm-only", "--exclude-entrypoints", "./openapi.yaml", "--format", "table-flipped"]);
    expect(code, output).toBe(0);
  });

  it("has nothing publint --strict warns about", async () => {
    const { code, output } = await tool("publint", ["run", await builtPackage(), "--strict"]);
    expect(code, output).toBe(0);
    expect(output).toContain("All good!");
  });
});
