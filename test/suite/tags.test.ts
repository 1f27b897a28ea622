// `npm run test:quick` leaves out the tests tagged `process` (vitest.config.ts): a test file that
// starts programs without the tag would slow the edit loop down, or fail in it where the global setup
// built nothing. Every file that can start a program (child_process, the run helpers, Chromium) must
// carry the tag, on the file (`// @module-tag process`) or on the describe or test that does it.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { projectRoot } from "../helpers/spec.js";
import { TAGGED_PROCESS as TAGGED } from "../helpers/tags.js";

const root = fileURLToPath(projectRoot);
const STARTS_PROGRAMS = /from ["'](node:)?child_process["']|helpers\/run-ts\.js["']|helpers\/script-process\.js["']|from ["']playwright-core["']|packed-package\.js["']/;

// This file is left out: its own example below quotes an import of child_process.
const thisFile = relative(root, fileURLToPath(import.meta.url));
const testFiles = readdirSync(join(root, "test"), { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith(".test.ts"))
  .map((entry) => relative(root, join(entry.parentPath, entry.name)))
  .filter((file) => file != thisFile);

it("finds the test files that start programs", () => {
  expect(testFiles.filter((file) => STARTS_PROGRAMS.test(readFileSync(join(root, file), "utf8"))).length).toBeGreaterThan(20);
});

it("tags every test file that can start a program", () => {
  const untagged = testFiles.filter((file) => {
    const source = readFileSync(join(root, file), "utf8");
    return STARTS_PROGRAMS.test(source) && !TAGGED.test(source);
  });
  expect(untagged, "Tag them: `// @module-tag process` as the file's first line, or { tags: [\"process\"] } on the describe or test that starts a program").toEqual([]);
});

it.each([
  ['import { execFile } from "node:child_process";', true],
  ["import { execFile } from 'child_process';", true],
  ['import { execFile } from "node:child_process";\nit("runs", { tags: ["slow", "process"] }, () => execFile("true"));', false],
  ['// @module-tag process\nimport { execFile } from "node:child_process";', false],
  ['import { readFile } from "node:fs/promises";', false],
])("%s: reported untagged? %s", (source, reported) => {
  expect(STARTS_PROGRAMS.test(source) && !TAGGED.test(source)).toBe(reported);
});
