// @module-tag process: every test here starts a program of its own (vitest.config.ts).
// generated/ is committed and must always match the spec. `npm test` runs `npm run check:generated` on
// this tree (test/gate/checks.test.ts); these tests prove that the check catches drift, on a scratch
// copy of the project.
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

  // One run of the check, on a copy with every kind of drift at once: the generator (Redocly twice,
  // openapi-typescript, the docs) takes seconds, so each test reads its own kinds from that one report.
  describe("in a copy of the project with a stale schema, a hand edit, a deleted file and a leftover file", { timeout: 60_000 }, () => {
    let copy: string;
    let check: { code: number; output: string };
    beforeAll(async () => {
      copy = await mkdtemp(join(tmpdir(), "phlo-drift-"));
      for (const entry of ["openapi", "generated", "docs", "scripts", "redocly.yaml", "package.json"]) {
        await cp(join(root, entry), join(copy, entry), { recursive: true });
      }
      await symlink(join(root, "node_modules"), join(copy, "node_modules"));
      // The schema changes; generated/ is not regenerated.
      const role = join(copy, "openapi/components/schemas/Role.yaml");
      await writeFile(role, (await readFile(role, "utf8")).replace("  - customer\n", "  - customer\n  - supervisor\n"));
      // Drift the schema change does not cause: Redoc's bundle (the one artifact the spec does not
      // shape) edited by hand, a file deleted, a file left over.
      await writeFile(join(copy, "docs/redoc.standalone.js"), "// edited by hand\n");
      await rm(join(copy, "generated/contract.d.ts"));
      await writeFile(join(copy, "generated/old.d.ts"), "");
      check = await checkGenerated(copy);
    }, 60_000);
    afterAll(() => rm(copy, { recursive: true, force: true }));

    it("a schema changed without regenerating fails the check, which says how to fix it", () => {
      expect(check.code).toBe(1);
      expect(check.output).toMatch(/generated\/openapi\.yaml is stale/);
      expect(check.output).toMatch(/generated\/openapi\.json is stale/);
      expect(check.output).toMatch(/generated\/schema\.d\.ts is stale/);
      expect(check.output).toContain("run `npm run generate` and commit");
    });

    it("a hand edit, a deleted file and a leftover file are all reported", () => {
      expect(check.code).toBe(1);
      expect(check.output).toMatch(/docs\/redoc\.standalone\.js is stale \(first difference at line 1\)/);
      expect(check.output).toMatch(/generated\/contract\.d\.ts is missing/);
      expect(check.output).toMatch(/generated\/old\.d\.ts is not generated any more/);
    });
  });
});
