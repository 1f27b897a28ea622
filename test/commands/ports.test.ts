// The ports a command accepts: a number a client could reach. fetch refuses the Fetch standard's "bad
// ports" before connecting, so src/command.ts refuses them too, naming the rule, and so do startMock()
// and startProxy() (src/mock/listen.ts); the list is the project's own (Node does not export one), so
// this file checks it against Node's fetch.
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { onPort, portOption, UsageError } from "../../src/command.js";
import { startMock } from "../../src/mock/index.js";
import { FETCH_BAD_PORTS } from "../../src/mock/listen.js";
import { startProxy } from "../../src/mock/proxy.js";

/** Whether Node's fetch refuses `port` as a bad port (it does so before any connection). */
async function fetchRefuses(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2_000) });
    return false;
  } catch (error) {
    return (error as { cause?: { message?: string } }).cause?.message == "bad port";
  }
}

describe("the Fetch standard's bad ports", () => {
  it("are each refused by Node's fetch", async () => {
    const accepted = [];
    for (const port of FETCH_BAD_PORTS) if (!(await fetchRefuses(port))) accepted.push(port);
    expect(accepted).toEqual([]);
  });

  it("are all of them: the ports next to each are not refused", async () => {
    const neighbours = [...new Set([...FETCH_BAD_PORTS].flatMap((port) => [port - 1, port + 1]))].filter((port) => port > 0 && !FETCH_BAD_PORTS.has(port));
    const refused = [];
    for (const port of neighbours) if (await fetchRefuses(port)) refused.push(port);
    expect(refused).toEqual([]);
  });
});

describe("startMock and startProxy", () => {
  const refusal = new RangeError(`port 6000 is a port that fetch refuses to connect to (the Fetch standard's "bad ports"): choose another, or 0 for a free one`);

  it("refuse a bad port with the rule named, instead of starting where no client can reach them", async () => {
    await expect(startMock({ port: 6000 })).rejects.toThrow(refusal);
    await expect(startProxy({ upstream: "http://127.0.0.1:9/v1", port: 6000, onViolation: () => undefined })).rejects.toThrow(refusal);
  });
});

describe("portOption", () => {
  it.each([
    ["6000", '--port 6000 is a port that fetch refuses to connect to (the Fetch standard\'s "bad ports"): choose another'],
    ["1", '--port 1 is a port that fetch refuses to connect to (the Fetch standard\'s "bad ports"): choose another'],
    ["http", "--port must be a number from 0 to 65535, not http"],
    ["65536", "--port must be a number from 0 to 65535, not 65536"],
  ])("refuses %s in one line: %s", (text, message) => {
    expect(() => portOption(text)).toThrow(new UsageError(message));
  });

  it.each([["0", 0], ["4010", 4010], ["6001", 6001], [undefined, undefined]])("takes %s", (text, port) => {
    expect(portOption(text)).toBe(port);
  });
});

describe("onPort", () => {
  it("turns a chosen port the process may not listen on (EACCES) into one line naming it", async () => {
    const denied = async () => {
      throw Object.assign(new Error("listen EACCES: permission denied 127.0.0.1:1023"), { code: "EACCES" });
    };
    await expect(onPort(1023, 0, denied)).rejects.toThrow(new UsageError("port 1023 (--port) needs privileges this process does not have: choose one above 1023"));
  });

  it.each(["nohost.invalid", "192.0.2.1"])("turns a --host that is no address of this machine (%s) into one line naming it", async (host) => {
    const listenThere = (port: number) =>
      new Promise((resolve, reject) => {
        const server = createServer();
        server.once("error", reject);
        server.listen(port, host, () => server.close(resolve));
      });
    const error = await onPort(undefined, 0, listenThere, "--port", host).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(
      new RegExp(`^--host ${host.replaceAll(".", "\\.")} is not an address of this machine \\((ENOTFOUND|EAI_AGAIN|EADDRNOTAVAIL)\\): give one such as 127\\.0\\.0\\.1, or 0\\.0\\.0\\.0 for every interface$`),
    );
  });

  it("refuses a chosen port taken after its first try (the start fails with EADDRINUSE) in the same line", async () => {
    const takenMeanwhile = async () => {
      throw Object.assign(new Error("listen EADDRINUSE"), { code: "EADDRINUSE" });
    };
    await expect(onPort(40123, 0, takenMeanwhile)).rejects.toThrow(
      new UsageError("port 40123 (--port) is taken: choose another, or leave --port out for a free one"),
    );
  });

  it("moves to a free port when the default is taken meanwhile, and was never given one", async () => {
    const tried: number[] = [];
    const start = async (port: number) => {
      tried.push(port);
      if (port != 0) throw Object.assign(new Error("listen EADDRINUSE"), { code: "EADDRINUSE" });
      return "started";
    };
    expect(await onPort(undefined, 4010, start)).toBe("started");
    expect(tried).toEqual([4010, 0]);
  });
});
