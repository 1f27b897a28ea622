// The package as a consumer installs it: `npm pack`, unpacked into an app's node_modules next to its
// dependencies and optional peers. Every JavaScript entry of `exports` imports there, and the bin
// runs: a file that the package imports but does not ship fails here, not in a consumer's CI.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../bench/lib/app-bundle.js";

const run = promisify(execFile);
const packageJson = JSON.parse(await readFile(join(projectRoot, "package.json"), "utf8")) as {
  name: string;
  exports: Record<string, string | { default: string }>;
  bin: Record<string, string>;
};

/** What each entry must export for its README usage to work. */
const EXPECTED_EXPORTS: Record<string, string[]> = {
  ".": ["createPhloClient", "createPhloRawClient", "PhloError"],
  "./mock": ["startMock", "startProxy"],
  "./contract": ["runContractSuite", "summary", "junitXml"],
};

describe("the packed package, installed in an app", () => {
  let app: string;
  beforeAll(async () => {
    app = await mkdtemp(join(tmpdir(), "phlo-installed-"));
    const installed = join(app, "node_modules", packageJson.name);
    await mkdir(installed, { recursive: true });
    // prepack builds dist/; the tarball holds exactly the package's "files".
    const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", app], { cwd: projectRoot });
    const [{ filename }] = JSON.parse(stdout.slice(stdout.indexOf("["))) as [{ filename: string }];
    await run("tar", ["-xzf", join(app, filename), "-C", installed, "--strip-components=1"]);
    // Dependencies and peers as npm would place them: beside the package (the project's copies).
    for (const name of await readdir(join(projectRoot, "node_modules"))) {
      if (name === packageJson.name || name.startsWith(".")) continue;
      await symlink(join(projectRoot, "node_modules", name), join(app, "node_modules", name));
    }
    await writeFile(join(app, "package.json"), JSON.stringify({ name: "app", type: "module", private: true }));
  }, 120_000);
  afterAll(() => rm(app, { recursive: true, force: true }));

  it("lists an expectation for every JavaScript entry of exports", () => {
    const entries = Object.entries(packageJson.exports).filter(([, target]) => typeof target != "string").map(([entry]) => entry);
    expect(entries.sort()).toEqual(Object.keys(EXPECTED_EXPORTS).sort());
  });

  it.each(Object.entries(EXPECTED_EXPORTS))("import of %s works and has its API", async (entry, names) => {
    const specifier = entry === "." ? packageJson.name : `${packageJson.name}/${entry.slice(2)}`;
    const script = `const m = await import(${JSON.stringify(specifier)}); console.log(JSON.stringify(Object.keys(m)));`;
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], { cwd: app });
    expect(JSON.parse(stdout)).toEqual(expect.arrayContaining(names));
  }, 60_000);

  it("runs its bin", async () => {
    const [[name, path]] = Object.entries(packageJson.bin) as [[string, string]];
    const { stdout } = await run(process.execPath, [join(app, "node_modules", packageJson.name, path), "--help"], { cwd: app });
    expect(stdout).toContain(`${name} contract`);
  }, 60_000);
});
