// startMock: Plivo's PHLO multiparty-call API as Prism mocks it from the bundled spec, served from
// this process on a free port, with a thin layer that makes it answer the way Plivo does.
//
// Prism runs in-process (its HTTP engine, not its CLI): it starts in a fraction of the CLI's time,
// and a test that fails or is interrupted cannot leave a mock process behind. The layer adds only
// what Prism does not do:
// - the spec's server path (`/v1`) in front of every path, as the clients send it;
// - what the official SDKs send and Plivo takes: a trailing slash (Python, Ruby, .NET), fields in the
//   query string (.NET, which sends member actions only there);
// - Plivo's words for a bad request, `{api_id, error: "to is a mandatory param."}`, instead of the
//   spec's first 400 example (Prism reports the violations only in its `sl-violations` header);
// - 401 for an Authorization header that is not Basic with an id and a token (Prism checks only
//   that one is there), and 404 for ids that cannot exist.
// Everything else, including `Prefer: code=…, example=…`, is Prism's.
//
// Beside the API, always: a journal of what the mock received (`requests()`, `GET /__mock/requests`,
// cleared by `reset()` or `POST /__mock/reset`). Opt-in: a stateful model of each node's call
// (src/mock/model.ts) that refuses what cannot apply, and ids from a seed.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { idSource } from "./ids.js";
import { Journal, type JournalEntry } from "./journal.js";
import { listen } from "./listen.js";
import { CallModel } from "./model.js";
import {
  createInstance,
  createLogger,
  jsonOrText,
  loadOperations,
  operationPath,
  ProblemJsonError,
  readBody,
  type IHttpConfig,
  type IHttpRequest,
  type IPrismDiagnostic,
} from "./prism.js";
import { inputSchemas } from "../../generated/contract.js";

export { JOURNAL_LIMIT, type JournalEntry } from "./journal.js";
export { MODEL_LIMITS } from "./model.js";

// The validation proxy ships beside the mock: the same engine and the same optional peers.
export { startProxy, type ProxyOptions, type ProxyViolation, type RunningProxy } from "./proxy.js";

export interface MockOptions {
  /** Default 0: a free port. A port that fetch refuses to connect to (6000, say: the Fetch standard's "bad ports") is refused with a RangeError. */
  port?: number | undefined;
  /** Default `127.0.0.1`. */
  host?: string | undefined;
  /**
   * Model each node's call from the requests (a run starts it, actions change its members) and refuse,
   * in Plivo's error style, what cannot apply (resume_call with no transfer in progress, …). The rules:
   * src/mock/model.ts and the README. Default false: every valid request gets its documented example.
   */
  stateful?: boolean | undefined;
  /** Hand out api_ids and run ids from this seed: the same sequence on every run. Default: random. */
  seed?: number | string | undefined;
}

export interface RunningMock {
  /** `http://127.0.0.1:PORT/v1`: give it to createPhloClient's `baseUrl` or the official SDKs' `url`. */
  baseUrl: string;
  port: number;
  /** Every request the mock answered, in arrival order (at most JOURNAL_LIMIT, oldest dropped); never a credential. */
  requests(): JournalEntry[];
  /** Empties the journal and the stateful model, and restarts the seed's ids. */
  reset(): void;
  /** Stops the server and closes every connection. */
  stop(): Promise<void>;
}

/** The journal and the reset, over HTTP, outside the API's server path. */
const CONTROL = { requests: "/__mock/requests", reset: "/__mock/reset" };

/** What Prism puts in a problem's `additional`. */
interface ProblemDetails {
  headers?: Record<string, string>;
  validation?: { location: string[]; code: string; message: string }[];
}

/** Fields the request bodies know: the only query parameters copied into a body (.NET). */
const bodyFields = new Set(
  [inputSchemas.MultiPartyCallUpdate, inputSchemas.MultiPartyCallMemberUpdate].flatMap((schema) => Object.keys(schema.properties)),
);

const mockConfig = (mock: IHttpConfig["mock"], checks = true): IHttpConfig => ({
  mock,
  checkSecurity: checks,
  validateRequest: checks,
  validateResponse: false,
  errors: false,
  upstreamProxy: undefined,
  isProxy: false,
});

