// Runs a TypeScript file the way a reader would (`npx tsx file.ts`), in a child process: examples,
// code samples and README snippets are tested as programs, not imported as modules.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { projectRoot } from "../../bench/lib/app-bundle.js";

export interface ProgramRun {
  code: number;
  stdout: string;
  stderr: string;
}

const tsx = join(projectRoot, "node_modules/tsx/dist/cli.mjs");

/**
 * Runs `file` with tsx from the project root, so that `plivo-phlo-openapi` resolves to src/ (tsconfig
 * `paths`). The environment is `env` on top of a clean one: no credential leaks in from the caller's.
 */
export function runTypeScript(file: string, env: Record<string, string> = {}, args: string[] = []): Promise<ProgramRun> {
  const { PATH, HOME, TMPDIR } = process.env;
  const base = { PATH: PATH ?? "", HOME: HOME ?? "", ...(TMPDIR ? { TMPDIR } : {}) };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [tsx, file, ...args],
      { cwd: projectRoot, env: { ...base, REDOCLY_TELEMETRY: "off", SCARF_ANALYTICS: "false", DO_NOT_TRACK: "1", ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code == "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}
