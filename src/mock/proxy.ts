// startProxy: a validation proxy between an app and Plivo (or any server that claims to be Plivo).
// Prism runs in proxy mode in this process: each request is matched against the bundled spec,
// checked, forwarded to `upstream`, and the answer is checked against the spec before it goes back
// to the app. Every contract violation is reported twice: in Prism's `sl-violations` header on the
// answer (a JSON array, as Prism's own server sends it) and as one line per violation to
// `onViolation` (default: console.error), naming the method, the path, where and what.
//
// What it does with a violation (Prism's `--errors` semantics, chosen field by field):
// - a request that breaks the contract (invalid body, bad id, no credentials, an undocumented path or
//   method) is NOT forwarded: the app gets Prism's problem+json (422, 401, 404, 405). Plivo fills in
//   some invalid bodies (a missing `role` means `agent`), so forwarding one could dial a real call;
//   a status Plivo never sends also cannot be mistaken for Plivo's own refusal.
// - an answer that breaks the contract is passed to the app unchanged (status, headers, body), with
//   the header added. Prism's server would replace it with a 500, which hides the very answer the
//   user is routing the app through the proxy to see.
// The credentials are forwarded as they came and appear nowhere else: Prism's own logger, which
// prints request headers, is off, and every line and header the proxy writes itself is redacted of
// the request's Basic credentials in all their forms (src/redact.ts), even when upstream echoes them.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { redactorOfAuthorization, type Redact } from "../redact.js";
import { listen } from "./listen.js";
import { createInstance, createLogger, jsonOrText, loadOperations, operationPath, ProblemJsonError, readBody, type IHttpConfig, type IHttpRequest } from "./prism.js";

export interface ProxyOptions {
  /** Where requests go, server path included: `https://phlorunner.plivo.com/v1`. */
  upstream: string | URL;
  /** Default 0: a free port. A port that fetch refuses to connect to (6000, say: the Fetch standard's "bad ports") is refused with a RangeError. */
  port?: number | undefined;
  /** Default `127.0.0.1`. */
  host?: string | undefined;
  /** Called once per violation with a printable line. Default: console.error. */
  onViolation?: ((line: string, violation: ProxyViolation) => void) | undefined;
}

export interface ProxyViolation {
  method: string;
  /** The path the app asked for, server path included. */
  path: string;
  /** Where, as Prism names it: `["request", "body", "role"]`, `["response", "body"]`. */
  location: string[];
  /** `Error`, `Warning`, `Information` or `Hint`, as in `sl-violations`. */
  severity: string;
  code?: string | number | undefined;
  message: string;
}

export interface RunningProxy {
  /** `http://127.0.0.1:PORT/v1`: give it to the app instead of Plivo's URL. */
  baseUrl: string;
  port: number;
  /** Every violation reported so far, oldest first. */
  violations: ProxyViolation[];
  /** Stops the server and closes every connection. */
  stop(): Promise<void>;
}

/** One of Prism's diagnostics, in a problem's `additional.validation` or in `validations`. */
interface Diagnostic {
  path?: string[];
  location?: string[];
  severity: number | string;
  code?: string | number | undefined;
  message: string;
}

const severities = ["Error", "Warning", "Information", "Hint"];

/** Connection-level headers: they describe the app's connection to the proxy, not the request. */
const hopByHop = new Set(["connection", "keep-alive", "transfer-encoding", "te", "upgrade", "host", "content-length", "proxy-authorization"]);

