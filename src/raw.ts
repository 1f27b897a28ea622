// For power users: the plain openapi-fetch client of the spec, with the same credentials, base URL
// checks and retry rule as createPhloClient. A separate function, so that apps which only call
// warmTransfer do not bundle it.
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../generated/schema.js";
import { resolveConfig, type SharedOptions } from "./config.js";

export type PhloRawClient = Client<paths, "application/json">;

/**
 * An openapi-fetch client for every operation of the spec. It returns `{ data, error, response }`
 * as openapi-fetch does, and validates nothing: prefer createPhloClient's methods where they exist.
 */
export function createPhloRawClient(options: SharedOptions = {}): PhloRawClient {
  const { baseUrl, headers, fetch } = resolveConfig(options);
  // A redirect is reported, not followed: a call-placing POST goes only where the caller said.
  return createClient<paths, "application/json">({ baseUrl, headers, fetch, redirect: "manual" });
}
