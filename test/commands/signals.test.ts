// announceUntilStopped (src/command.ts), in-process: its SIGINT and SIGTERM handlers are in place
// before the ready line is written, since whoever reads that line may signal at once (a handler
// installed after the write let the default action kill 18 of 30 loaded runs before they stopped
// their servers), and a second signal is caught too (Ctrl-C reaches an npm script twice).
// test/mock/lifecycle.test.ts and test/start/signals.test.ts check the same from outside.
import { afterEach, describe, expect, it, vi } from "vitest";
import { announceUntilStopped } from "../../src/command.js";

const SIGNALS = ["SIGINT", "SIGTERM"] as const;
// Raw: a `once` handler shows as the wrapper that removes itself when called, as the process calls it.
const listeners = () => Object.fromEntries(SIGNALS.map((signal) => [signal, process.rawListeners(signal)]));

describe("announceUntilStopped", () => {
  const before = listeners();
  /** The handlers it added, by signal. */
  const added = () => Object.fromEntries(SIGNALS.map((signal) => [signal, process.rawListeners(signal).filter((listener) => !before[signal]!.includes(listener))]));
  afterEach(() => {
    for (const [signal, handlers] of Object.entries(added())) for (const handler of handlers) process.off(signal, handler as (...args: unknown[]) => void);
  });

  it.each(SIGNALS)("has its handlers in place when it writes the banner, and resolves with the first %s", async (signal) => {
    const atWrite: Record<string, number>[] = [];
    vi.spyOn(console, "log").mockImplementation(() => atWrite.push(Object.fromEntries(Object.entries(added()).map(([name, handlers]) => [name, handlers.length]))));
    const stopped = announceUntilStopped("Mock ready: …");
    expect(atWrite).toEqual([{ SIGINT: 1, SIGTERM: 1 }]);
    // As the process would on the signal, twice: the second one is caught as well, and changes nothing.
    for (const handler of [...added()[signal]!, ...added()[signal]!]) (handler as (signal: NodeJS.Signals) => void)(signal);
    await expect(stopped).resolves.toBe(signal);
    expect(added()[signal]).toHaveLength(1);
  });
});
