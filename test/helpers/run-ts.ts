// Runs programs in a child process with a clean environment, as programs, not imported as modules:
// the examples the way the README tells a reader to (`npx tsx file.ts`), code samples and README
// snippets as the project's own scripts run TypeScript (`node --import tsx/esm`), and `plivo-phlo` as
// the package ships it.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { projectRoot } from "../../bench/lib/app-bundle.js";
import { builtPackage } from "./packed-package.js";

export interface ProgramRun {
  code: number;
  stdout: string;
  stderr: string;
}

const tsx = join(projectRoot, "node_modules/tsx/dist/cli.mjs");

/** The `plivo-phlo` bin of package.json (dist/cli.js), once it is built from src/ for this test run (test/helpers/global-setup.ts). */
export async function cliBin(): Promise<string> {
  await builtPackage();
  return join(projectRoot, "dist/cli.js");
}

/**
 * Runs `file` with tsx from the project root, so that `plivo-phlo-openapi` resolves to src/ (tsconfig
 * `paths`). The environment is `env` on top of a clean one: no credential leaks in from the caller's.
 */
export function runTypeScript(file: string, env: Record<string, string> = {}, args: string[] = []): Promise<ProgramRun> {
  return runProgram(process.execPath, [tsx, file, ...args], env);
}

/** Runs `file` as package.json's scripts run TypeScript (`node --import tsx/esm file`), from the project root. */
export function runPackageScript(file: string, env: Record<string, string> = {}, args: string[] = []): Promise<ProgramRun> {
  return runProgram(process.execPath, ["--import", "tsx/esm", file, ...args], env);
}

/** Runs `plivo-phlo args…` (dist/cli.js) from the project root, with `env` on a clean environment. */
export async function runCli(args: string[], env: Record<string, string> = {}): Promise<ProgramRun> {
  return runProgram(process.execPath, [await cliBin(), ...args], env);
}

/** Runs `command args…` from the project root, with `env` on a clean environment (no credential leaks in from the caller's). */
export function runProgram(command: string, args: string[], env: Record<string, string> = {}): Promise<ProgramRun> {
  const { PATH, HOME, TMPDIR } = process.env;
  const base = { PATH: PATH ?? "", HOME: HOME ?? "", ...(TMPDIR ? { TMPDIR } : {}) };
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd: projectRoot, env: { ...base, REDOCLY_TELEMETRY: "off", SCARF_ANALYTICS: "false", DO_NOT_TRACK: "1", ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code == "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}
