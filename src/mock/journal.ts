// The mock's request journal: every request it answered, in the order they arrived, so that a
// consumer's test can assert what its app sent (warm_transfer, then resume_call, for the right member).
// Never a credential: no header is kept, the account segment of a PHLO run's path is `[REDACTED]`,
// and any form of the request's own Basic credentials is redacted wherever else it appears.
import { REDACTED, redactor } from "../redact.js";

export interface JournalEntry {
  method: string;
  /** The path as received, trailing slash included; a PHLO run's `/account/{auth_id}/` reads `/account/[REDACTED]/`. */
  path: string;
  query: Record<string, string>;
  /** The body: parsed JSON when it is JSON, else its text; null when there was none. */
  body: unknown;
  /** The status the mock answered. */
  status: number;
  /** When the request arrived (ISO 8601). */
  at: string;
}

/** Entries kept; beyond it the oldest are dropped, so a long-running mock stays small. */
export const JOURNAL_LIMIT = 10_000;

/** An entry being answered: made when the request arrives, so the journal keeps arrival order. */
export interface Pending {
  entry: Partial<JournalEntry>;
}

/** The user and password of a Basic header, to redact them from what is kept. */
function credentialsOf(authorization: string | undefined): [string, string] | undefined {
  const [scheme, encoded = "", extra] = (authorization ?? "").split(" ");
  if (scheme?.toLowerCase() != "basic" || extra !== undefined || !/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return undefined;
  const [id = "", ...token] = Buffer.from(encoded, "base64").toString("utf8").split(":");
  return id && token.length ? [id, token.join(":")] : undefined;
}

export class Journal {
  #entries: Partial<JournalEntry>[] = [];

  /** Opens the entry of a request that has just arrived. */
  arrive(method: string, url: URL): Pending {
    const entry: Partial<JournalEntry> = { method, path: url.pathname, query: Object.fromEntries(url.searchParams), at: new Date().toISOString() };
    this.#entries.push(entry);
    if (this.#entries.length > JOURNAL_LIMIT) this.#entries.splice(0, this.#entries.length - JOURNAL_LIMIT);
    return { entry };
  }

  /** Completes an entry with its body and answer, redacting the request's credentials everywhere. */
  answered({ entry }: Pending, body: unknown, status: number, authorization: string | undefined) {
    const credentials = credentialsOf(authorization);
    const redact = credentials ? redactor(...credentials) : (text: string) => text;
    // Every string of the value, keys included, redacted in place (a redacted JSON text might not parse).
    const clean = <T>(value: T): T =>
      (typeof value == "string"
        ? redact(value)
        : Array.isArray(value)
          ? value.map(clean)
          : value && typeof value == "object"
            ? Object.fromEntries(Object.entries(value).map(([key, item]) => [redact(key), clean(item)]))
            : value) as T;
    entry.path = redact(entry.path!.replace(/\/account\/[^/]+/, `/account/${REDACTED}`));
    entry.query = clean(entry.query!);
    entry.body = body === undefined || body === "" ? null : clean(body);
    entry.status = status;
  }

  /** The answered requests, oldest first, as copies. */
  requests(): JournalEntry[] {
    return this.#entries
      .filter((entry) => entry.status !== undefined)
      .map(({ method, path, query, body, status, at }) => ({ method, path, query, body, status, at }) as JournalEntry);
  }

  clear() {
    this.#entries = [];
  }
}
