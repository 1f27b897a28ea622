import { defineConfig } from "vitest/config";

// The tests that need the packed package, a browser or the registry, or regenerate the whole project
// (the README's contract-change walkthrough, about 90 s): the gate's, left out of the edit loop
// (`npm run test:quick`). Every other test file is quick, including new ones.
const GATE_ONLY = [
  "test/package/**/*.test.ts",
  "test/docs/browser.test.ts",
  "test/robustness/audit.test.ts",
  "test/gate/**/*.test.ts",
  "test/breaking/readme.test.ts",
];

export default defineConfig({
  test: {
    restoreMocks: true,
    // Most test files wait on child processes, servers and Chromium rather than compute: vitest's
    // default of one worker per core less one ran them one at a time on a 2-core machine. Two at a
    // time fill those waits; more starved the timing-sensitive tests (signals, 1,000-call load) when
    // the machine was busy.
    maxWorkers: 2,
    // Files share their worker's module cache instead of each loading Prism, Ajv and the spec anew:
    // that import time was 16 s of CPU per run. No test file mocks modules or leaves globals changed.
    isolate: false,
    // Many tests start a process (tsx, npm, the CLI); 5 s was too short for that on a busy machine.
    testTimeout: 30_000,
    // A test that starts a program of its own is tagged `process` (a file of such tests: `// @module-tag process`).
    // The edit loop, `npm run test:quick`, leaves them out (--tags-filter '!process'); `npm test` runs them.
    tags: [
      {
        name: "process",
        description: "Starts a program of its own (the plivo-phlo bin, an npm script, tsx, Redocly, a shell, Chromium): run by npm test, not by npm run test:quick",
      },
    ],
    projects: [
      {
        extends: true,
        test: {
          name: "quick",
          include: ["test/**/*.test.ts"],
          exclude: GATE_ONLY,
          // Type tests (`*.test-d.ts`, `@ts-expect-error`) run with the rest, as in openapi-fetch.
          typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
          // Builds dist/ once for the run: the plivo-phlo tests run the bin as it ships (dist/cli.js).
          globalSetup: ["test/helpers/build-setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "gate",
          include: GATE_ONLY,
          // Packs the package once for the run, from the run's one build of dist/ (test/helpers/packed-package.ts).
          globalSetup: ["test/helpers/global-setup.ts"],
        },
      },
    ],
  },
});
