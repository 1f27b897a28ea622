// Long-running scripts (`npm start`, `npm run mock`, `npm run proxy`) run as package.json runs them:
// `node --import tsx/esm script.ts`, one process (the tsx CLI would put a second one between the test's
// signals and the script; tsx/esm leaves out tsx's CommonJS hook, which cost 0.1 s of CPU per start
// looking at each of Prism's requires), in a child process with a clean environment, watched until they print
// their ready line, stopped with a signal, and always killed (process group included) when a test
// ends early.
import { execFile, spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { connect } from "node:net";
import { fileURLToPath } from "node:url";
import { projectRoot } from "./spec.js";

const root = fileURLToPath(projectRoot);
const running = new Set<ChildProcessWithoutNullStreams>();

export interface ScriptRun {
  child: ChildProcessWithoutNullStreams;
  /** Everything printed on stdout once `readyLine` matched. */
  ready: Promise<string>;
  /** The exit code, or "timeout" when the script is still running after `ms`. */
  exit(ms: number): Promise<number | null | "timeout">;
  stdout(): string;
  stderr(): string;
}

/** Starts `script` (relative to the project root) with tsx; `ready` resolves once stdout matches `readyLine`. */
export function runScript(script: string, readyLine: RegExp, args: string[] = [], env: Record<string, string> = {}): ScriptRun {
  return runProcess(process.execPath, ["--import", "tsx/esm", script, ...args], readyLine, env);
}

/** Starts any command line (`npm start …`) the same way: its own process group, a clean environment. */
export function runProcess(command: string, args: string[], readyLine: RegExp, env: Record<string, string> = {}): ScriptRun {
  const child = spawn(command, args, {
    cwd: root,
    // Its own process group: whatever it starts (npm's shell, the script) must go too.
    detached: true,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", DO_NOT_TRACK: "1", SCARF_ANALYTICS: "false", REDOCLY_TELEMETRY: "off", ...env },
  });
  running.add(child);
  // "close", not "exit": the exit can be reported before the last of stdout is read, and the tests
  // read the last line (what was stopped) once it has exited.
  const exited = new Promise<number | null>((resolve) => child.once("close", resolve));
  void exited.then(() => running.delete(child));
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk;
      if (readyLine.test(stdout)) resolve(stdout);
    });
    void exited.then((code) => reject(new Error(`${[command, ...args].join(" ")} exited ${code} before it was ready:\n${stdout}${stderr}`)));
  });
  // A run that is meant to fail never gets ready: its rejection is expected, not unhandled.
  ready.catch(() => undefined);
  return {
    child,
    ready,
    exit: (ms) => Promise.race([exited, new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), ms))]),
    stdout: () => stdout,
    stderr: () => stderr,
  };
}

/** Kills every script still running: for `afterEach`, so that a failed test leaves no process behind. */
export function killScripts(): void {
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, "SIGKILL");
  }
  running.clear();
}

/** Runs a shell command line (a printed curl) and resolves with its stdout. */
export const sh = (command: string) =>
  new Promise<string>((resolve, reject) =>
    execFile("sh", ["-c", command], { timeout: 10_000 }, (error, stdout) => (error ? reject(error) : resolve(stdout))),
  );

/** Whether connecting to the port is refused: nothing listens there any more. */
export const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code == "ECONNREFUSED"));
  });
