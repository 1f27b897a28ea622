// What a run needs, read from the environment: the target, where it is, the credentials, the ids and
// addresses of a real PHLO for the live API, and the opt-in that lets the suite place calls.
import { defaultServerUrl } from "../../generated/contract.js";
import { checkBaseUrl } from "../config.js";
import { PLACE_CALLS_VARIABLE, RUN_PAYLOAD_VARIABLE, specParams, type Target, type TargetValues } from "./cases.js";
import type { Credentials } from "./runner.js";

export type Environment = Record<string, string | undefined>;

/** The variables the live target reads. */
export const LIVE_VARIABLES = {
  baseUrl: "PHLO_BASE_URL",
  authId: "PLIVO_AUTH_ID",
  authToken: "PLIVO_AUTH_TOKEN",
  phloId: "PHLO_ID",
  nodeId: "NODE_ID",
  triggerSource: "PHLO_TRIGGER_SOURCE",
  to: "PHLO_TO",
  memberAddress: "PHLO_MEMBER_ADDRESS",
  runPayload: RUN_PAYLOAD_VARIABLE,
} as const;

/** Credentials the mock is sent: it cannot check them, and real ones have no business there. */
export const MOCK_CREDENTIALS: Credentials = { authId: "MAMOCKMOCKMOCKMOCKMO", authToken: "mock-auth-token" };

export const TARGET_VARIABLE = "PHLO_CONTRACT_TARGET";

/** `mock` or `live`, in any case; anything else is a settings error naming `source`, never a silent mock run. */
export function parseTarget(value: string, source: string): Target {
  const target = value.toLowerCase();
  if (target == "mock" || target == "live") return target;
  throw new ContractSettingsError(`${source} must be mock or live, not ${JSON.stringify(value.slice(0, 40))}`);
}

/** The target `PHLO_CONTRACT_TARGET` names; unset or empty, `mock`. */
export const targetOf = (env: Environment): Target => (env[TARGET_VARIABLE] ? parseTarget(env[TARGET_VARIABLE], TARGET_VARIABLE) : "mock");

/**
 * The base URL once it is one the client may send credentials to (src/config.ts's rule); a settings
 * error naming where it came from otherwise. The value itself is not shown: it might hold a secret.
 */
export function checkedBaseUrl(value: string, source: string): string {
  if (!value) throw new ContractSettingsError(`${source} is empty: set it to the API's base URL, such as ${defaultServerUrl}, or unset it`);
  try {
    return checkBaseUrl(value);
  } catch {
    throw new ContractSettingsError(`${source} is not a usable base URL: it must be an absolute https URL (http only for localhost or 127.x.x.x), such as ${defaultServerUrl}, without credentials, query or fragment`);
  }
}

/** Why the live target cannot run with this environment, or undefined when it can. */
export function liveSkipReason(env: Environment): string | undefined {
  const required = [LIVE_VARIABLES.authId, LIVE_VARIABLES.authToken, LIVE_VARIABLES.phloId, LIVE_VARIABLES.nodeId];
  const missing = required.filter((name) => !env[name]);
  return missing.length ? `live target needs ${missing.join(", ")} (not set)` : undefined;
}

/** The environment cannot run the requested target; the message names variables, never values. */
export class ContractSettingsError extends Error {
  override name = "ContractSettingsError";
}

export interface LiveSettings {
  baseUrl: string;
  credentials: Credentials;
  values: TargetValues;
}

/** The live target's settings; throws with liveSkipReason when the environment lacks them. */
export function liveSettings(env: Environment, baseUrl?: string): LiveSettings {
  const reason = liveSkipReason(env);
  if (reason) throw new ContractSettingsError(reason);
  const { authId, authToken, phloId, nodeId, triggerSource, to, memberAddress } = LIVE_VARIABLES;
  const addresses = [triggerSource, to, memberAddress].filter((name) => !env[name]);
  const payload = runPayload(env[RUN_PAYLOAD_VARIABLE]);
  return {
    baseUrl:
      baseUrl !== undefined
        ? checkedBaseUrl(baseUrl, "--base-url")
        : env[LIVE_VARIABLES.baseUrl] !== undefined
          ? checkedBaseUrl(env[LIVE_VARIABLES.baseUrl]!, LIVE_VARIABLES.baseUrl)
          : defaultServerUrl,
    credentials: { authId: env[authId]!, authToken: env[authToken]! },
    values: {
      target: "live",
      params: { ...specParams(), auth_id: env[authId]!, phlo_id: env[phloId]!, node_id: env[nodeId]!, ...(env[memberAddress] ? { member_address: env[memberAddress] } : {}) },
      fields: { ...(env[to] ? { to: env[to] } : {}), ...(env[triggerSource] ? { trigger_source: env[triggerSource] } : {}) },
      placeCalls: env[PLACE_CALLS_VARIABLE] == "1",
      missingForActions: addresses.length ? `it needs ${addresses.join(", ")} (the addresses of a live call)` : undefined,
      ...(payload ? { payload } : {}),
    },
  };
}

/** PHLO_RUN_PAYLOAD: a JSON object of strings; anything else is a settings error that names the variable. */
function runPayload(text: string | undefined): Record<string, string> | undefined {
  if (text === undefined || text === "") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Reported below.
  }
  if (!value || typeof value != "object" || Array.isArray(value) || Object.values(value).some((item) => typeof item != "string")) {
    throw new ContractSettingsError(`${RUN_PAYLOAD_VARIABLE} must be a JSON object of strings, e.g. {"from":"+14155550100","to":"+14155550111"}`);
  }
  return value as Record<string, string>;
}

/** The mock's values: the spec's examples, and the mock credentials' Auth ID, as the client fills it in. */
export const mockValues = (): TargetValues => ({ target: "mock", params: { ...specParams(), auth_id: MOCK_CREDENTIALS.authId }, fields: {}, placeCalls: false });
