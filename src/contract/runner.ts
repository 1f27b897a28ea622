// Sends each case to the target, once, in order, and judges the answer. Raw cases go out as built
// (an invalid body must reach the server unchanged); client cases go through createPhloClient, whose
// raw answer is judged as well as its typed result. Every text that leaves here is redacted.
import { createPhloClient, type PhloClient } from "../client.js";
import { fillPath } from "../path.js";
import { redactor, type Redact } from "../redact.js";
import { callerName } from "../validation.js";
import type { Auth, ContractCase, TargetValues } from "./cases.js";
import { checkAnswer, schemaViolations, type Answer, type Violation } from "./check.js";
import { deref, type JsonSchema } from "./spec.js";
import { show } from "./text.js";

export interface Credentials {
  authId: string;
  authToken: string;
}

export interface RunSettings {
  baseUrl: string;
  credentials: Credentials;
  values: TargetValues;
  /** The longest wait for one answer; a target that hangs fails its case instead of the whole run. */
  timeoutMs?: number;
}

export interface CaseResult {
  name: string;
  kind: ContractCase["kind"];
  /** `POST /phlo/…/multi_party_call/…`, redacted. */
  request: string;
  outcome: "passed" | "failed" | "skipped";
  violations: Violation[];
  /** Why the case was skipped. */
  reason?: string;
  /** The status received, when there was an answer. */
  status?: number;
  durationMs: number;
}

function authorization(auth: Auth, { authId, authToken }: Credentials): Record<string, string> {
  switch (auth) {
    case "valid":
      return { Authorization: `Basic ${btoa(`${authId}:${authToken}`)}` };
    case "wrong-credentials":
      return { Authorization: `Basic ${btoa(`${authId}:not-${crypto.randomUUID()}`)}` };
    case "wrong-scheme":
      return { Authorization: "Bearer not-a-plivo-credential" };
    case "none":
      return {};
  }
}

/**
 * The answer as it is judged: its headers and body already redacted, because the violations quote
 * them cut to a readable length, and a cut credential would no longer match the redactor.
 */
async function answerOf(response: Response, redact: Redact): Promise<Answer> {
  const headers = new Headers();
  response.headers.forEach((value, name) => headers.append(name, redact(value)));
  return { status: response.status, headers, text: redact(await response.text()) };
}

/** The client's result as the wire names it (`apiId` → `api_id`), to be judged by the operation's success schema. */
function resultViolations(contractCase: ContractCase, result: unknown): Violation[] {
  const success = [...contractCase.operation!.responses].find(([status]) => status < 300)![1];
  const schema = deref(success.content!.schema);
  const typed = (result ?? {}) as Record<string, unknown>;
  const wire = Object.fromEntries(Object.keys(schema.properties as JsonSchema).map((name) => [name, typed[callerName(name)]]));
  return schemaViolations(schema, wire, "client result");
}

/**
 * After this many requests in a row without any answer, and none answered before, the target is
 * taken to be unreachable and the rest is not sent: with a 30 s timeout, a whole run against a
 * target that swallows requests would otherwise take most of an hour to say so.
 */
export const UNREACHABLE_AFTER = 3;

export async function runCases(cases: ContractCase[], settings: RunSettings): Promise<CaseResult[]> {
  const { baseUrl, credentials, values, timeoutMs = 30_000 } = settings;
  const redact = redactor(credentials.authId, credentials.authToken);
  const results: CaseResult[] = [];
  let answered = false;
  let unanswered = 0;
  for (const contractCase of cases) {
    const path = fillPath(contractCase.path, { ...values.params, ...contractCase.pathValues });
    const base = { name: contractCase.name, kind: contractCase.kind, request: `${contractCase.method} ${path}` };
    const skip = contractCase.skip ?? (!answered && unanswered >= UNREACHABLE_AFTER ? `not sent: the target could not be reached (${unanswered} requests got no answer)` : undefined);
    if (skip) {
      results.push({ ...base, request: redact(base.request), outcome: "skipped", violations: [], reason: skip, durationMs: 0 });
      continue;
    }
    const started = performance.now();
    const { violations, status } = contractCase.client
      ? await runClientCase(contractCase, settings, redact)
      : await send(contractCase, `${baseUrl}${path}`, credentials, timeoutMs, redact);
    if (status === undefined) unanswered++;
    else answered = true;
    const redacted = violations.map((violation) => ({ where: redact(violation.where), expected: redact(violation.expected), got: redact(violation.got) }));
    results.push({
      ...base,
      request: redact(base.request),
      outcome: redacted.length ? "failed" : "passed",
      violations: redacted,
      ...(status === undefined ? {} : { status }),
      durationMs: Math.round(performance.now() - started),
    });
  }
  return results;
}

async function send(contractCase: ContractCase, url: string, credentials: Credentials, timeoutMs: number, redact: Redact) {
  try {
    const response = await fetch(url, {
      method: contractCase.method,
      headers: { ...contractCase.headers, ...authorization(contractCase.auth, credentials) },
      ...(contractCase.body === undefined ? {} : { body: contractCase.body }),
      // A redirect is an answer to judge, not an invitation to send the request elsewhere.
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    const answer = await answerOf(response, redact);
    return { status: answer.status, violations: checkAnswer(contractCase, answer) };
  } catch (error) {
    // fetch's own message is only "fetch failed"; its cause says why (`Error: connect ECONNREFUSED …`).
    return { violations: [{ where: "connection", expected: "must answer", got: String((error as { cause?: unknown }).cause ?? error) }] };
  }
}

/** Calls the client method, judging both the raw answer it got and the typed result it returned. */
async function runClientCase(contractCase: ContractCase, { baseUrl, credentials, timeoutMs = 30_000 }: RunSettings, redact: Redact) {
  let answer: Answer | undefined;
  const client = createPhloClient({
    ...credentials,
    baseUrl,
    timeoutMs,
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      answer = await answerOf(response.clone(), redact);
      return response;
    },
  });
  const { method, input } = contractCase.client!;
  const call = client[method as keyof PhloClient] as (input: Record<string, unknown>) => Promise<unknown>;
  const violations: Violation[] = [];
  try {
    violations.push(...resultViolations(contractCase, await call(input)));
  } catch (error) {
    violations.push({ where: `client.${method}()`, expected: "must return the typed result", got: show(error instanceof Error ? error.message : error, 200) });
  }
  if (answer) violations.unshift(...checkAnswer(contractCase, answer));
  return { violations, ...(answer ? { status: answer.status } : {}) };
}
