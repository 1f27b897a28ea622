// How a test file says that it starts programs (vitest.config.ts, the `process` tag): read by the
// sequencer, which runs such files first, and by test/suite/tags.test.ts, which requires the tag.
export const TAGGED_PROCESS = /^\/\/ @module-tag process\b|tags: \[[^\]]*["']process["']/m;
