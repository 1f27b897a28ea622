// @module-tag process: every test here starts a program of its own (vitest.config.ts).
// generated/ is committed and must always match the spec. `npm test` runs `npm run check:generated` on
// this tree first; these tests prove that the check catches drift, on a scratch copy of the project.
import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundle, jsonOf, readApiAlias } from "../../scripts/generate.mjs";
import { projectRoot } from "../helpers/spec.js";

const run = promisify(execFile);
const root = fileURLToPath(projectRoot);

/** Runs the drift check in `dir`; resolves to its exit code and output. */
async function checkGenerated(dir: string) {
  try {
    const { stdout, stderr } = await run(process.execPath, ["scripts/generate.mjs", "--check"], { cwd: dir });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

describe("generated files", () => {
  it("the JSON bundle, made from the YAML one, has the same bytes as `redocly bundle` writes as JSON", { timeout: 60_000 }, async () => {
    const [fromRedocly, yamlBundle] = await Promise.all([bundle(await readApiAlias(), "json"), readFile(join(root, "generated/openapi.yaml"), "utf8")]);
    expect(jsonOf(yamlBundle)).toBe(fromRedocly);
  });

  // Each case runs the whole generator (Redocly twice: bundle and docs; openapi-typescript): seconds, more
  // on a busy machine than vitest's default 5 s.
  describe("in a copy of the project", { timeout: 60_000 }, () => {
    let copy: string;
    beforeAll(async () => {
      copy = await mkdtemp(join(tmpdir(), "phlo-drift-"));
      for (const entry of ["openapi", "generated", "scripts", "redocly.yaml", "package.json"]) {
        await cp(join(root, entry), join(copy, entry), { recursive: true });
      }
      await symlink(join(root, "node_modules"), join(copy, "node_modules"));
    });
    afterAll(() => rm(copy, { recursive: true, force: true }));

    it("a schema changed without regenerating fails the check, which says how to fix it", async () => {
      const role = join(copy, "openapi/components/schemas/Role.yaml");
      const original = await readFile(role, "utf8");
      await writeFile(role, original.replace("  - customer\n", "  - customer\n  - supervisor\n"));
      const { code, output } = await checkGenerated(copy);
      // Back as it was, so that the copy's generated/ matches its spec again for the next test.
      await writeFile(role, original);
      expect(code).toBe(1);
      expect(output).toMatch(/generated\/openapi\.yaml is stale/);
      expect(output).toMatch(/generated\/openapi\.json is stale/);
      expect(output).toMatch(/generated\/schema\.d\.ts is stale/);
      expect(output).toContain("run `npm run generate` and commit");
    });

    it("a hand edit, a deleted file and a leftover file are all reported", async () => {
      await writeFile(join(copy, "generated/schema.d.ts"), "// edited by hand\n");
      await rm(join(copy, "generated/openapi.json"));
      await writeFile(join(copy, "generated/old.d.ts"), "");
      const { code, output } = await checkGenerated(copy);
      expect(code).toBe(1);
      expect(output).toMatch(/generated\/schema\.d\.ts is stale \(first difference at line 1\)/);
      expect(output).toMatch(/generated\/openapi\.json is missing/);
      expect(output).toMatch(/generated\/old\.d\.ts is not generated any more/);
    });
  });
});
