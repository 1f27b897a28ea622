// Every failure of the client is one of these classes, so callers branch with `instanceof`
// (Stripe's and Octokit's style). None of them can hold a credential: the request they carry is
// only its method and URL, and every text from the server (the response's headers and body included)
// is redacted before it is kept (src/redact.ts).

/** The request an error is about. Headers are deliberately left out: they hold the credentials. */
export interface RequestSummary {
  method: string;
  url: string;
}

/** The base class: catch this to handle anything the client throws. */
export class PhloError extends Error {
  /** @internal Subclasses declare their fields; one constructor fills them all. */
  constructor(message: string, fields?: object) {
    super(message);
    Object.assign(this, fields);
  }

  /** What `JSON.stringify(error)` shows: the fields a log needs (the response object is left out). */
  toJSON(): Record<string, unknown> {
    const { response, ...fields } = this as Record<string, unknown>;
    return { name: this.name, message: this.message, ...fields };
  }
}

/** The call was refused before anything was sent: an argument breaks a rule of the contract. */
export class PhloValidationError extends PhloError {
  /** The argument at fault, as the caller spells it (`to`, `triggerSource`, `phloId`, `authToken`). */
  declare readonly field: string;
  /** The rule it breaks: the spec's JSON Schema keyword (`required`, `enum`, `pattern`, …). */
  declare readonly rule: string;
}

/** Plivo answered, but not with the documented success. */
export class PhloApiError extends PhloError {
  declare readonly status: number;
  /** Plivo's `api_id` for this request, to quote to Plivo support. */
  declare readonly apiId: string | undefined;
  /** Plivo's `error` text, e.g. `to is a mandatory param.` */
  declare readonly plivoError: string | undefined;
  declare readonly request: RequestSummary;
  /** A copy of the HTTP response, its status text, headers and body (readable again) redacted of the credentials. */
  declare readonly response: Response;
}

/** 400: a parameter is missing or invalid. */
export class PhloBadRequestError extends PhloApiError {}

/** 401: the Auth ID or Auth Token is wrong or missing. */
export class PhloAuthenticationError extends PhloApiError {}

/** 403: the account may not run this PHLO (PHLO not enabled, account not verified). */
export class PhloPermissionError extends PhloApiError {}

/** 404: no such PHLO or node, or the PHLO is not deployed. */
export class PhloNotFoundError extends PhloApiError {}

/** 429: rate limited. */
export class PhloRateLimitError extends PhloApiError {
  /** How long Plivo asked to wait (its `Retry-After` header), if it said. */
  get retryAfterMs(): number | undefined {
    return parseRetryAfter(this.response.headers.get("retry-after"));
  }
}

/** 5xx: Plivo failed. The action may or may not have started: the client never resends it. */
export class PhloServerError extends PhloApiError {}

/** No complete answer in time. The action may have started: the client never resends it. */
export class PhloTimeoutError extends PhloError {
  declare readonly timeoutMs: number;
  declare readonly request: RequestSummary;
}

/** The request failed on the network. */
export class PhloConnectionError extends PhloError {
  /** `false` when the request provably never reached a server (refused, DNS); `undefined` when nobody can know. */
  declare readonly delivered: false | undefined;
  declare readonly request: RequestSummary;
}

// Names go on the prototypes, not on each instance, so that stacks and `error.name` stay right even
// after a minifier has renamed the classes.
for (const [name, ErrorClass] of Object.entries({
  PhloError,
  PhloValidationError,
  PhloApiError,
  PhloBadRequestError,
  PhloAuthenticationError,
  PhloPermissionError,
  PhloNotFoundError,
  PhloRateLimitError,
  PhloServerError,
  PhloTimeoutError,
  PhloConnectionError,
})) {
  ErrorClass.prototype.name = name;
}

/** Milliseconds to wait from a `Retry-After` value (seconds or an HTTP date); undefined if absent or invalid. */
export function parseRetryAfter(value: string | null): number | undefined {
  const milliseconds = value ? (/^\d+$/.test(value) ? +value * 1000 : Date.parse(value) - Date.now()) : NaN;
  return milliseconds >= 0 ? milliseconds : milliseconds < 0 ? 0 : undefined;
}
