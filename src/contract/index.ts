// The contract suite as a library (`plivo-phlo-openapi/contract`): one suite, two targets. `mock`
// starts the Prism mock on a free port and stops it; `live` reads the PHLO_* / PLIVO_* variables and
// stays safe unless PHLO_LIVE_PLACE_CALLS=1.
import { contractCases, type Target } from "./cases.js";
import type { ContractReport } from "./report.js";
import { redactor } from "../redact.js";
import { runCases, type RunSettings } from "./runner.js";
import { MOCK_CREDENTIALS, liveSettings, mockValues, targetOf, type Environment } from "./settings.js";

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
  const env = options.env ?? process.env;
  const target = options.target ?? targetOf(env);
  const timeout = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
  if (target == "live") {
    const settings = liveSettings(env, options.baseUrl);
    // The base URL is shown in reports; a token pasted into it must not be.
    const baseUrl = redactor(settings.credentials.authId, settings.credentials.authToken)(settings.baseUrl);
    return { target, baseUrl, results: await runCases(contractCases(settings.values), { ...settings, ...timeout }) };
  }
  const run = async (baseUrl: string) => {
    const settings: RunSettings = { baseUrl, credentials: MOCK_CREDENTIALS, values: mockValues(), ...timeout };
    return { target, baseUrl, results: await runCases(contractCases(settings.values), settings) };
  };
  if (options.baseUrl) return run(options.baseUrl);
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
export { count, describeViolation, junitXml, summary, type ContractReport } from "./report.js";
export type { CaseResult, Credentials } from "./runner.js";
export { ContractSettingsError, LIVE_VARIABLES, liveSettings, liveSkipReason, mockValues, type Environment } from "./settings.js";
