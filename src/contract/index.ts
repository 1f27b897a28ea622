// The contract suite as a library (`plivo-phlo-openapi/contract`): one suite, two targets. `mock`
// starts the Prism mock on a free port and stops it; `live` reads the PHLO_* / PLIVO_* variables and
// stays safe unless PHLO_LIVE_PLACE_CALLS=1.
import { contractCases, type Target } from "./cases.js";
import type { ContractReport } from "./report.js";
import { redactor } from "../redact.js";
import { runCases, type CaseResult, type RunSettings } from "./runner.js";
import { ContractSettingsError, MOCK_CREDENTIALS, checkedBaseUrl, liveSettings, mockValues, targetOf, type Environment } from "./settings.js";

export interface ContractOptions {
  /** Default: `PHLO_CONTRACT_TARGET` from `env`, else `mock`. */
  target?: Target | undefined;
  /** A running target to test instead: for `mock`, no mock is started; for `live`, instead of PHLO_BASE_URL. */
  baseUrl?: string | undefined;
  /** Where the settings come from. Default: `process.env`. */
  env?: Environment | undefined;
  /** The longest wait for one answer. Default 30 s. */
  timeoutMs?: number | undefined;
}

/** Runs every case against the target and returns the (redacted) results. */
export async function runContractSuite(options: ContractOptions = {}): Promise<ContractReport> {
  const started = performance.now();
  const env = options.env ?? process.env;
  const target = options.target ?? targetOf(env);
  const { timeoutMs = 30_000 } = options;
  if (!(Number.isInteger(timeoutMs) && timeoutMs > 0 && timeoutMs < 2 ** 31)) throw new ContractSettingsError(`timeoutMs must be a positive whole number of milliseconds, not ${timeoutMs}`);
  const report = (baseUrl: string, results: CaseResult[]): ContractReport => ({ target, baseUrl, results, durationMs: Math.round(performance.now() - started) });
  if (target == "live") {
    const settings = liveSettings(env, options.baseUrl);
    // The base URL is shown in reports; a token pasted into it must not be.
    const baseUrl = redactor(settings.credentials.authId, settings.credentials.authToken)(settings.baseUrl);
    return report(baseUrl, await runCases(contractCases(settings.values), { ...settings, timeoutMs }));
  }
  const run = async (baseUrl: string) => {
    const settings: RunSettings = { baseUrl, credentials: MOCK_CREDENTIALS, values: mockValues(), timeoutMs };
    return report(baseUrl, await runCases(contractCases(settings.values), settings));
  };
  if (options.baseUrl !== undefined) return run(checkedBaseUrl(options.baseUrl, "--base-url"));
  // Imported only here, so that a live-only run does not need Prism installed.
  const { startMock } = await import("../mock/index.js");
  const mock = await startMock();
  try {
    return await run(mock.baseUrl);
  } finally {
    await mock.stop();
  }
}

export { contractCases, acts, PLACE_CALLS_VARIABLE, type Auth, type ContractCase, type Kind, type Target, type TargetValues } from "./cases.js";
export type { Violation } from "./check.js";
export { count, describeViolation, junitXml, summary, unreachable, type ContractReport } from "./report.js";
export type { CaseResult, Credentials } from "./runner.js";
export { ContractSettingsError, LIVE_VARIABLES, TARGET_VARIABLE, liveSettings, liveSkipReason, mockValues, parseTarget, type Environment } from "./settings.js";
