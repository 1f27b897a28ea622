// What a run needs, read from the environment: the target, where it is, the credentials, the ids and
// addresses of a real PHLO for the live API, and the opt-in that lets the suite place calls.
import { defaultServerUrl } from "../../generated/contract.js";
import { PLACE_CALLS_VARIABLE, specParams, type Target, type TargetValues } from "./cases.js";
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
} as const;

/** Credentials the mock is sent: it cannot check them, and real ones have no business there. */
export const MOCK_CREDENTIALS: Credentials = { authId: "MAMOCKMOCKMOCKMOCKMO", authToken: "mock-auth-token" };

export const targetOf = (env: Environment): Target => (env.PHLO_CONTRACT_TARGET == "live" ? "live" : "mock");

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
  return {
    baseUrl: baseUrl ?? env[LIVE_VARIABLES.baseUrl] ?? defaultServerUrl,
    credentials: { authId: env[authId]!, authToken: env[authToken]! },
    values: {
      target: "live",
      params: { ...specParams(), phlo_id: env[phloId]!, node_id: env[nodeId]!, ...(env[memberAddress] ? { member_address: env[memberAddress] } : {}) },
      fields: { ...(env[to] ? { to: env[to] } : {}), ...(env[triggerSource] ? { trigger_source: env[triggerSource] } : {}) },
      placeCalls: env[PLACE_CALLS_VARIABLE] == "1",
      missingForActions: addresses.length ? `it needs ${addresses.join(", ")} (the addresses of a live call)` : undefined,
    },
  };
}

export const mockValues = (): TargetValues => ({ target: "mock", params: specParams(), fields: {}, placeCalls: false });
