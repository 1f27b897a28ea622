// createPhloClient: a small, typed client for the multiparty-call actions.
// A warm transfer dials a real person, so the rules are: validate everything before sending, never
// resend a request that may have reached Plivo, and never let a credential into an error.
//
// The methods are typed by the spec and send each request with a single fetch: openapi-fetch's
// generic request pipeline (a Request object, header merging, middleware, every serialization
// style) would double the client's size and cost a third more time per call (bench/). Its full
// client, with the same rules, is createPhloRawClient.
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
import { fillPath } from "./path.js";
import type { Redact } from "./redact.js";
import { isProvablyUndelivered } from "./retry.js";
import { assertValid, callerName } from "./validation.js";

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

/** The member an action applies to. */
export interface MemberInput {
  phloId: Schemas["ResourceId"];
  nodeId: Schemas["ResourceId"];
  /** The member's phone number or SIP URI; for abortTransfer and resumeCall, U1 (the agent). */
  memberAddress: Schemas["Address"];
}

/** The multiparty call node, as Plivo describes it. */
export interface MultiPartyCallNode {
  apiId: Schemas["MultiPartyCall"]["api_id"];
  nodeId: Schemas["MultiPartyCall"]["node_id"];
  phloId: Schemas["MultiPartyCall"]["phlo_id"];
  name: Schemas["MultiPartyCall"]["name"];
  nodeType: Schemas["MultiPartyCall"]["node_type"];
  /** As Plivo writes it: `2020-08-01 09:05:11.846982+00:00`. */
  createdOn: Schemas["MultiPartyCall"]["created_on"];
}

/** What a run of a PHLO needs. The Auth ID in the path is the client's own: it is never typed twice. */
export interface RunPhloInput {
  phloId: Schemas["ResourceId"];
  /**
   * The Start node's payload: its keys (`from`, `to`, …) exactly as the Start node spells them, each
   * with a string value. Sent as written (the Node SDK renames keys to snake_case; this client does
   * not). Leave it out when the Start node defines no payload: then no body is sent.
   */
  payload?: Schemas["PhloRunPayload"] | undefined;
}

/** Plivo's answer to a run: it has started, and its calls may still be ringing. */
export interface PhloRunResult {
  /** Identifies this run: Plivo's `phlo_run_id`. */
  apiId: Schemas["PhloRun"]["api_id"];
  phloId: Schemas["PhloRun"]["phlo_id"];
  /** Free text about how the run started; do not parse it. */
  message: Schemas["PhloRun"]["message"];
}

/** A PHLO, as Plivo describes it. */
export interface PhloDetails {
  apiId: Schemas["Phlo"]["api_id"];
  phloId: Schemas["Phlo"]["phlo_id"];
  name: Schemas["Phlo"]["name"];
  /** As Plivo writes it: `2020-08-01 09:05:11.846982+00:00`. */
  createdOn: Schemas["Phlo"]["created_on"];
}

type ActionMethod<Input> = (input: Input, options?: CallOptions) => Promise<MultiPartyCallResult>;

/**
 * One method per action of the spec. The methods are made at run time from the spec's action lists
 * (generated/contract.js); test/client/client-types.test-d.ts checks that these names match them.
 */
export interface PhloClient {
  /**
   * Runs the PHLO: its Start node's flow dials the people into the multiparty call, the call a warm
   * transfer works on. It places calls, so it is never resent once it may have reached Plivo.
   */
  runPhlo(input: RunPhloInput, options?: CallOptions): Promise<PhloRunResult>;
  /** Reads the PHLO; runs nothing and changes nothing. */
  getPhlo(input: Pick<RunPhloInput, "phloId">, options?: CallOptions): Promise<PhloDetails>;
  /** U1 brings in U3 (`to`), speaks with U3 privately, then the caller U2 joins U3. */
  warmTransfer: ActionMethod<MultiPartyCallInput>;
  /** The caller U2 is handed to U3 (`to`) at once. */
  coldTransfer: ActionMethod<MultiPartyCallInput>;
  /** `to` is dialled and added to the multiparty call. */
  call: ActionMethod<MultiPartyCallInput>;
  /** Cancels a warm transfer in progress: pass U1, who started it. U3 is dropped, U1 is back with U2. */
  abortTransfer: ActionMethod<MemberInput>;
  /** After talking to U3, U1 (the member) goes back into the original call. */
  resumeCall: ActionMethod<MemberInput>;
  /** Puts the member on hold (muted, hearing hold music). */
  hold: ActionMethod<MemberInput>;
  /** Takes the member off hold. */
  unhold: ActionMethod<MemberInput>;
  /** Disconnects the member from the multiparty call. */
  hangup: ActionMethod<MemberInput>;
  /** Leaves the PHLO's prerecorded voicemail for the member. */
  voicemailDrop: ActionMethod<MemberInput>;
  /** Reads the multiparty call node; places no call and changes nothing. */
  getMultiPartyCall(input: Pick<MultiPartyCallInput, "phloId" | "nodeId">, options?: CallOptions): Promise<MultiPartyCallNode>;
}

