// The breaking-change gate (`npm run check:breaking`): each kind of change, made to a temporary copy
// of the bundle, must fail with a line that says what broke where, or pass and be listed; a breaking
// change passes only as a major release with a CHANGELOG entry.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BASELINE, BASELINE_RELEASE, BUNDLE, checkBreaking, gateReport } from "../../scripts/check-breaking.js";
import { projectRoot } from "../../bench/lib/app-bundle.js";
import { runPackageScript } from "../helpers/run-ts.js";
import { CONTRACT_CHANGES } from "../../bench/lib/contract-changes.js";
import { NODE_PATH, projectWith, removeProjects, schemas, type Spec } from "./project.js";

afterAll(removeProjects);
// Each case runs oasdiff once (about 0.2 s), more on a machine shared with other test files.

const POST_NODE = `POST ${NODE_PATH} (updateMultiPartyCall)`;
const GET_NODE = `GET ${NODE_PATH} (getMultiPartyCall)`;

async function gate(change: (spec: Spec) => void, options?: Parameters<typeof projectWith>[1]) {
  const verdict = await checkBreaking(await projectWith(change, options));
  return { verdict, report: gateReport(verdict) };
}

// The line each change must print, by the change's name.
const lines: Record<string, RegExp> = {
  "a request enum value removed":
    /^BREAKING +request +POST \/phlo\/\{phlo_id\}\/multi_party_call\/\{node_id\} \(updateMultiPartyCall\): removed the enum value `cold_transfer` of the request property `action` \[request-property-enum-value-removed\] at openapi\/baseline\/openapi\.yaml:\d+$/m,
  "a required request field added": new RegExp(`^BREAKING +request +${escape(POST_NODE)}: added the new required request property \`callback_url\``, "m"),
  "a required response field removed": new RegExp(`^BREAKING +response +${escape(GET_NODE)}: removed the required property \`name\` from the response with the \`200\` status`, "m"),
  "an optional response field removed": new RegExp(`^BREAKING +response +${escape(GET_NODE)}: removed the optional property \`region\` from the response with the \`200\` status`, "m"),
  "a request pattern narrowed": new RegExp(`^BREAKING +request +${escape(POST_NODE)}: changed the pattern of the request property \`to\` from `, "m"),
  "an operation removed": new RegExp(`^BREAKING +api +${escape(GET_NODE)}: api removed without deprecation \\[api-removed-without-deprecation\\] at openapi/baseline/openapi\\.yaml:\\d+$`, "m"),
  "a success status code changed": new RegExp(`^BREAKING +response +${escape(POST_NODE)}: removed the success response with the status \`201\``, "m"),
  "a new optional request field": new RegExp(`^compatible +request +${escape(POST_NODE)}: added the new optional request property \`caller_name\``, "m"),
  "a new response field": new RegExp(`^compatible +response +${escape(GET_NODE)}: added the optional property \`region\` to the response`, "m"),
  "a new operation": /^compatible +api +GET \/phlo\/\{phlo_id\}\/multi_party_call\/\{node_id\}\/members \(listMultiPartyCallMembers\): endpoint added \[endpoint-added\]/m,
  "a new enum value in a response": new RegExp(`^compatible +response +${escape(GET_NODE)}: added the new \`conference\` enum value to the \`node_type\` response property`, "m"),
};

it("has a line for every contract change", () => expect(Object.keys(lines).sort()).toEqual(CONTRACT_CHANGES.map((change) => change.name).sort()));

describe("a breaking change fails the gate with one line saying what broke", { timeout: 30_000 }, () => {
  const cases = CONTRACT_CHANGES.filter((change) => change.breaking).map((change) => [change.name, change] as const);

  it.each(cases)("%s", async (name, { change, baseline }) => {
    const { verdict, report } = await gate(change, { ...(baseline ? { baseline } : {}) });
    expect(report).toMatch(lines[name]!);
    expect(verdict.missing.length).toBeGreaterThan(0);
    expect(report).toMatch(/^FAIL: \d+ breaking change\(s\) need a major release:$/m);
    expect(report).toContain(`  - info.version in openapi/openapi.yaml is 1.0.0: make it 2.0.0, then npm run generate`);
    expect(report).toContain(`  - "version" in package.json is 0.1.0: make it 1.0.0`);
    expect(report).toMatch(/^ {2}- CHANGELOG\.md has no "## 2\.0\.0" entry: add one naming \w+/m);
  });
});

describe("a non-breaking change passes and is listed", { timeout: 30_000 }, () => {
  const cases = CONTRACT_CHANGES.filter((change) => !change.breaking).map((change) => [change.name, change] as const);

  it.each(cases)("%s", async (name, { change, baseline }) => {
    const { verdict, report } = await gate(change, { ...(baseline ? { baseline } : {}) });
    expect(report).toMatch(lines[name]!);
    expect(report).not.toMatch(/^BREAKING/m);
    expect(verdict.missing).toEqual([]);
    expect(report).toMatch(/^0 breaking, [1-9]\d* non-breaking change\(s\)$/m);
    expect(report).toMatch(/^PASS: no breaking change$/m);
  });
});