/** Prism's own `Prefer: code=401, example=name, dynamic=true`, read as Prism reads it. */
function preferences(header: string | undefined): IHttpConfig["mock"] {
  const prefer: IHttpConfig["mock"] = { dynamic: false };
  for (const part of (header ?? "").split(",")) {
    const [key, value] = part.split("=").map((text) => text.trim());
    if (key === "code" && value) prefer.code = Number(value);
    else if (key === "example" && value) prefer.exampleKey = value;
    else if (key === "dynamic") prefer.dynamic = value === "true";
  }
  return prefer;
}

/** True for `Basic base64(id:token)` with both parts present: what Plivo can authenticate. */
function isBasicCredential(header: string | undefined): boolean {
  const [scheme, encoded = "", extra] = (header ?? "").split(" ");
  if (scheme?.toLowerCase() !== "basic" || extra !== undefined || !/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return false;
  const [id, ...token] = Buffer.from(encoded, "base64").toString("utf8").split(":");
  return !!id && token.join(":").length > 0;
}

/** Plivo's text for the first violation of the body: its templates name the parameter. */
function plivoText({ path, message, code }: IPrismDiagnostic): string {
  const missing = /required property '([^']+)'/.exec(message)?.[1] ?? (code === "required" && path && path.length > 1 ? String(path.at(-1)) : undefined);
  if (missing) return `${missing} is a mandatory param.`;
  const extra = /additional propert(?:y|ies).*'([^']+)'/.exec(message)?.[1];
  const field = extra ?? (path && path.length > 1 ? String(path.at(-1)) : undefined);
  return field ? `Invalid value provided for ${field}.` : "Invalid request body: it must be a JSON object.";
}

/** A path that is no operation of the spec, answered in the spec's error shape. */
const notFound = (path: string, apiId: string) => ({
  statusCode: 404,
  headers: {},
  body: { api_id: apiId, error: `Not found: ${path} is not a path of the PHLO API.` },
});

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** The body as Prism reads it, with .NET's query fields filled in (it sends member actions only there). */
function parseBody(text: string, contentType: string | undefined, query: URLSearchParams): unknown {
  const body = jsonOrText(text || (query.size ? "{}" : ""), contentType);
  if (body && typeof body == "object" && !Array.isArray(body)) {
    for (const [name, value] of query) if (bodyFields.has(name) && !(name in body)) (body as Record<string, unknown>)[name] = value;
  }
  return body;
}

function send(response: ServerResponse, status: number, headers: Record<string, string>, body: unknown) {
  const text = body === undefined ? "" : typeof body == "string" ? body : JSON.stringify(body);
  const named = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  response.writeHead(status, { "content-type": "application/json", ...named, "content-length": Buffer.byteLength(text) }).end(text);
}

