// @module-tag process: every test here starts a program of its own (vitest.config.ts).
// README's "Changing the contract", followed step by step in a copy of the project: its shell blocks
// run exactly as quoted (sh -e), after the edits the steps describe, and the gate prints the
// README's sample lines.
import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { projectRoot } from "../../bench/lib/app-bundle.js";

const MARKER = "test/breaking/readme.test.ts";

/** The fenced blocks right after each README marker that names this file, in order. */
async function readmeBlocks(): Promise<string[]> {
  const readme = await readFile(join(projectRoot, "README.md"), "utf8");
  const section = /^## Changing the contract\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1] ?? "";
  return [...section.matchAll(/^<!--(.*)-->\n```(?:sh|text)\n([\s\S]*?)\n```$/gm)].filter(([, marker]) => marker!.includes(MARKER)).map(([, , block]) => block!);
}

/** What a project needs to regenerate and gate itself; node_modules is the checkout's. */
const PROJECT_FILES = ["package.json", "package-lock.json", "redocly.yaml", "tsconfig.json", "CHANGELOG.md", "openapi", "scripts", "src", "generated", "docs"];

function sh(cwd: string, script: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", SCARF_ANALYTICS: "false", DO_NOT_TRACK: "1" };
  return new Promise((resolve) =>
    execFile("sh", ["-e", "-c", script], { cwd, env, timeout: 240_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code == "number" ? error.code : 1) : 0, stdout, stderr }),
    ),
  );
}

/** Changes one YAML file of the spec in place. */
async function editYaml(file: string, change: (document: Record<string, any>) => void): Promise<void> {
  const document = parse(await readFile(file, "utf8")) as Record<string, any>;
  change(document);
  await writeFile(file, stringify(document));
}

// Each step regenerates the bundle, the types and the docs (about 15 s on a busy machine).
describe("README: Changing the contract, step by step", { timeout: 300_000 }, () => {
  let project: string;
  let blocks: string[];
  const schema = (name: string) => join(project, "openapi/components/schemas", `${name}.yaml`);

  beforeAll(async () => {
    blocks = await readmeBlocks();
    project = await mkdtemp(join(tmpdir(), "phlo-readme-contract-"));
    for (const file of PROJECT_FILES) await cp(join(projectRoot, file), join(project, file), { recursive: true });
    await symlink(join(projectRoot, "node_modules"), join(project, "node_modules"));
    // As right after a release: the baseline is this checkout's bundle, so the gate reports only
    // the edits below, not additions made since the last release.
    await cp(join(project, "generated/openapi.yaml"), join(project, "openapi/baseline/openapi.yaml"));
  });
  afterAll(() => rm(project, { recursive: true, force: true }));

  it("quotes four blocks: regenerate and gate, the failure it prints, release, new baseline", () => {
    expect(blocks).toHaveLength(4);
    expect(blocks[0]).toBe("npm run generate\nnpm run check:breaking");
    expect(blocks[3]).toBe("npm run check:breaking -- --update-baseline");
  });

  it("step 2 after a non-breaking edit: the gate passes and lists it", async () => {
    const original = await readFile(schema("MultiPartyCallUpdate"), "utf8");
    await editYaml(schema("MultiPartyCallUpdate"), (update) => (update.properties.caller_name = { type: "string", description: "Shown to U3." }));
    const { code, stdout, stderr } = await sh(project, blocks[0]!);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^compatible +request +POST .*\(updateMultiPartyCall\): added the new optional request property `caller_name`/m);
    expect(stdout).toMatch(/^PASS: no breaking change$/m);
    await writeFile(schema("MultiPartyCallUpdate"), original);
  });

  it("step 2 after a breaking edit: exit 1 and exactly the README's lines", async () => {
    await editYaml(schema("MultiPartyCallAction"), (action) => (action.enum = ["warm_transfer", "call"]));
    const { code, stdout } = await sh(project, blocks[0]!);
    expect(code).toBe(1);
    // Line numbers move as the spec grows; the README's sample has the baseline's at the time.
    const withoutLineNumbers = (text: string) => text.replace(/(\.yaml):\d+$/gm, "$1:N");
    const gateLines = stdout.split("\n").slice(stdout.split("\n").findIndex((line) => line.startsWith("BREAKING")));
    expect(withoutLineNumbers(gateLines.join("\n").trimEnd())).toBe(withoutLineNumbers(blocks[1]!));
  });

  it("step 5: with info.version 2.0.0 and a CHANGELOG entry, the README's release commands pass", async () => {
    await editYaml(join(project, "openapi/openapi.yaml"), (root) => (root.info.version = "2.0.0"));
    const changelog = await readFile(join(project, "CHANGELOG.md"), "utf8");
    await writeFile(join(project, "CHANGELOG.md"), changelog.replace(/^## /m, "## 2.0.0 (package 1.0.0)\n\n- `updateMultiPartyCall`: `cold_transfer` is no longer accepted.\n\n## "));
    const { code, stdout, stderr } = await sh(project, blocks[2]!);
    expect(code, stderr).toBe(0);
    expect(JSON.parse(await readFile(join(project, "package.json"), "utf8")).version).toBe("1.0.0");
    expect(stdout).toMatch(/^BREAKING +request +POST .*`cold_transfer`/m);
    expect(stdout).toMatch(/^PASS: 1 breaking change\(s\), released as contract 2\.0\.0, package 1\.0\.0, with a CHANGELOG\.md entry$/m);
  });

  it("step 6: the release becomes the baseline, and the gate then sees no change", async () => {
    const { code, stderr } = await sh(project, blocks[3]!);
    expect(code, stderr).toBe(0);
    expect(await readFile(join(project, "openapi/baseline/openapi.yaml"), "utf8")).toBe(await readFile(join(project, "generated/openapi.yaml"), "utf8"));
    expect(JSON.parse(await readFile(join(project, "openapi/baseline/release.json"), "utf8"))).toEqual({ package: "1.0.0" });
    const again = await sh(project, "npm run check:breaking");
    expect(again.code).toBe(0);
    expect(again.stdout).not.toMatch(/^(BREAKING|compatible)/m);
  });
});
