// @module-tag process: every test here starts a program of its own (vitest.config.ts).
// The README's "Testing your app's transfer flow", as a consumer runs it: its code block is written
// into an app that has the packed package installed (as test/package/installed.test.ts installs it)
// and run with Node's own test runner. It must pass; and with the app's bug of calling resume_call
// before warm_transfer, it must fail, with the stateful mock's explanation in the output.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../bench/lib/app-bundle.js";
import { builtPackage } from "../helpers/packed-package.js";
import { blocksRunBy } from "../helpers/readme.js";

const run = promisify(execFile);
/** The README's code block that names this file in its marker (`<!-- runs: … -->`). */
async function readmeTest(): Promise<string> {
  const [block, ...others] = blocksRunBy(import.meta.url);
  if (!block || others.length) throw new Error("README.md must have exactly one block run by test/package/transfer-flow.test.ts");
  return `${block.text}\n`;
}

/** `node --test FILE` in the app: exit code and everything it printed. */
const nodeTest = (app: string, file: string) =>
  run(process.execPath, ["--test", "--test-reporter=spec", file], { cwd: app, env: { PATH: process.env.PATH ?? "" } }).then(
    ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code ?? 1, output: `${error.stdout ?? ""}${error.stderr ?? ""}` }),
  );

describe("the README's transfer-flow test, in an app with the packed package installed", () => {
  let app: string;
  let source: string;
  beforeAll(async () => {
    source = await readmeTest();
    const { name } = JSON.parse(await readFile(join(projectRoot, "package.json"), "utf8")) as { name: string };
    app = await mkdtemp(join(tmpdir(), "phlo-consumer-"));
    const installed = join(app, "node_modules", name);
    await mkdir(installed, { recursive: true });
    // This run's tarball (the gate's global setup packs it once).
    await run("tar", ["-xzf", await builtPackage(), "-C", installed, "--strip-components=1"]);
    for (const dependency of await readdir(join(projectRoot, "node_modules"))) {
      if (dependency === name || dependency.startsWith(".")) continue;
      await symlink(join(projectRoot, "node_modules", dependency), join(app, "node_modules", dependency));
    }
    await writeFile(join(app, "package.json"), JSON.stringify({ name: "app", type: "module", private: true }));
  }, 60_000);
  afterAll(() => rm(app, { recursive: true, force: true }));

  it("passes: the app ran the PHLO and the whole transfer, and the journal shows it in order", async () => {
    await writeFile(join(app, "transfer-flow.test.mjs"), source);
    const { code, output } = await nodeTest(app, "transfer-flow.test.mjs");
    expect(code, output).toBe(0);
    expect(output).toMatch(/✔ the app hands the caller over to the specialist/);
  }, 60_000);

  it("fails when the app calls resume_call before warm_transfer, with the mock's explanation", async () => {
    const warm = "  await phlo.warmTransfer({ phloId, nodeId, triggerSource: agent, to: specialist });\n";
    const resume = "  await phlo.resumeCall({ phloId, nodeId, memberAddress: agent });\n";
    expect(source).toContain(warm + resume);
    await writeFile(join(app, "buggy-flow.test.mjs"), source.replace(warm + resume, resume + warm));
    const { code, output } = await nodeTest(app, "buggy-flow.test.mjs");
    expect(code, output).toBe(1);
    expect(output).toMatch(/✖ the app hands the caller over to the specialist/);
    expect(output).toContain("Stateful mock: resume_call needs a warm transfer in progress started by +14155550111 (its trigger_source); there is none.");
    expect(output).toContain("PhloBadRequestError");
  }, 60_000);
});