/** Starts the mock and resolves once it has answered a request. */
export async function startMock({ port = 0, host = "127.0.0.1", stateful = false, seed }: MockOptions = {}): Promise<RunningMock> {
  const { basePath, operations } = await loadOperations();
  const journal = new Journal();
  const model = stateful ? new CallModel(basePath) : undefined;
  let newId = idSource(seed);
  const reset = () => {
    journal.clear();
    model?.clear();
    newId = idSource(seed);
  };
  const prism = createInstance(mockConfig({ dynamic: false }), { logger: createLogger("mock", { enabled: false }) });

  /**
   * Prism's answer to `input`: a documented response, or its problem+json for what the spec does not
   * cover (a wrong method; an invalid request to an operation that documents no 400, whose
   * violations then travel in the problem instead).
   */
  async function askPrism(input: IHttpRequest, config: IHttpConfig) {
    const result = await prism.request(input, operations, config)();
    if (result._tag === "Right") return result.right;
    const problem = result.left as InstanceType<typeof ProblemJsonError> & { additional?: ProblemDetails };
    // No operation at that path: the documented 404 shape, as for a path outside the server path.
    if (problem.status === 404) return { output: notFound(`${basePath}${input.url.path}`, newId()), validations: { input: [], output: [] } };
    const violations = (problem.additional?.validation ?? []).map(({ location, code, message }) => ({ path: location, code, message, severity: 0 }));
    return {
      output: {
        statusCode: problem.status || 500,
        headers: { ...problem.additional?.headers, "content-type": "application/problem+json" },
        body: ProblemJsonError.toProblemJson(problem),
      },
      validations: { input: violations as IPrismDiagnostic[], output: [] },
    };
  }

  /** The answer to one API request, and the body as the journal keeps it. */
  async function respond(request: IncomingMessage, url: URL, text: string): Promise<Answer & { received: unknown }> {
    const path = operationPath(url.pathname, basePath);
    if (path === undefined) {
      const { statusCode, body } = notFound(url.pathname, newId());
      return { status: statusCode, headers: {}, body, received: text };
    }
    const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
    const input: IHttpRequest = {
      method: (request.method ?? "GET").toLowerCase() as IHttpRequest["method"],
      url: { path, query: Object.fromEntries(url.searchParams) },
      headers,
      body: parseBody(text, headers["content-type"], url.searchParams),
    };
    const answer = (status: number, answerHeaders: Record<string, string> | undefined, body: unknown) => ({ status, headers: answerHeaders ?? {}, body, received: text ? jsonOrText(text, headers["content-type"]) : undefined });
    const prefer = preferences(headers.prefer);
    // Asked for a status: Prism answers it, whatever the request (how tests reach every documented
    // status). The stateful model neither judges nor records it.
    if (prefer.code !== undefined) {
      const { output } = await askPrism(input, mockConfig(prefer, false));
      return answer(output.statusCode, output.headers, output.body);
    }
    const documented = (code: number) => askPrism(input, mockConfig({ dynamic: false, code }, false));
    if (!isBasicCredential(headers.authorization)) {
      const { output } = await documented(401);
      return answer(output.statusCode, output.headers, output.body);
    }
    // JSON `null` is a body, and no object: Prism would take it for none, which a PHLO run (whose body
    // is optional) accepts. Every POST of the spec takes an object.
    if (input.body === null && input.method === "post") {
      return answer(400, {}, { api_id: newId(), error: "Invalid request body: it must be a JSON object." });
    }
    const result = await askPrism(input, mockConfig({ dynamic: false }));
    const [violation] = result.validations.input.filter(({ severity }) => severity === 0);
    if (violation && result.output.statusCode < 500) {
      const where = violation.path?.[0];
      // An id that breaks the id format names nothing that exists.
      if (where === "path" && violation.path?.[1] !== "member_address") {
        const { output } = await documented(404);
        return answer(output.statusCode, output.headers, output.body);
      }
      if (result.output.statusCode === 400) return answer(400, {}, { api_id: newId(), error: plivoText(violation) });
    }
    const { statusCode, headers: answerHeaders, body } = result.output;
    if (!model || statusCode >= 300) return answer(statusCode, answerHeaders, body);
    // Stateful: the model decides whether the valid request can apply; an accepted one gets fresh ids.
    const refusal = model.apply(input.method.toUpperCase(), path, input.body);
    if (refusal) return answer(refusal.status, {}, { api_id: newId(), error: refusal.error });
    const fresh: Record<string, unknown> = { ...(body as Record<string, unknown>), api_id: newId() };
    if ("message" in fresh) {
      const phloId = decodeURIComponent(path.split("/")[4] ?? "");
      Object.assign(fresh, { phlo_id: phloId, message: `Stateful mock: run ${fresh.api_id} of PHLO ${phloId} started; its call is live.` });
    }
    return answer(statusCode, answerHeaders, fresh);
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? "/", "http://mock");
    if (url.pathname === CONTROL.requests && request.method === "GET") return send(response, 200, {}, journal.requests());
    if (url.pathname === CONTROL.reset && request.method === "POST") {
      reset();
      return send(response, 204, {}, undefined);
    }
    const pending = journal.arrive(request.method ?? "GET", url);
    const text = await readBody(request);
    const { status, headers, body, received } = await respond(request, url, text);
    journal.answered(pending, received, status, request.headers.authorization);
    send(response, status, headers, body);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, {}, { api_id: newId(), error: `Mock failure: ${String(error)}` });
      else response.destroy();
    });
  });
  const { origin, port: listeningPort, close: stop } = await listen(server, port, host);

  // Readiness probe: the mock is ready when it has answered one documented request end to end.
  const probe = await fetch(`${origin}${basePath}/phlo/ready/multi_party_call/ready`, {
    headers: { authorization: `Basic ${btoa("probe:probe")}` },
  }).catch((error: unknown) => error as Error);
  if (!(probe instanceof Response) || probe.status !== 200) {
    await stop();
    throw new Error(`The mock did not answer its readiness probe: ${probe instanceof Response ? `status ${probe.status}` : probe.message}`);
  }
  await probe.body?.cancel();
  // The probe is the mock's own request, not the app's: the journal starts empty.
  reset();
  return { baseUrl: `${origin}${basePath}`, port: listeningPort, requests: () => journal.requests(), reset, stop };
}
