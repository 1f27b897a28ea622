// Global setup of the quick project (vitest.config.ts): builds dist/ once for the run (built-package.ts),
// unless the run leaves out the tests that start programs, which alone run it: `npm run test:quick`
// passes --tags-filter '!process'.
import type { TestProject } from "vitest/node";
import { buildOnce } from "./built-package.js";

export default async function setup(project: TestProject): Promise<void> {
  if (project.vitest.config.tagsFilter?.includes("!process")) return;
  await buildOnce();
}
