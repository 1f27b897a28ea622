import { defineConfig } from "vitest/config";
import { LongestFirst } from "./test/helpers/sequencer.js";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    restoreMocks: true,
    // Most test files wait on child processes, servers and Chromium rather than compute: vitest's
    // default of one worker per core less one ran them one at a time on a 2-core machine. Two at a
    // time fill those waits; more starved the timing-sensitive tests (signals, 1,000-call load) when
    // the machine was busy, and cost more CPU than they saved.
    maxWorkers: 2,
    // Files share their worker's module cache instead of each loading Prism, Ajv and the spec anew:
    // that import time was 16 s of CPU per run. No test file mocks modules or leaves globals changed.
    isolate: false,
    // Many tests start a process (the CLI, npm, tsx); 5 s was too short for that on a busy machine.
    testTimeout: 30_000,
    // A test that starts a program of its own is tagged `process` (a file of such tests: `// @module-tag process`).
    // The edit loop, `npm run test:quick`, leaves them out (--tags-filter '!process'); `npm test` runs them.
    tags: [
      {
        name: "process",
        description: "Starts a program of its own (the plivo-phlo bin, an npm script, tsx, Redocly, a shell, Chromium): run by npm test, not by npm run test:quick",
      },
    ],
    sequence: { sequencer: LongestFirst },
    // Type tests (`*.test-d.ts`, `@ts-expect-error`) run with the rest, as in openapi-fetch.
    // tsc on the type tests and what they import (tsconfig.typecheck.json); `npm run lint` checks the rest.
    typecheck: {
      enabled: true,
      include: ["test/**/*.test-d.ts"],
      tsconfig: "./tsconfig.typecheck.json",
      // TypeScript 7 (the native compiler), like `npm run lint` and `npm run build` (package.json).
      checker: "node_modules/typescript-7/bin/tsc",
    },
    // Builds dist/ and packs the package once for the run, unless the run leaves out the tests that
    // start programs (test/helpers/global-setup.ts).
    globalSetup: ["test/helpers/global-setup.ts"],
  },
});
