// The breaking-change gate (`npm run check:breaking`): each kind of change, made to a temporary copy
// of the bundle, must fail with a line that says what broke where, or pass and be listed; a breaking
// change passes only as a major release with a CHANGELOG entry.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BASELINE, BASELINE_RELEASE, BUNDLE, checkBreaking, gateReport } from "../../scripts/check-breaking.js";
import { projectRoot } from "../../bench/lib/app-bundle.js";
import { runTypeScript } from "../helpers/run-ts.js";
import { NODE_PATH, projectWith, removeProjects, schemas, type Spec } from "./project.js";

afterAll(removeProjects);
// Each case runs oasdiff once (about 0.2 s), more on a machine shared with other test files.

const POST_NODE = `POST ${NODE_PATH} (updateMultiPartyCall)`;
const GET_NODE = `GET ${NODE_PATH} (getMultiPartyCall)`;

async function gate(change: (spec: Spec) => void, options?: Parameters<typeof projectWith>[1]) {
  const verdict = await checkBreaking(await projectWith(change, options));
  return { verdict, report: gateReport(verdict) };
}

describe("a breaking change fails the gate with one line saying what broke", { timeout: 30_000 }, () => {
  const cases: [string, (spec: Spec) => void, RegExp, Parameters<typeof projectWith>[1]?][] = [
    [
      "a request enum value removed",
      (spec) => (schemas(spec).MultiPartyCallAction!.enum = ["warm_transfer", "call"]),
      /^BREAKING +request +POST \/phlo\/\{phlo_id\}\/multi_party_call\/\{node_id\} \(updateMultiPartyCall\): removed the enum value `cold_transfer` of the request property `action` \[request-property-enum-value-removed\] at openapi\/baseline\/openapi\.yaml:\d+$/m,
    ],
    [
      "a required request field added",
      (spec) => {
        const update = schemas(spec).MultiPartyCallUpdate!;
        update.properties.callback_url = { type: "string" } as never;
        update.required.push("callback_url");
      },
      new RegExp(`^BREAKING +request +${escape(POST_NODE)}: added the new required request property \`callback_url\``, "m"),
    ],
    [
      "a required response field removed",
      (spec) => {
        const node = schemas(spec).MultiPartyCall!;
        delete node.properties.name;
        node.required = node.required.filter((field) => field != "name");
      },
      new RegExp(`^BREAKING +response +${escape(GET_NODE)}: removed the required property \`name\` from the response with the \`200\` status`, "m"),
    ],
    [
      "an optional response field removed",
      (spec) => delete schemas(spec).MultiPartyCall!.properties.region,
      new RegExp(`^BREAKING +response +${escape(GET_NODE)}: removed the optional property \`region\` from the response with the \`200\` status`, "m"),
      { baseline: (spec) => (schemas(spec).MultiPartyCall!.properties.region = { type: "string" } as never) },
    ],
    [
      "a request pattern narrowed",
      (spec) => (schemas(spec).Address!.pattern = "^\\+?[0-9]{3,15}$"),
      new RegExp(`^BREAKING +request +${escape(POST_NODE)}: changed the pattern of the request property \`to\` from `, "m"),
    ],
    [
      "an operation removed",
      (spec) => delete spec.paths[NODE_PATH]!.get,
      new RegExp(`^BREAKING +api +${escape(GET_NODE)}: api removed without deprecation \\[api-removed-without-deprecation\\] at openapi/baseline/openapi\\.yaml:\\d+$`, "m"),
    ],
    [
      "a success status code changed",
      (spec) => {
        const responses = spec.paths[NODE_PATH]!.post!.responses;
        responses["200"] = responses["201"];
        delete responses["201"];
      },
      new RegExp(`^BREAKING +response +${escape(POST_NODE)}: removed the success response with the status \`201\``, "m"),
    ],
  ];

  it.each(cases)("%s", async (_kind, change, line, options) => {
    const { verdict, report } = await gate(change, options);
    expect(report).toMatch(line);
    expect(verdict.missing.length).toBeGreaterThan(0);
    expect(report).toMatch(/^FAIL: \d+ breaking change\(s\) need a major release:$/m);
    expect(report).toContain(`  - info.version in openapi/openapi.yaml is 1.0.0: make it 2.0.0, then npm run generate`);
    expect(report).toContain(`  - "version" in package.json is 0.1.0: make it 1.0.0`);
    expect(report).toMatch(/^ {2}- CHANGELOG\.md has no "## 2\.0\.0" entry: add one naming \w+/m);
  });
});