export async function startProxy({ upstream, port = 0, host = "127.0.0.1", onViolation = (line) => console.error(line) }: ProxyOptions): Promise<RunningProxy> {
  const { basePath, operations } = await loadOperations();
  const config: IHttpConfig = {
    isProxy: true,
    upstream: new URL(upstream),
    upstreamProxy: undefined,
    mock: { dynamic: false },
    checkSecurity: true,
    validateRequest: true,
    validateResponse: true,
    // Makes Prism refuse invalid requests instead of forwarding them (see the top of this file).
    errors: true,
  };
  const prism = createInstance(config, { logger: createLogger("proxy", { enabled: false }) });
  const violations: ProxyViolation[] = [];

  /** Records and prints `diagnostics`; returns them as the `sl-violations` header value, if any. */
  function report(method: string, path: string, diagnostics: Diagnostic[], side: "request" | "response", redact: Redact): string[] {
    return diagnostics.map(({ path: where, location, severity, code, message }) => {
      const violation: ProxyViolation = {
        method,
        path: redact(path),
        location: [side, ...(location ?? where ?? [])].map(redact),
        severity: typeof severity == "number" ? (severities[severity] ?? String(severity)) : severity,
        code,
        message: redact(message),
      };
      violations.push(violation);
      onViolation(`PHLO contract violation: ${method} ${violation.path} ${violation.location.join(".")}: ${violation.message}`, violation);
      return JSON.stringify({ location: violation.location, severity: violation.severity, code, message: violation.message });
    });
  }

  function send(response: ServerResponse, status: number, headers: Record<string, string>, body: string, reported: string[]) {
    const named = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
    delete named["content-length"];
    if (reported.length) named["sl-violations"] = `[${reported.join(",")}]`;
    response.writeHead(status, { ...named, "content-length": Buffer.byteLength(body) }).end(body);
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? "/", "http://proxy");
    const text = await readBody(request);
    const method = request.method ?? "GET";
    const redact = redactorOfAuthorization(request.headers.authorization) ?? ((text: string) => text);
    const headers = Object.fromEntries(
      Object.entries(request.headers).flatMap(([name, value]) => (hopByHop.has(name) ? [] : [[name, String(value)]])),
    );
    // Prism matches the spec's paths, which leave out the server path (`/v1`), and forwards to
    // upstream + path, which puts it back. A path outside `/v1` is left whole: Prism finds no
    // operation for it and refuses it. The trailing slash that some SDKs send is dropped, as the
    // mock drops it: Plivo takes both.
    const input: IHttpRequest = {
      method: method.toLowerCase() as IHttpRequest["method"],
      url: { path: operationPath(url.pathname, basePath) ?? url.pathname, query: Object.fromEntries(url.searchParams) },
      headers,
      body: jsonOrText(text, headers["content-type"]),
    };
    const result = await prism.request(input, operations)();
    if (result._tag == "Left") {
      const error = result.left as Error & { status?: number; additional?: { headers?: Record<string, string>; validation?: Diagnostic[] } };
      // Prism's problems (status set) are its refusals of the request; anything else failed on the
      // way to upstream (refused, reset, not resolved): not the contract's business, so a 502.
      if (typeof error.status != "number") {
        const problem = { type: "UPSTREAM_UNREACHABLE", title: "The proxy could not reach upstream", status: 502, detail: redact(error.message) };
        return send(response, 502, { "content-type": "application/problem+json" }, JSON.stringify(problem), []);
      }
      const problem = ProblemJsonError.toProblemJson(error);
      const diagnostics = error.additional?.validation ?? [{ severity: 0, code: error.status, message: `${problem.title}. ${problem.detail}`.trim() }];
      const reported = report(method, url.pathname, diagnostics, "request", redact);
      return send(response, error.status, { ...error.additional?.headers, "content-type": "application/problem+json" }, redact(JSON.stringify(problem)), reported);
    }
    const { output, validations } = result.right;
    const reported = [
      ...report(method, url.pathname, validations.input as Diagnostic[], "request", redact),
      ...report(method, url.pathname, validations.output as Diagnostic[], "response", redact),
    ];
    // Prism parsed a JSON body to validate it; it goes back as JSON with the same data.
    const body = output.body === undefined ? "" : typeof output.body == "string" ? output.body : JSON.stringify(output.body);
    send(response, output.statusCode, output.headers ?? {}, body, reported);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent) return response.destroy();
      const problem = { type: "PROXY_FAILURE", title: "The proxy failed", status: 500, detail: (redactorOfAuthorization(request.headers.authorization) ?? String)(String(error)) };
      send(response, 500, { "content-type": "application/problem+json" }, JSON.stringify(problem), []);
    });
  });
  const { origin, port: listeningPort, close } = await listen(server, port, host);
  return { baseUrl: `${origin}${basePath}`, port: listeningPort, violations, stop: close };
}
