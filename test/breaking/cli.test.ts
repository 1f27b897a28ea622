// @module-tag process: every test here starts a program of its own (vitest.config.ts).
// `plivo-phlo diff OLD NEW` as a consumer's CI runs it (the bin, dist/cli.js, in a child process): the
// gate's lines and exit codes for any two documents, and oasdiff's CI formats.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { BASELINE, BUNDLE, checkBreaking, gateReport } from "../../scripts/check-breaking.js";
import { runCli } from "../helpers/run-ts.js";
import { NODE_PATH, projectWith, removeProjects, schemas, type Spec } from "./project.js";

afterAll(removeProjects);

const diff = (...args: string[]) => runCli(["diff", ...args]);
const removeColdTransfer = (spec: Spec) => (schemas(spec).MultiPartyCallAction!.enum = ["warm_transfer", "call"]);
const addGetPhlo = (spec: Spec) =>
  (spec.paths["/phlo/{phlo_id}"] = {
    get: { operationId: "getPhlo", responses: { "200": { description: "The PHLO", content: { "application/json": { schema: { type: "object" } } } } } },
  });
/** Report lines without their `at file:line`, which names the files as each command was given them. */
const changeLines = (report: string) => report.split("\n").filter((line) => /^(BREAKING|compatible) /.test(line)).map((line) => line.replace(/ at \S+$/, ""));

describe("plivo-phlo diff", { timeout: 60_000 }, () => {
  it("exits 1 on a breaking change, with the same lines as npm run check:breaking", async () => {
    const project = await projectWith((spec) => {
      removeColdTransfer(spec);
      addGetPhlo(spec);
    });
    const { code, stdout, stderr } = await diff(join(project, BASELINE), join(project, BUNDLE));
    expect({ code, stderr }).toEqual({ code: 1, stderr: "" });
    expect(stdout).toMatch(new RegExp(`^BREAKING +request +POST ${NODE_PATH.replace(/[{}]/g, "\\$&")} \\(updateMultiPartyCall\\): removed the enum value \`cold_transfer\`.* at ${join(project, BASELINE)}:\\d+$`, "m"));
    expect(stdout).toMatch(/^compatible +api +GET \/phlo\/\{phlo_id\} \(getPhlo\): endpoint added/m);
    expect(stdout.trimEnd().split("\n").at(-1)).toBe("1 breaking, 1 non-breaking change(s)");
    const gate = gateReport(await checkBreaking(project));
    expect(changeLines(stdout)).toEqual(changeLines(gate));
    expect(changeLines(stdout)).toHaveLength(2);
  });

  it("exits 0 on additions only, listing them, and takes file: URLs", async () => {
    const project = await projectWith(addGetPhlo);
    const { code, stdout, stderr } = await diff(pathToFileURL(join(project, BASELINE)).href, pathToFileURL(join(project, BUNDLE)).href);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toMatch(/^compatible +api +GET \/phlo\/\{phlo_id\} \(getPhlo\): endpoint added/m);
    expect(stdout).not.toMatch(/^BREAKING/m);
  });

  it("writes oasdiff's JUnit XML and GitHub annotations, with the same exit codes", async () => {
    const project = await projectWith((spec) => delete spec.paths[NODE_PATH]!.get);
    const junit = await diff(join(project, BASELINE), join(project, BUNDLE), "--format", "junit");
    expect(junit.code).toBe(1);
    expect(junit.stdout).toMatch(/^<\?xml/);
    expect(junit.stdout).toMatch(/<testcase name="api-removed-without-deprecation"[^>]*>\s*<failure message="Breaking change detected">/);
    const annotations = await diff(join(project, BASELINE), join(project, BUNDLE), "--format", "githubactions");
    expect(annotations.code).toBe(1);
    expect(annotations.stdout).toMatch(/^::error title=api-removed-without-deprecation,file=.*::in API GET \/phlo\/\{phlo_id\}\/multi_party_call\/\{node_id\} api removed without deprecation$/m);

    const same = await diff(join(project, BUNDLE), join(project, BUNDLE), "--format", "junit");
    expect(same.code).toBe(0);
    expect(same.stdout).not.toContain("<failure");
  });

  it("exits 2 with one line for a document it cannot read, and no stack trace", async () => {
    const project = await projectWith(() => undefined);
    const { code, stdout, stderr } = await diff(join(project, BASELINE), join(project, "missing.yaml"));
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    expect(stderr.trim().split("\n")).toEqual([expect.stringMatching(/^plivo-phlo diff: failed to load revision spec from ".*missing\.yaml": .*no such file/)]);
  });

  it("exits 2 with one line pointing to --help when OLD or NEW is missing, the format or an option is unknown", async () => {
    for (const [args, message] of [
      [["only-one.yaml"], "diff takes two documents, OLD and NEW (got 1)"],
      [["a.yaml", "b.yaml", "--format", "html"], "--format must be text, junit or githubactions, not html"],
      [["a.yaml", "b.yaml", "--colour"], "unknown option --colour"],
    ] as const) {
      const { code, stdout, stderr } = await diff(...args);
      expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
      expect(stderr).toBe(`plivo-phlo diff: ${message} (see plivo-phlo diff --help)\n`);
    }
  });

  it("prints its usage with --help, and plivo-phlo --help lists it", async () => {
    const help = await diff("--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Exit codes: 0 no breaking change, 1 a breaking change, 2 a usage error or unreadable document.");
    const all = await runCli(["--help"]);
    expect(all.stdout).toContain("plivo-phlo diff OLD NEW [--format text|junit|githubactions]");
  });
});
