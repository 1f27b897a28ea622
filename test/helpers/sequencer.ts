// The order of the test files, longest first, so that short files fill the end of the run on both
// cores: the three slowest files (measured on the 2-core machine: the docs in Chromium 16 s, the
// README's contract-change walkthrough 12 s, the project checks 6 s), then the other files with tests
// that start programs (seconds each), then those that run only in the test process (a fraction of a
// second). On a fresh clone vitest orders files by size, which put the project checks, a small file
// that runs the generator, lint and the breaking gate, last, with the other core idle. Within each
// group vitest's own order stands (the last run's durations, else file size).
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { TAGGED_PROCESS } from "./tags.js";

const SLOWEST = ["test/docs/browser.test.ts", "test/breaking/readme.test.ts", "test/gate/checks.test.ts"];

function rank(file: TestSpecification): number {
  const slowest = SLOWEST.indexOf(relative(file.project.config.root, file.moduleId));
  if (slowest != -1) return slowest;
  return TAGGED_PROCESS.test(readFileSync(file.moduleId, "utf8")) ? SLOWEST.length : SLOWEST.length + 1;
}

export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const ranks = new Map((await super.sort(files)).map((file, index) => [file, { rank: rank(file), index }]));
    return [...ranks].sort(([, a], [, b]) => a.rank - b.rank || a.index - b.index).map(([file]) => file);
  }
}
