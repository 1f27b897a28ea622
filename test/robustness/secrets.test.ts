// @module-tag process: every test here starts a program of its own (vitest.config.ts).
// The auth token never reaches a process's output: every failure scenario is run in a child process
// that logs its errors the usual ways (console.log, console.error, inspect, JSON, the stack), and the
// captured stdout and stderr are searched.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { credentialLeaks } from "../helpers/fetch.js";

const run = promisify(execFile);

describe("process output", () => {
  it("holds every failure's error, and never the token or the Basic credential", async () => {
    const script = fileURLToPath(new URL("print-failures.ts", import.meta.url));
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", script], { maxBuffer: 16 * 1024 * 1024 });
    const output = stdout + stderr;
    for (const name of ["PhloBadRequestError", "PhloAuthenticationError", "PhloRateLimitError", "PhloServerError", "PhloTimeoutError", "PhloConnectionError", "PhloValidationError"]) {
      expect(output).toContain(name);
    }
    expect(credentialLeaks(output)).toEqual([]);
  }, 60_000);
});
