// A client whose `fetch` is a test handler (openapi-fetch's own testing style): no network, no global
// mocks, and every request the client tried to send is recorded.
import { createPhloClient, type PhloClientOptions } from "../../src/index.js";
import { bundle, deref, type JsonObject } from "./spec.js";

/** A sentinel Auth ID (Plivo's form: MA and 18 capitals or digits), distinct enough to search for. */
export const AUTH_ID = "MAHOSTILESENTINEL042";
/** A sentinel token: tests search every output for it. */
export const AUTH_TOKEN = "tok3n-SENTINEL-9f8e7d6c5b4a";
export const BASIC_CREDENTIAL = Buffer.from(`${AUTH_ID}:${AUTH_TOKEN}`).toString("base64");

export interface SentRequest {
  url: string;
  method: string;
  headers: Headers;
  body: string;
}

export type Handler = (request: SentRequest) => Response | Promise<Response>;

/** A `fetch` that hands each request to `handler` and records it in `sent`. */
export function recordingFetch(handler: Handler) {
  const sent: SentRequest[] = [];
  const fetch = async (input: Request | string, init?: RequestInit) => {
    const request = new Request(input, init);
    const recorded = { url: request.url, method: request.method, headers: request.headers, body: await request.text() };
    sent.push(recorded);
    return handler(recorded);
  };
  return { fetch, sent };
}

/** A client on a test handler; `sent` lists what it sent. */
export function clientWith(handler: Handler, options: PhloClientOptions = {}) {
  const { fetch, sent } = recordingFetch(handler);
  return { client: createPhloClient({ authId: AUTH_ID, authToken: AUTH_TOKEN, fetch, ...options }), sent };
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

/** The value of a named example of the spec (`#/components/examples/<name>`). */
export const specExample = <T = JsonObject>(name: string): T =>
  deref<{ value: T }>((bundle.components as JsonObject & { examples: JsonObject }).examples[name]).value;

/** The seed's request, as the spec's first example holds it. */
export const seedBody = specExample<{ action: string; trigger_source: string; role: "agent" | "customer"; to: string }>(
  "WarmTransferRequest",
);

export const IDS = { phloId: "4c1d8a9e-7b3f-4e2a-9d6c-0f1e2d3c4b5a", nodeId: "36989807-a76f-4555-84d1-9dfdccca7a80" };

/** The seed's call, as client input. */
export const seedInput = { ...IDS, triggerSource: seedBody.trigger_source, to: seedBody.to, role: seedBody.role };

/** Cut credentials still leak: any run of this many characters of the token or the Basic credential is one. */
const LEAK_RUN = 12;

/**
 * Where `text` shows a credential in any form: the token, the Auth ID, `id:token`, the Basic
 * credential, or a run of LEAK_RUN characters of the token or of the Basic credential (a shortened
 * one). Excerpts mask the credential, so that a failing test does not print it either. Empty when
 * the text is clean.
 */
export function credentialLeaks(text: string): string[] {
  const secrets = new Set([AUTH_ID, `${AUTH_ID}:${AUTH_TOKEN}`]);
  for (const long of [AUTH_TOKEN, BASIC_CREDENTIAL]) {
    for (let at = 0; at + LEAK_RUN <= long.length; at++) secrets.add(long.slice(at, at + LEAK_RUN));
  }
  const leaks: string[] = [];
  for (const secret of secrets) {
    for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + 1)) {
      leaks.push(`…${text.slice(Math.max(0, at - 60), at)}<credential>${text.slice(at + secret.length, at + secret.length + 20)}…`);
    }
  }
  return leaks;
}
