// plivo-phlo-openapi: a typed client for Plivo's PHLO multiparty-call API, generated from its OpenAPI spec.
export { createPhloClient } from "./client.js";
export type {
  CallOptions,
  MemberInput,
  MultiPartyCallInput,
  MultiPartyCallNode,
  MultiPartyCallResult,
  PhloClient,
  PhloClientOptions,
  PhloDetails,
  PhloRunResult,
  RunPhloInput,
} from "./client.js";
export { createPhloRawClient, type PhloRawClient } from "./raw.js";
export type { SharedOptions } from "./config.js";
export type { Fetch, RetryOptions } from "./retry.js";
export {
  PhloApiError,
  PhloAuthenticationError,
  PhloBadRequestError,
  PhloConnectionError,
  PhloError,
  PhloNotFoundError,
  PhloPermissionError,
  PhloRateLimitError,
  PhloServerError,
  PhloTimeoutError,
  PhloValidationError,
  type RequestSummary,
} from "./errors.js";
export type { components, operations, paths } from "../generated/schema.js";
