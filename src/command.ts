// What every command of the project does the same way (`plivo-phlo` and its subcommands, `npm start`,
// `npm run mock`, `npm run proxy`): --help and -h print the usage (exit 0), --version the package's
// version; a mistake is one line saying what is wrong and where help is, exit 2, never a stack trace;
// a port given with --port is used or refused (one line naming it, exit 2), and without one a free
// port is used and printed; SIGINT and SIGTERM stop what the command started. package.json runs the
// scripts with `exec`, so that npm's shell hands its place to the script: a signal npm forwards
// reaches the script itself.
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { FETCH_BAD_PORTS } from "./mock/listen.js";

/** A mistake of the person running the command: one line, exit 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

export interface CommandSpec<Options extends NonNullable<ParseArgsConfig["options"]>> {
  /** As the user types it: `plivo-phlo contract`, `npm start`. */
  name: string;
  /** The whole usage text, printed by --help. */
  usage: string;
  options: Options;
  allowPositionals?: boolean;
}

/** The package's version, from the package.json beside src/ and dist/. */
export const version = (): string =>
  (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;

/** parseArgs's messages, cut to their first sentence and with the option as typed. */
function parseArgsMessage(error: Error & { code?: string }): string {
  const option = /'(-[^' ]+)/.exec(error.message)?.[1];
  if (error.code == "ERR_PARSE_ARGS_UNKNOWN_OPTION" && option) return `unknown option ${option}`;
  return error.message.split(/\.\s/)[0]!.replace(/\.$/, "");
}

/**
 * Parses `args` for `spec`, or answers --help/-h/--version itself (returns undefined: nothing more
 * to do). Any parse error becomes a UsageError.
 */
export function parseCommand<Options extends NonNullable<ParseArgsConfig["options"]>>(
  spec: CommandSpec<Options>,
  args: string[],
): ReturnType<typeof parseArgs<{ args: string[]; options: Options; allowPositionals: boolean; strict: true }>> | undefined {
  // Before `--`, a help or version flag wins over anything else on the line, as in most CLIs.
  const flags = args.slice(0, args.includes("--") ? args.indexOf("--") : args.length);
  if (flags.includes("--help") || flags.includes("-h")) {
    console.log(spec.usage);
    return undefined;
  }
  if (flags.includes("--version")) {
    console.log(version());
    return undefined;
  }
  try {
    return parseArgs({ args, options: spec.options, allowPositionals: spec.allowPositionals ?? false, strict: true });
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) throw new UsageError(parseArgsMessage(error as Error));
    throw error;
  }
}

/** How to ask `name` for its usage: an npm script needs `--` before the option, or npm answers with its own help. */
export const helpCommand = (name: string) => (name.startsWith("npm ") ? `${name} -- --help` : `${name} --help`);

/**
 * Runs a command's body and sets the exit code: its own, 0 for --help, or 2 with one line on stderr
 * for a UsageError (or any error `isUsage` accepts, such as a settings error). Anything else is a
 * failure of the command itself: its message, exit 1, still no stack trace.
 */
export async function runCommand(name: string, body: () => Promise<number>, isUsage: (error: unknown) => boolean = () => false): Promise<number> {
  try {
    return await body();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof UsageError || isUsage(error)) {
      console.error(`${name}: ${message} (see ${helpCommand(name)})`);
      return 2;
    }
    console.error(`${name}: ${message}`);
    return 1;
  }
}

/** A `--port` value: undefined when not given; a UsageError naming the option when not a port a client could reach. */
export function portOption(text: string | undefined, option = "--port"): number | undefined {
  if (text === undefined) return undefined;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`${option} must be a number from 0 to 65535, not ${text}`);
  if (FETCH_BAD_PORTS.has(port)) throw new UsageError(`${option} ${port} is a port that fetch refuses to connect to (the Fetch standard's "bad ports"): choose another`);
  return port;
}

/**
 * Starts a server on the port the user chose, or refuses with one line naming it when it is taken;
 * without a choice, on `preferred` (a fixed default such as the mock's 4010) or, when that is taken,
 * on a free port. The caller prints the port it got. A chosen port is tried on `host` first, so that a
 * taken one is refused before `start` loads what it serves (Prism: half a second of CPU).
 */
export async function onPort<T>(chosen: number | undefined, preferred: number, start: (port: number) => Promise<T>, option = "--port", host = "127.0.0.1"): Promise<T> {
  const port = chosen ?? preferred;
  const taken = () => new UsageError(`port ${chosen} (${option}) is taken: choose another, or leave ${option} out for a free one`);
  if (chosen !== undefined && chosen !== 0 && (await inUse(chosen, host))) throw taken();
  try {
    return await start(port);
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    if (code == "EACCES" && chosen !== undefined) throw new UsageError(`port ${chosen} (${option}) needs privileges this process does not have: choose one above 1023`);
    // A --host that names no address of this machine: the user's value, not a failure of the command.
    if (code == "ENOTFOUND" || code == "EAI_AGAIN" || code == "EADDRNOTAVAIL") {
      throw new UsageError(`--host ${host} is not an address of this machine (${code}): give one such as 127.0.0.1, or 0.0.0.0 for every interface`);
    }
    if (code !== "EADDRINUSE" || port === 0) throw error;
    // Taken between the first try and the start.
    if (chosen !== undefined) throw taken();
    return start(0);
  }
}

/** Whether something listens on `port` at `host` now; any other error is left for the real start to report. */
function inUse(port: number, host: string): Promise<boolean> {
  const probe = createServer();
  return new Promise((resolve) => {
    probe.once("error", (error: NodeJS.ErrnoException) => resolve(error.code == "EADDRINUSE"));
    probe.listen(port, host, () => probe.close(() => resolve(false)));
  });
}

/**
 * Ends a command's process with `code` once what it printed is written: every command that can serve
 * until a signal (`npm start`, `npm run mock`, `npm run proxy`, the `plivo-phlo` bin). Letting the
 * event loop drain instead leaves a window in which a late signal ends the process by that signal
 * instead of `code`, and the stop line written just before can be lost. Ctrl-C sends such a signal:
 * the terminal signals the whole process group, and npm passes its own copy on to the script,
 * sometimes late; the script then died by SIGINT, and npm with it (test/start/signals.test.ts: each
 * such command under a stream of SIGINTs, which failed every time without this).
 */
export function exitWhenWritten(code: number): void {
  process.exitCode = code;
  let pending = 2;
  const written = () => --pending == 0 && process.exit(code);
  process.stdout.write("", written);
  process.stderr.write("", written);
}

/**
 * Prints `banner` (the ready line a user or a test waits for) and resolves with the first SIGINT or
 * SIGTERM: the signal to stop what the command started. Also when the process that started this one
 * (npm, a shell) is gone, so that no server outlives it. The handlers go in before the banner is
 * written: whoever reads it may signal at once, and a signal that came between the write and the
 * handlers killed the process with the default action (18 of 30 runs under load), skipping the stop.
 * They stay in after the first signal and ignore the ones that follow: Ctrl-C in a terminal reaches
 * the script twice, once from the terminal and once passed on by npm, and the second one killed the
 * script while it was stopping (exit 130, no "stopped" line).
 */
export function announceUntilStopped(banner: string): Promise<NodeJS.Signals> {
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    const parent = process.ppid;
    const orphaned = setInterval(() => process.ppid !== parent && stop("SIGHUP"), 500).unref();
    const stop = (signal: NodeJS.Signals) => {
      clearInterval(orphaned);
      resolve(signal);
    };
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => stop(signal));
  });
  console.log(banner);
  return stopped;
}
