// Global setup of the quick project (vitest.config.ts): builds dist/ once for the run (built-package.ts).
import { buildOnce } from "./built-package.js";

export default async function setup(): Promise<void> {
  await buildOnce();
}
