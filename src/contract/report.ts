// The two ways a run is reported: a summary for people (one line per case, the violations under a
// failed one) and JUnit XML for CI systems. Both take results that are already redacted.
import type { Violation } from "./check.js";
import type { CaseResult } from "./runner.js";

export interface ContractReport {
  target: "mock" | "live";
  baseUrl: string;
  results: CaseResult[];
  /** The whole run, wall clock (starting the mock included). */
  durationMs: number;
}

export const count = ({ results }: ContractReport, outcome: CaseResult["outcome"]) => results.filter((result) => result.outcome == outcome).length;

/**
 * Why the target could not be reached (refused, no such host, TLS, every request timed out), or
 * undefined when it answered at least once: an outage is not drift, and CI should tell them apart.
 */
export function unreachable({ results }: ContractReport): string | undefined {
  const sent = results.filter((result) => result.outcome != "skipped");
  if (!sent.length || sent.some((result) => result.status !== undefined)) return undefined;
  const first = sent.find((result) => result.violations.length)?.violations[0];
  return first ? describeViolation(first) : "no request got an answer";
}

/** `body/created_on: must be string, got 1596272711` */
export const describeViolation = ({ where, expected, got }: Violation) => `${where}: ${expected}, got ${got}`;

const seconds = (ms: number) => (ms / 1000).toFixed(3);

const MARK = { passed: "PASS", failed: "FAIL", skipped: "SKIP" } as const;

export function summary(report: ContractReport): string {
  const lines = [`Contract suite against ${report.target} (${report.baseUrl})`];
  for (const result of report.results) {
    lines.push(`${MARK[result.outcome]} ${result.name}${result.reason ? ` (skipped: ${result.reason})` : ""}`);
    if (result.outcome == "failed") {
      lines.push(`     ${result.request}`);
      for (const violation of result.violations) lines.push(`     ${describeViolation(violation)}`);
    }
  }
  const outage = unreachable(report);
  if (outage) lines.push(`The target could not be reached: ${outage}`);
  lines.push(`${count(report, "passed")} passed, ${count(report, "failed")} failed, ${count(report, "skipped")} skipped in ${(report.durationMs / 1000).toFixed(1)} s`);
  return lines.join("\n");
}

const escapeXml = (text: string) =>
  // Characters XML 1.0 cannot hold at all are dropped; the five special ones are escaped.
  text.replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "").replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** JUnit XML: one testsuite per run, one testcase per case, classname `contract.<target>.<kind>`. */
export function junitXml(report: ContractReport): string {
  const total = report.durationMs;
  const name = `plivo-phlo contract (${report.target})`;
  const cases = report.results.map((result) => {
    const open = `  <testcase classname="${escapeXml(`contract.${report.target}.${result.kind}`)}" name="${escapeXml(result.name)}" time="${seconds(result.durationMs)}"`;
    if (result.outcome == "passed") return `${open}/>`;
    if (result.outcome == "skipped") return `${open}>\n    <skipped message="${escapeXml(result.reason ?? "")}"/>\n  </testcase>`;
    const details = result.violations.map(describeViolation);
    const message = `${result.violations.length} contract violation(s): ${details[0] ?? ""}`;
    return `${open}>\n    <failure message="${escapeXml(message)}" type="ContractViolation">${escapeXml([result.request, ...details].join("\n"))}</failure>\n  </testcase>`;
  });
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="${escapeXml(name)}" tests="${report.results.length}" failures="${count(report, "failed")}" skipped="${count(report, "skipped")}" time="${seconds(total)}">`,
    `<testsuite name="${escapeXml(name)}" tests="${report.results.length}" failures="${count(report, "failed")}" errors="0" skipped="${count(report, "skipped")}" time="${seconds(total)}">`,
    ...cases,
    `</testsuite>`,
    `</testsuites>`,
    "",
  ].join("\n");
}