describe("a non-breaking change passes and is listed", { timeout: 30_000 }, () => {
  const cases: [string, (spec: Spec) => void, RegExp, Parameters<typeof projectWith>[1]?][] = [
    [
      "a new optional request field",
      (spec) => (schemas(spec).MultiPartyCallUpdate!.properties.caller_name = { type: "string" } as never),
      new RegExp(`^compatible +request +${escape(POST_NODE)}: added the new optional request property \`caller_name\``, "m"),
    ],
    [
      "a new response field",
      (spec) => (schemas(spec).MultiPartyCall!.properties.region = { type: "string" } as never),
      new RegExp(`^compatible +response +${escape(GET_NODE)}: added the optional property \`region\` to the response`, "m"),
    ],
    [
      "a new operation",
      (spec) =>
        (spec.paths["/phlo/{phlo_id}"] = {
          get: {
            operationId: "getPhlo",
            summary: "Retrieve a PHLO",
            parameters: [{ $ref: "#/components/parameters/PhloId" }],
            responses: { "200": { description: "The PHLO", content: { "application/json": { schema: { type: "object" } } } } },
          },
        }),
      /^compatible +api +GET \/phlo\/\{phlo_id\} \(getPhlo\): endpoint added \[endpoint-added\]/m,
    ],
    [
      "a new enum value in a response",
      (spec) => schemas(spec).MultiPartyCall!.properties.node_type!.enum.push("conference"),
      new RegExp(`^compatible +response +${escape(GET_NODE)}: added the new \`conference\` enum value to the \`node_type\` response property`, "m"),
      { baseline: (spec) => (schemas(spec).MultiPartyCall!.properties.node_type = { type: "string", enum: ["multi_party_call"] } as never) },
    ],
  ];

  it.each(cases)("%s", async (_kind, change, line, options) => {
    const { verdict, report } = await gate(change, options);
    expect(report).toMatch(line);
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
describe("npm run check:breaking as a process", { timeout: 60_000 }, () => {
  it("passes on this checkout: no breaking change against the committed baseline", async () => {
    const { code, stdout, stderr } = await runTypeScript("scripts/check-breaking.ts");
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toMatch(/^generated\/openapi\.yaml \(contract \S+, package \S+\) against openapi\/baseline\/openapi\.yaml/);
    // Additions (issue 15's operations, say) are listed and pass; nothing may be breaking.
    expect(stdout).not.toMatch(/^BREAKING/m);
    expect(stdout).toMatch(/^PASS: no breaking change$/m);
  });

  it("exits 1 on a breaking change, then --update-baseline makes a release the new baseline", async () => {
    const project = await projectWith((spec) => delete spec.paths[NODE_PATH]!.get);
    const refused = await runTypeScript("scripts/check-breaking.ts", {}, ["--project", project, "--update-baseline"]);
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
    const accepted = await runTypeScript("scripts/check-breaking.ts", {}, ["--project", released, "--update-baseline"]);
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain("openapi/baseline/openapi.yaml is now contract 2.0.0, package 1.0.0");
    expect(await readFile(join(released, BASELINE), "utf8")).toEqual(await readFile(join(released, BUNDLE), "utf8"));
    expect(JSON.parse(await readFile(join(released, BASELINE_RELEASE), "utf8"))).toEqual({ package: "1.0.0" });
    const again = await runTypeScript("scripts/check-breaking.ts", {}, ["--project", released]);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toMatch(/^BREAKING/m);
  });

  it("exits 2 with one line when the bundle cannot be read", async () => {
    const { code, stdout, stderr } = await runTypeScript("scripts/check-breaking.ts", {}, ["--project", "/nonexistent-project"]);
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/^check:breaking: /);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