const RUN_PATH = "/account/{auth_id}/phlo/{phlo_id}" satisfies keyof paths;
const PHLO_PATH = "/phlo/{phlo_id}" satisfies keyof paths;
const NODE_PATH = "/phlo/{phlo_id}/multi_party_call/{node_id}" satisfies keyof paths;
const MEMBER_PATH = `${NODE_PATH}/members/{member_address}` satisfies keyof paths;

const API_ERRORS: Record<number, typeof PhloApiError> = {
  400: PhloBadRequestError,
  401: PhloAuthenticationError,
  403: PhloPermissionError,
  404: PhloNotFoundError,
  429: PhloRateLimitError,
};

/** Said of a POST whose fate is unknown; a GET changes nothing, so there is nothing to say. */
const mayHaveStarted = ({ method }: RequestSummary) => (method == "POST" ? " The action may have started; it was not resent." : "");

function checkTimeout(timeoutMs: number): number {
  if (timeoutMs > 0 && timeoutMs < 2 ** 31) return timeoutMs;
  throw new PhloValidationError("timeoutMs must be a positive number of milliseconds.", { field: "timeoutMs", rule: "range" });
}

/** The error for any answer but the documented success, with Plivo's `api_id` and `error` when the body has them. */
function apiError(text: string, response: Response, request: RequestSummary, redact: Redact): PhloApiError {
  let body: { api_id?: unknown; error?: unknown } = {};
  try {
    body = JSON.parse(text) ?? {};
  } catch {
    // Not JSON: the message shows the text instead.
  }
  const { status } = response;
  const apiId = typeof body.api_id == "string" ? redact(body.api_id) : undefined;
  const plivoError = typeof body.error == "string" && body.error ? redact(body.error) : undefined;
  // Redacted before it is cut: a cut credential would no longer match.
  const detail = plivoError ?? (text ? `not the documented body: ${redact(text).slice(0, 200)}` : "an empty body");
  const ErrorClass = API_ERRORS[status] ?? (status > 499 ? PhloServerError : PhloApiError);
  // The error keeps a copy of the answer whose status text, headers and body are redacted: a server
  // may echo the Authorization header into any of them.
  const headers = new Headers();
  response.headers.forEach((value, name) => headers.append(name, redact(value)));
  const kept = new Response(redact(text) || null, { status, statusText: redact(response.statusText), headers });
  return new ErrorClass(
    `${request.method} ${request.url} answered ${status}: ${detail}${apiId ? ` (api_id ${apiId})` : ""}.${status > 399 && status < 500 ? "" : mayHaveStarted(request)}`,
    { status, apiId, plivoError, request, response: kept },
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
  const { authId, baseUrl, headers, fetch, redact } = resolveConfig(options);
  const defaultTimeoutMs = checkTimeout(options.timeoutMs ?? 30_000);
  const requestHeaders = { ...headers, "Content-Type": "application/json" };

  /** The URL of `path`, once the ids (and the member address) are checked against the spec. */
  function urlOf(operation: string, path: string, { phloId, nodeId, memberAddress }: Partial<MemberInput>): string {
    assertValid(operation, inputSchemas.ResourceId, phloId, "phlo_id", redact);
    if (path != PHLO_PATH) assertValid(operation, inputSchemas.ResourceId, nodeId, "node_id", redact);
    if (path == MEMBER_PATH) assertValid(operation, inputSchemas.Address, memberAddress, "member_address", redact);
    return fillPath(baseUrl + path, { phlo_id: phloId, node_id: nodeId, member_address: memberAddress });
  }

  /**
   * The run path: the request's URL, and the same URL as errors show it, with the Auth ID (which
   * names the account) as `[REDACTED]`. The Auth ID is checked against the spec but never echoed.
   */
  function runUrls(phloId: string): { url: string; shown: string } {
    assertValid("runPhlo", inputSchemas.AuthId, authId, "", () => "[REDACTED]");
    assertValid("runPhlo", inputSchemas.ResourceId, phloId, "phlo_id", redact);
    const url = fillPath(baseUrl + RUN_PATH, { auth_id: authId, phlo_id: phloId });
    return { url, shown: redact(url) };
  }

  /**
   * Sends one request and returns what `accept` makes of the JSON of a 2xx answer; any other answer
   * (or a 2xx that `accept` refuses) is a typed error, and nothing is ever sent twice.
   */
  async function send<Result>(
    request: RequestSummary,
    body: object | undefined,
    { timeoutMs = defaultTimeoutMs, signal: callerSignal }: CallOptions,
    accept: (json: Record<string, unknown>) => Result | undefined,
    /** Where the request goes, when `request.url` (what errors show) has a part redacted. */
    url = request.url,
  ): Promise<Result> {
    // One timer per call (openapi-fetch #2567), covering retries and the reading of the body. A plain
    // timer and controller: AbortSignal.timeout costs more per call than the rest of the client.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => ((timedOut = true), controller.abort()), checkTimeout(timeoutMs));
    try {
      const response = await fetch(url, {
        method: request.method,
        headers: body ? requestHeaders : headers,
        body: body ? JSON.stringify(body) : null,
        signal: callerSignal ? AbortSignal.any([callerSignal, controller.signal]) : controller.signal,
        // A redirect is reported, not followed: a call-placing POST goes only where the caller said.
        redirect: "manual",
      });
      const text = await response.text();
      if (response.ok) {
        try {
          const result = accept(JSON.parse(text) ?? {});
          if (result) return result;
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
        throw new PhloTimeoutError(`${where} got no complete answer within ${timeoutMs} ms.${mayHaveStarted(request)}`, { timeoutMs, request });
      }
      const undelivered = isProvablyUndelivered(failure);
      throw new PhloConnectionError(
        `${where} failed: ${redact(describe(failure))}.${undelivered ? " It never reached the server." : mayHaveStarted(request)}`,
        { delivered: undelivered ? false : undefined, request },
      );
    } finally {
      clearTimeout(timer);
    }
  }

  /** Plivo's `201 {api_id, error: ""}`. */
  const accepted = ({ api_id: apiId, error }: Record<string, unknown>): MultiPartyCallResult | undefined =>
    typeof apiId == "string" && error === "" ? { apiId, error } : undefined;

  const client: Record<string, unknown> = {
    runPhlo: async ({ phloId, payload }: RunPhloInput, callOptions: CallOptions = {}) => {
      const { url, shown } = runUrls(phloId);
      if (payload !== undefined) assertValid("runPhlo", inputSchemas.PhloRunPayload, payload, "payload", redact);
      return send({ method: "POST", url: shown }, payload, callOptions, (run) =>
        typeof run.api_id == "string" && typeof run.phlo_id == "string" && typeof run.message == "string"
          ? { apiId: run.api_id, phloId: run.phlo_id, message: run.message }
          : undefined,
      url);
    },
    getPhlo: async (input: Pick<RunPhloInput, "phloId">, callOptions: CallOptions = {}) =>
      send({ method: "GET", url: urlOf("getPhlo", PHLO_PATH, input) }, undefined, callOptions, (phlo) =>
        typeof phlo.api_id == "string" && typeof phlo.phlo_id == "string"
          ? { apiId: phlo.api_id, phloId: phlo.phlo_id, name: phlo.name, createdOn: phlo.created_on }
          : undefined,
      ),
    getMultiPartyCall: async (input: MemberInput, callOptions: CallOptions = {}) =>
      send({ method: "GET", url: urlOf("getMultiPartyCall", NODE_PATH, input) }, undefined, callOptions, (node) =>
        typeof node.api_id == "string" && typeof node.node_id == "string"
          ? { apiId: node.api_id, nodeId: node.node_id, phloId: node.phlo_id, name: node.name, nodeType: node.node_type, createdOn: node.created_on }
          : undefined,
      ),
  };
  // One method per node action of the spec: warmTransfer, coldTransfer, call.
  for (const action of inputSchemas.MultiPartyCallUpdate.properties.action.enum) {
    const operation = callerName(action);
    // async, so that a refused input is a rejected promise like every other failure.
    client[operation] = async (
      { triggerSource, to, role = "agent", ...ids }: MultiPartyCallInput,
      callOptions: CallOptions = {},
    ): Promise<MultiPartyCallResult> => {
      const url = urlOf(operation, NODE_PATH, ids);
      // Key order as on Plivo's page; the server does not care, people reading a capture do.
      const body = { action, trigger_source: triggerSource, role, to };
      assertValid(operation, inputSchemas.MultiPartyCallUpdate, body, "", redact);
      return send({ method: "POST", url }, body, callOptions, accepted);
    };
  }
  // One method per member action of the spec: abortTransfer, resumeCall, hold, unhold, hangup, voicemailDrop.
  for (const action of inputSchemas.MultiPartyCallMemberUpdate.properties.action.enum) {
    const operation = callerName(action);
    client[operation] = async (input: MemberInput, callOptions: CallOptions = {}): Promise<MultiPartyCallResult> => {
      const url = urlOf(operation, MEMBER_PATH, input);
      const body = { action };
      assertValid(operation, inputSchemas.MultiPartyCallMemberUpdate, body, "", redact);
      return send({ method: "POST", url }, body, callOptions, accepted);
    };
  }
  return client as unknown as PhloClient;
}
