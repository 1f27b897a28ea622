// @module-tag process: every test here starts a program of its own (vitest.config.ts).
// `npm audit --omit=dev`: what a consumer installs with the client has no known vulnerability.
// The registry these machines reach has no audit endpoint (it answers 405), so the real audit is
// skipped here with that reason; the same check runs against a local registry that answers npm's
// bulk-advisory request, once clean and once with an advisory, so that its code path is tested.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../bench/lib/app-bundle.js";
import { startLocalServer, type LocalServer, type Script } from "../helpers/local-server.js";

type AuditResult =
  | { reached: true; vulnerable: string[] }
  | { reached: false; reason: string };

/** Runs `npm audit --omit=dev` on this project; `registry` replaces npm's configured one. */
async function auditProductionDependencies(registry?: string): Promise<AuditResult> {
  const args = ["audit", "--omit=dev", "--json", ...(registry ? ["--registry", registry] : [])];
  // npm audit exits 1 when it finds something and when it cannot ask: its JSON says which.
  const { stdout } = await promisify(execFile)("npm", args, { cwd: projectRoot, timeout: 60_000 }).catch(
    (failure: { stdout?: string }) => ({ stdout: failure.stdout ?? "" }),
  );
  const report = JSON.parse(stdout || "{}") as { vulnerabilities?: Record<string, unknown>; message?: string };
  if (!report.vulnerabilities) return { reached: false, reason: report.message ?? "npm audit printed no report" };
  return { reached: true, vulnerable: Object.keys(report.vulnerabilities) };
}

const BULK_ADVISORIES = "/-/npm/v1/security/advisories/bulk";

/** A registry that answers npm's bulk-advisory request with `advisories`, and 404 to anything else. */
const registryAnswering = (advisories: object): Script => (request, response) => {
  if (request.method === "POST" && request.url === BULK_ADVISORIES) {
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(advisories));
  } else {
    response.writeHead(404, { "content-type": "application/json" }).end("{}");
  }
};

const registryUrl = (server: LocalServer) => `http://127.0.0.1:${server.port}/`;

describe("npm audit --omit=dev", () => {
  let registryAudit: AuditResult;
  beforeAll(async () => {
    registryAudit = await auditProductionDependencies();
  }, 70_000);

  it("finds nothing in what consumers install (or the registry has no audit endpoint: see the skip)", (context) => {
    if (!registryAudit.reached) context.skip(`the registry cannot audit here (${registryAudit.reason}); the check runs against local registries below`);
    expect(registryAudit.reached && registryAudit.vulnerable).toEqual([]);
  });

  describe("the same check against a local registry", () => {
    const servers: LocalServer[] = [];
    afterAll(() => Promise.all(servers.map((server) => server.close())));
    const start = async (advisories: object) => {
      const server = await startLocalServer(registryAnswering(advisories));
      servers.push(server);
      return server;
    };

    it("passes when the registry knows no advisory, after asking it about the production dependencies", async () => {
      const registry = await start({});
      await expect(auditProductionDependencies(registryUrl(registry))).resolves.toEqual({ reached: true, vulnerable: [] });
      expect(registry.received.some(({ method, url }) => method === "POST" && url === BULK_ADVISORIES)).toBe(true);
    }, 70_000);

    it("reports a production dependency that has an advisory", async () => {
      const advisory = {
        id: 1,
        url: "https://github.com/advisories/GHSA-test-test-test",
        title: "A test advisory",
        severity: "high",
        vulnerable_versions: "<=99.0.0",
        cwe: [],
        cvss: { score: 0, vectorString: null },
      };
      const registry = await start({ "openapi-fetch": [advisory] });
      const result = await auditProductionDependencies(registryUrl(registry));
      expect(result).toMatchObject({ reached: true });
      expect(result.reached && result.vulnerable).toContain("openapi-fetch");
    }, 70_000);
  });
});