describe("a breaking change passes only as a major release with a CHANGELOG entry naming it", { timeout: 30_000 }, () => {
  const removeColdTransfer = (version: string) => (spec: Spec) => {
    schemas(spec).MultiPartyCallAction!.enum = ["warm_transfer", "call"];
    spec.info.version = version;
  };
  const changelogWith = async (entry: string) => (await readFile(join(projectRoot, "CHANGELOG.md"), "utf8")).replace(/^## /m, `${entry}\n\n## `);

  it("passes with both versions bumped a major and an entry naming the operation", async () => {
    const changelog = await changelogWith("## 2.0.0 (package 1.0.0)\n\nBreaking: `updateMultiPartyCall` no longer accepts `cold_transfer`.");
    const { verdict, report } = await gate(removeColdTransfer("2.0.0"), { packageVersion: "1.0.0", changelog });
    expect(verdict.missing).toEqual([]);
    expect(report).toMatch(/^BREAKING +request +POST .*`cold_transfer`/m);
    expect(report).toMatch(/^PASS: 1 breaking change\(s\), released as contract 2\.0\.0, package 1\.0\.0, with a CHANGELOG\.md entry$/m);
  });

  it("fails with a minor bump, naming each missing step", async () => {
    const { verdict } = await gate(removeColdTransfer("1.1.0"), { packageVersion: "0.2.0" });
    expect(verdict.missing).toEqual([
      "info.version in openapi/openapi.yaml is 1.1.0: make it 2.0.0, then npm run generate",
      `"version" in package.json is 0.2.0: make it 1.0.0`,
      `CHANGELOG.md has no "## 2.0.0" entry: add one naming updateMultiPartyCall`,
    ]);
  });

  it("fails when only info.version is bumped", async () => {
    const changelog = await changelogWith("## 2.0.0\n\n- `updateMultiPartyCall`: no more `cold_transfer`.");
    const { verdict } = await gate(removeColdTransfer("2.0.0"), { changelog });
    expect(verdict.missing).toEqual([`"version" in package.json is 0.1.0: make it 1.0.0`]);
  });

  it("fails when the entry does not name every operation it breaks", async () => {
    const changelog = await changelogWith("## 2.0.0 (package 1.0.0)\n\n- `getMultiPartyCall` is gone.");
    const { verdict } = await gate(
      (spec) => {
        removeColdTransfer("2.0.0")(spec);
        delete spec.paths[NODE_PATH]!.get;
      },
      { packageVersion: "1.0.0", changelog },
    );
    expect(verdict.missing).toEqual([`CHANGELOG.md's "## 2.0.0" entry does not name updateMultiPartyCall`]);
  });
});

// tsx starts in about a second, several on a busy machine.
describe("npm run check:breaking as a process", { timeout: 60_000, tags: ["process"] }, () => {
  it("passes on this checkout: no breaking change against the committed baseline", async () => {
    const { code, stdout, stderr } = await runPackageScript("scripts/check-breaking.ts");
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toMatch(/^generated\/openapi\.yaml \(contract \S+, package \S+\) against openapi\/baseline\/openapi\.yaml/);
    // Additions (issue 15's operations, say) are listed and pass; nothing may be breaking.
    expect(stdout).not.toMatch(/^BREAKING/m);
    expect(stdout).toMatch(/^PASS: no breaking change$/m);
  });

  it("exits 1 on a breaking change, then --update-baseline makes a release the new baseline", async () => {
    const project = await projectWith((spec) => delete spec.paths[NODE_PATH]!.get);
    const refused = await runPackageScript("scripts/check-breaking.ts", {}, ["--project", project, "--update-baseline"]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/^BREAKING .*\(getMultiPartyCall\): api removed without deprecation/m);
    expect(await readFile(join(project, BASELINE), "utf8")).not.toEqual(await readFile(join(project, BUNDLE), "utf8"));

    const released = await projectWith(
      (spec) => {
        delete spec.paths[NODE_PATH]!.get;
        spec.info.version = "2.0.0";
      },
      { packageVersion: "1.0.0", changelog: "# Changelog\n\n## 2.0.0 (package 1.0.0)\n\n- Removed `getMultiPartyCall`.\n" },
    );
    const accepted = await runPackageScript("scripts/check-breaking.ts", {}, ["--project", released, "--update-baseline"]);
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain("openapi/baseline/openapi.yaml is now contract 2.0.0, package 1.0.0");
    expect(await readFile(join(released, BASELINE), "utf8")).toEqual(await readFile(join(released, BUNDLE), "utf8"));
    expect(JSON.parse(await readFile(join(released, BASELINE_RELEASE), "utf8"))).toEqual({ package: "1.0.0" });
    const again = await runPackageScript("scripts/check-breaking.ts", {}, ["--project", released]);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toMatch(/^BREAKING/m);
  });

  it("prints its usage with --help, and refuses an unknown option in one line pointing to --help (exit 2, no stack trace)", async () => {
    const help = await runPackageScript("scripts/check-breaking.ts", {}, ["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run check:breaking/);
    const wrong = await runPackageScript("scripts/check-breaking.ts", {}, ["--baseline", "x"]);
    expect({ code: wrong.code, stdout: wrong.stdout }).toEqual({ code: 2, stdout: "" });
    expect(wrong.stderr).toBe("npm run check:breaking: unknown option --baseline (see npm run check:breaking -- --help)\n");
    expect(wrong.stderr).not.toMatch(/\n\s+at /);
  });

  it("exits 2 with one line when the bundle cannot be read", async () => {
    const { code, stdout, stderr } = await runPackageScript("scripts/check-breaking.ts", {}, ["--project", "/nonexistent-project"]);
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/^npm run check:breaking: /);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
