// createPhloClient: a small, typed client for the multiparty-call actions.
// A warm transfer dials a real person, so the rules are: validate everything before sending, never
// resend a request that may have reached Plivo, and never let a credential into an error.
//
// The methods build their request with openapi-fetch's own path serializer and the spec's types, and
// send it with a single fetch: openapi-fetch's generic request pipeline (a Request object, header
// merging, middleware) would double the client's size and cost a third more time per call
// (bench/). Its full client, with the same rules, is createPhloRawClient.
import { defaultPathSerializer } from "openapi-fetch";
import type { components, paths } from "../generated/schema.js";
import { inputSchemas } from "../generated/contract.js";
import { resolveConfig, type SharedOptions } from "./config.js";
import {
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
import { isProvablyUndelivered } from "./retry.js";
import { assertValid } from "./validation.js";

type Schemas = components["schemas"];

export interface PhloClientOptions extends SharedOptions {
  /** Default longest wait for each call, retries included (each call starts its own timer). Default 30 s. */
  timeoutMs?: number | undefined;
}

/** What a warm transfer, a cold transfer or a call needs. */
export interface MultiPartyCallInput {
  phloId: Schemas["ResourceId"];
  /** The Multi-Party Call node of the PHLO. */
  nodeId: Schemas["ResourceId"];
  /** U1: the member who starts the action, usually the agent. */
  triggerSource: Schemas["MultiPartyCallUpdate"]["trigger_source"];
  /** U3: the number or SIP endpoint to bring in. */
  to: Schemas["MultiPartyCallUpdate"]["to"];
  /** The role of `to` on the call. Default `agent`, as in the official SDKs. */
  role?: Schemas["Role"];
}

export interface CallOptions {
  /** Longest wait for this call, retries included. Default: the client's `timeoutMs`. */
  timeoutMs?: number | undefined;
  /** Cancels the call; the promise then rejects with the signal's reason, as `fetch` does. */
  signal?: AbortSignal | undefined;
}

/** Plivo's acknowledgement: the action has started. */
export interface MultiPartyCallResult {
  /** Plivo's id for this request, to quote to Plivo support. */
  apiId: Schemas["MultiPartyCallUpdateResponse"]["api_id"];
  error: Schemas["MultiPartyCallUpdateResponse"]["error"];
}

export interface PhloClient {
  /** U1 brings in U3 (`to`), speaks with U3 privately, then the caller U2 joins U3. */
  warmTransfer(input: MultiPartyCallInput, options?: CallOptions): Promise<MultiPartyCallResult>;
  /** The caller U2 is handed to U3 (`to`) at once. */
  coldTransfer(input: MultiPartyCallInput, options?: CallOptions): Promise<MultiPartyCallResult>;
  /** `to` is dialled and added to the multiparty call. */
  call(input: MultiPartyCallInput, options?: CallOptions): Promise<MultiPartyCallResult>;
}

const MULTI_PARTY_CALL_PATH = "/phlo/{phlo_id}/multi_party_call/{node_id}" satisfies keyof paths;
type MultiPartyCallOperation = paths[typeof MULTI_PARTY_CALL_PATH]["post"];

const API_ERRORS: Record<number, typeof PhloApiError> = {
  400: PhloBadRequestError,
  401: PhloAuthenticationError,
  403: PhloPermissionError,
  404: PhloNotFoundError,
  429: PhloRateLimitError,
};

/** Each action by the name of its method, for messages. */
const OPERATION_NAMES = { warm_transfer: "warmTransfer", cold_transfer: "coldTransfer", call: "call" } as const;

const MAY_HAVE_STARTED = " The action may have started; it was not resent.";

function checkTimeout(timeoutMs: number): number {
  if (timeoutMs > 0 && timeoutMs < 2 ** 31) return timeoutMs;
  throw new PhloValidationError("timeoutMs must be a positive number of milliseconds.", { field: "timeoutMs", rule: "range" });
}

/** The error for any answer but the documented success, with Plivo's `api_id` and `error` when the body has them. */
function apiError(text: string, response: Response, request: RequestSummary, redact: (text: string) => string): PhloApiError {
  let body: { api_id?: unknown; error?: unknown } = {};
  try {
    body = JSON.parse(text) ?? {};
  } catch {
    // Not JSON: the message shows the text instead.
  }
  const { status } = response;
  const apiId = typeof body.api_id == "string" ? body.api_id : undefined;
  const plivoError = typeof body.error == "string" && body.error ? redact(body.error) : undefined;
  const detail = plivoError ?? (text ? `not the documented body: ${redact(text.slice(0, 200))}` : "an empty body");
  const ErrorClass = API_ERRORS[status] ?? (status > 499 ? PhloServerError : PhloApiError);
  return new ErrorClass(
    `${request.method} ${request.url} answered ${status}: ${detail}${apiId ? ` (api_id ${apiId})` : ""}.${status > 399 && status < 500 ? "" : MAY_HAVE_STARTED}`,
    { status, apiId, plivoError, request, response },
  );
}

/** Every message of a failure's `cause` chain: `fetch failed: connect ECONNREFUSED 127.0.0.1:9`. */
function describe(error: unknown): string {
  const { message, cause } = (error ?? {}) as { message?: unknown; cause?: unknown };
  return String(message ?? error) + (cause ? `: ${describe(cause)}` : "");
}

/**
 * A client for Plivo's PHLO multiparty-call API.
 *
 * @example
 * const phlo = createPhloClient(); // PLIVO_AUTH_ID / PLIVO_AUTH_TOKEN from the environment
 * const { apiId } = await phlo.warmTransfer({ phloId, nodeId, triggerSource: "12025550000", to: "12025551111" });
 */
export function createPhloClient(options: PhloClientOptions = {}): PhloClient {
  const { baseUrl, headers, fetch, redact } = resolveConfig(options);
  const defaultTimeoutMs = checkTimeout(options.timeoutMs ?? 30_000);
  const requestHeaders = { ...headers, "Content-Type": "application/json" };

  async function update(
    action: Schemas["MultiPartyCallAction"],
    { phloId, nodeId, triggerSource, to, role = "agent" }: MultiPartyCallInput,
    { timeoutMs = defaultTimeoutMs, signal: callerSignal }: CallOptions = {},
  ): Promise<MultiPartyCallResult> {
    const operation = OPERATION_NAMES[action];
    assertValid(operation, inputSchemas.ResourceId, phloId, "phlo_id", redact);
    assertValid(operation, inputSchemas.ResourceId, nodeId, "node_id", redact);
    // Key order as on Plivo's page; the server does not care, people reading a capture do.
    const body: MultiPartyCallOperation["requestBody"]["content"]["application/json"] = { action, trigger_source: triggerSource, role, to };
    assertValid(operation, inputSchemas.MultiPartyCallUpdate, body, "", redact);
    const path: MultiPartyCallOperation["parameters"]["path"] = { phlo_id: phloId, node_id: nodeId };
    const request: RequestSummary = { method: "POST", url: defaultPathSerializer(baseUrl + MULTI_PARTY_CALL_PATH, path) };
    // One timer per call (openapi-fetch #2567), covering retries and the reading of the body. A plain
    // timer and controller: AbortSignal.timeout costs more per call than the rest of the client.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => ((timedOut = true), controller.abort()), checkTimeout(timeoutMs));
    try {
      const response = await fetch(request.url, {
        method: "POST",
        headers: requestHeaders,
        body: JSON.stringify(body),
        signal: callerSignal ? AbortSignal.any([callerSignal, controller.signal]) : controller.signal,
        // A redirect is reported, not followed: a call-placing POST goes only where the caller said.
        redirect: "manual",
      });
      const text = await response.text();
      if (response.ok) {
        try {
          const { api_id: apiId, error } = JSON.parse(text) as Partial<MultiPartyCallResult & { api_id: string }>;
          if (typeof apiId == "string" && error === "") return { apiId, error };
        } catch {
          // Not the documented body: reported below.
        }
      }
      throw apiError(text, response, request, redact);
    } catch (failure) {
      if (failure instanceof PhloError) throw failure;
      // The caller's own abort rejects with the caller's reason, as fetch does.
      if (callerSignal?.aborted && !timedOut) throw callerSignal.reason;
      const where = `${request.method} ${request.url}`;
      if (timedOut) {
        throw new PhloTimeoutError(`${where} got no complete answer within ${timeoutMs} ms.${MAY_HAVE_STARTED}`, { timeoutMs, request });
      }
      const undelivered = isProvablyUndelivered(failure);
      throw new PhloConnectionError(
        `${where} failed: ${redact(describe(failure))}.${undelivered ? " It never reached the server." : MAY_HAVE_STARTED}`,
        { delivered: undelivered ? false : undefined, request },
      );
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    warmTransfer: (input, callOptions) => update("warm_transfer", input, callOptions),
    coldTransfer: (input, callOptions) => update("cold_transfer", input, callOptions),
    call: (input, callOptions) => update("call", input, callOptions),
  };
}
