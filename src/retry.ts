// The only retries a call-placing POST can afford: when the request provably never reached a server,
// and when Plivo refused it with 429 and said when to come back. Never after a timeout, a reset or a
// 5xx, where the transfer may already be ringing someone.
import { parseRetryAfter } from "./errors.js";

export interface RetryOptions {
  /** Attempts after the first one. Default 2. */
  retries?: number | undefined;
  /** A 429 whose `Retry-After` asks for a longer wait is not retried. Default 10 000 ms. */
  maxRetryAfterMs?: number | undefined;
}

export type Fetch = (input: Request | string, init?: RequestInit) => Promise<Response>;

/** Error codes with which Node's fetch says that no connection was ever made, so nothing was sent. */
const UNDELIVERED_CODES = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"];

/** True only when `error` proves the request never left: connection refused, or the name did not resolve. */
export function isProvablyUndelivered(error: unknown): boolean {
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: unknown };
  return UNDELIVERED_CODES.includes(code as string) || (!!cause && isProvablyUndelivered(cause));
}

const sleep = (ms: number, signal: AbortSignal | null | undefined) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

/** `fetch` with the safe retries; every attempt sends a fresh copy of the request. */
export function withRetries(fetch: Fetch, { retries = 2, maxRetryAfterMs = 10_000 }: RetryOptions): Fetch {
  return async (input, init) => {
    const signal = init?.signal ?? (input as Request).signal;
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= retries;
      let response: Response;
      try {
        // A Request's body can be read once: each attempt sends a clone, never the original.
        response = await fetch(typeof input == "string" ? input : input.clone(), init);
      } catch (error) {
        if (last || !isProvablyUndelivered(error) || signal?.aborted) throw error;
        await sleep(250 * 2 ** attempt, signal);
        continue;
      }
      const wait = response.status == 429 ? parseRetryAfter(response.headers.get("retry-after")) : undefined;
      if (last || wait === undefined || wait > maxRetryAfterMs) return response;
      await response.body?.cancel();
      await sleep(wait, signal);
    }
  };
}
