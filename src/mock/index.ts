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
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { listen } from "./listen.js";
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

// The validation proxy ships beside the mock: the same engine and the same optional peers.
export { startProxy, type ProxyOptions, type ProxyViolation, type RunningProxy } from "./proxy.js";

export interface MockOptions {
  /** Default 0: a free port. */
  port?: number | undefined;
  /** Default `127.0.0.1`. */
  host?: string | undefined;
}

export interface RunningMock {
  /** `http://127.0.0.1:PORT/v1`: give it to createPhloClient's `baseUrl` or the official SDKs' `url`. */
  baseUrl: string;
  port: number;
  /** Stops the server and closes every connection. */
  stop(): Promise<void>;
}

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
const notFound = (path: string) => ({
  statusCode: 404,
  headers: {},
  body: { api_id: randomUUID(), error: `Not found: ${path} is not a path of the PHLO API.` },
});

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
export async function startMock({ port = 0, host = "127.0.0.1" }: MockOptions = {}): Promise<RunningMock> {
  const { basePath, operations } = await loadOperations();
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
    if (problem.status === 404) return { output: notFound(`${basePath}${input.url.path}`), validations: { input: [], output: [] } };
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

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? "/", "http://mock");
    const text = await readBody(request);
    const path = operationPath(url.pathname, basePath);
    if (path === undefined) {
      const { statusCode, body } = notFound(url.pathname);
      return send(response, statusCode, {}, body);
    }
    const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
    const input: IHttpRequest = {
      method: (request.method ?? "GET").toLowerCase() as IHttpRequest["method"],
      url: { path, query: Object.fromEntries(url.searchParams) },
      headers,
      body: parseBody(text, headers["content-type"], url.searchParams),
    };
    const prefer = preferences(headers.prefer);
    // Asked for a status: Prism answers it, whatever the request (how tests reach every documented status).
    if (prefer.code !== undefined) {
      const { output } = await askPrism(input, mockConfig(prefer, false));
      return send(response, output.statusCode, output.headers ?? {}, output.body);
    }
    const documented = (code: number) => askPrism(input, mockConfig({ dynamic: false, code }, false));
    if (!isBasicCredential(headers.authorization)) {
      const { output } = await documented(401);
      return send(response, output.statusCode, output.headers ?? {}, output.body);
    }
    // JSON `null` is a body, and no object: Prism would take it for none, which a PHLO run (whose body
    // is optional) accepts. Every POST of the spec takes an object.
    if (input.body === null && input.method === "post") {
      return send(response, 400, {}, { api_id: randomUUID(), error: "Invalid request body: it must be a JSON object." });
    }
    const answer = await askPrism(input, mockConfig({ dynamic: false }));
    const [violation] = answer.validations.input.filter(({ severity }) => severity === 0);
    if (violation && answer.output.statusCode < 500) {
      const where = violation.path?.[0];
      // An id that breaks the id format names nothing that exists.
      if (where === "path" && violation.path?.[1] !== "member_address") {
        const { output } = await documented(404);
        return send(response, output.statusCode, output.headers ?? {}, output.body);
      }
      if (answer.output.statusCode === 400) {
        return send(response, 400, {}, { api_id: randomUUID(), error: plivoText(violation) });
      }
    }
    send(response, answer.output.statusCode, answer.output.headers ?? {}, answer.output.body);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, {}, { api_id: randomUUID(), error: `Mock failure: ${String(error)}` });
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
  return { baseUrl: `${origin}${basePath}`, port: listeningPort, stop };
}
