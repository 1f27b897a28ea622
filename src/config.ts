// Client configuration that must be right before any request: credentials and the base URL.
import { defaultServerUrl } from "../generated/contract.js";
import { PhloValidationError } from "./errors.js";
import { redactor, type Redact } from "./redact.js";
import { withRetries, type Fetch, type RetryOptions } from "./retry.js";

/** The options both clients take. */
export interface SharedOptions {
  /** Plivo Auth ID. Default: the `PLIVO_AUTH_ID` environment variable, as in the official SDKs. */
  authId?: string | undefined;
  /** Plivo Auth Token. Default: the `PLIVO_AUTH_TOKEN` environment variable. */
  authToken?: string | undefined;
  /** Default: the spec's server, `https://phlorunner.plivo.com/v1`. Plain http only for loopback hosts. */
  baseUrl?: string | undefined;
  /** A `fetch` to use instead of the global one (a test handler, a proxy-aware fetch, …). */
  fetch?: Fetch | undefined;
  /** Sent as `User-Agent`. Default `plivo-phlo-openapi`. */
  userAgent?: string | undefined;
  /** Opt-in retries, only where provably safe. Default: no retry at all. */
  retry?: RetryOptions | undefined;
}

export interface Credentials {
  /** The Auth ID: the PHLO run path names the account with it. */
  authId: string;
  /** The `Authorization` header value. */
  authorization: string;
  /** `text` with every form of the credentials replaced by `[REDACTED]` (src/redact.ts): applied to anything the server sends back. */
  redact: Redact;
}

export function resolveCredentials(authId: string | undefined, authToken: string | undefined): Credentials {
  // `process.env` where there is one (Node, Bun, Deno), as the official SDKs read it; nothing in a browser.
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
  // Empty counts as missing, as in the official SDKs (`authId || process.env.PLIVO_AUTH_ID`).
  const id = authId || env.PLIVO_AUTH_ID;
  const token = authToken || env.PLIVO_AUTH_TOKEN;
  if (!id || !token) {
    const [field, variable] = id ? ["authToken", "PLIVO_AUTH_TOKEN"] : ["authId", "PLIVO_AUTH_ID"];
    throw new PhloValidationError(`No ${field}: pass it to createPhloClient or set ${variable}.`, { field, rule: "required" });
  }
  return { authId: id, authorization: `Basic ${btoa(`${id}:${token}`)}`, redact: redactor(id, token) };
}

/** Hosts where plain http cannot carry the credentials over a network. */
const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

/** The base URL without its trailing slash, once it is safe to send credentials to. */
export function checkBaseUrl(baseUrl: string): string {
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {
    // Reported below as a format error.
  }
  const rule =
    !url || url.search || url.hash
      ? "format"
      : url.username || url.password
        ? "credentials"
        : url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.test(url.hostname))
          ? ""
          : "https";
  if (!url || rule) {
    // The URL is not echoed: it might hold a secret.
    throw new PhloValidationError(
      `baseUrl breaks the rule "${rule}": it must be an absolute https URL (http only for localhost or 127.x.x.x) without credentials, query or fragment.`,
      { field: "baseUrl", rule },
    );
  }
  return url.href.replace(/\/+$/, "");
}

/** Everything both clients derive from the options, checked once. */
export function resolveConfig(options: SharedOptions) {
  const { authId, authorization, redact } = resolveCredentials(options.authId, options.authToken);
  const fetch: Fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return {
    authId,
    redact,
    baseUrl: checkBaseUrl(options.baseUrl ?? defaultServerUrl),
    headers: { Authorization: authorization, "User-Agent": options.userAgent ?? "plivo-phlo-openapi" },
    fetch: options.retry ? withRetries(fetch, options.retry) : fetch,
  };
}
