// The contract cases, generated from the spec: nothing here names a field, a status or an example,
// except `action`, the body field whose enum makes the client's methods (as in src/client.ts), and
// `auth_id`, the path parameter the client fills from the credentials. A free-form body (no
// properties, only `additionalProperties`: a PHLO run's Start-node payload) is the client's `payload`.
// Positive cases come from the request examples, per-status cases from the response examples, and
// the negative matrix from the schemas' keywords (required, type, enum, pattern, maxLength,
// additionalProperties), the security scheme and the methods a path does not define.
import { fillPath } from "../path.js";
import { callerName } from "../validation.js";
import { HTTP_METHODS, bundle, deref, isValid, operations, type JsonSchema, type Operation } from "./spec.js";
import { show } from "./text.js";

export type Target = "mock" | "live";
export type Auth = "valid" | "none" | "wrong-scheme" | "wrong-credentials";
export type Kind = "positive" | "client" | "status" | "negative";

export interface ContractCase {
  name: string;
  kind: Kind;
  /** The operation whose responses judge the answer; absent for a method the path does not define. */
  operation?: Operation;
  method: string;
  path: string;
  /** Path parameters that differ from the target's own values. */
  pathValues: Record<string, string>;
  headers: Record<string, string>;
  body?: string;
  auth: Auth;
  /** The statuses that pass, or any client error for a request the spec has no operation for. */
  expected: number[] | "4xx";
  /** For a client case: the client method and its input. */
  client?: { method: string; input: Record<string, unknown> };
  /** Why the case is not sent (live safety, missing settings). */
  skip?: string;
}

export interface TargetValues {
  target: Target;
  /** `phlo_id`, `node_id`, `member_address` as the target knows them. */
  params: Record<string, string>;
  /** Body fields (`to`, `trigger_source`) to put in every valid body, in place of the spec's examples. */
  fields: Record<string, string>;
  /** Live only: may the suite send requests that place a call or change a member? */
  placeCalls: boolean;
  /** Live only: why requests that act cannot be sent even with the opt-in (unset addresses). */
  missingForActions?: string | undefined;
  /** Live only: the body of a free-form request (a PHLO run's Start-node payload), from PHLO_RUN_PAYLOAD. */
  payload?: Record<string, string> | undefined;
}

export const RUN_PAYLOAD_VARIABLE = "PHLO_RUN_PAYLOAD";

/** The client fills this path parameter from its credentials: it is no input of a client method. */
const CREDENTIAL_PARAMETER = "auth_id";

/** A body whose keys are the caller's (only `additionalProperties`): the client takes it as `payload`. */
const isFreeForm = (operation: Operation) => {
  const schema = operation.requestBody && deref(operation.requestBody.schema);
  return !!schema && !schema.properties && typeof schema.additionalProperties == "object";
};

/** The spec's defaults for a target: the parameters' and bodies' own examples. */
export const specParams = (): Record<string, string> =>
  Object.fromEntries(operations.flatMap((operation) => operation.pathParameters.map((p) => [p.name, p.example])));

export const PLACE_CALLS_VARIABLE = "PHLO_LIVE_PLACE_CALLS";

const BAD_REQUEST = 400;
const UNAUTHORIZED = 401;
const NOT_FOUND = 404;

/** The documented statuses among `wanted`; a request problem the spec cannot answer is a spec bug. */
function documented(operation: Operation, wanted: number[], problem: string): number[] {
  const statuses = wanted.filter((status) => operation.responses.has(status));
  if (!statuses.length) throw new Error(`${operation.operationId} documents none of ${wanted.join("/")} for ${problem}`);
  return statuses;
}

const successStatus = (operation: Operation) => [...operation.responses.keys()].find((status) => status >= 200 && status < 300)!;

/** A value of another JSON type than the schema's. */
const WRONG_TYPE: Record<string, unknown> = { string: 12345, object: "not an object", number: "12345", integer: "12345", boolean: "true", array: {} };

/** Values that break one keyword each of a string schema, named after that keyword. */
function brokenStrings(schema: JsonSchema, inPath: boolean): [rule: string, value: string][] {
  const candidates: [string, string | undefined][] = [
    ["enum", Array.isArray(schema.enum) ? `${schema.enum[0]}_unknown` : undefined],
    ["pattern", schema.pattern ? "not valid!" : undefined],
    ["maxLength", typeof schema.maxLength == "number" ? "9".repeat(schema.maxLength + 1) : undefined],
    // An empty path segment would change the route, not the parameter.
    ["minLength", typeof schema.minLength == "number" && !inPath ? "" : undefined],
  ];
  return candidates.filter((candidate): candidate is [string, string] => candidate[1] !== undefined && !isValid(schema, candidate[1]));
}

const stringify = (value: unknown) => JSON.stringify(value);

/** The body every case of `operation` starts from: its first request example, with the target's addresses. */
function baseBody(operation: Operation, values: TargetValues): Record<string, unknown> | undefined {
  const [example] = Object.values(operation.requestBody?.examples ?? {});
  return example === undefined ? undefined : targetBody(operation, example as Record<string, unknown>, values);
}

/** An example body with the target's values: its addresses, or its whole payload for a free-form body. */
const targetBody = (operation: Operation, body: Record<string, unknown>, { fields, payload }: TargetValues) =>
  isFreeForm(operation) ? (payload ?? body) : Object.fromEntries(Object.entries(body).map(([key, value]) => [key, fields[key] ?? value]));

function positiveCases(operation: Operation, values: TargetValues): ContractCase[] {
  const status = successStatus(operation);
  const examples = Object.entries(operation.requestBody?.examples ?? { "": undefined });
  return examples.map(([name, example]): ContractCase => {
    const body = example === undefined ? undefined : stringify(targetBody(operation, example as Record<string, unknown>, values));
    return { ...request(operation, values), name: `${operation.operationId} ${name || "request"}`, kind: "positive", expected: [status], ...(body === undefined ? {} : { body }) };
  });
}

/**
 * One case per client method of the operation: an action of its body's `action` enum, or the
 * operation itself. Its input is the first request example of that action (with the target's
 * addresses), else the operation's first example, so that on live the client sends the very request
 * a positive case would, and the two are sent once (see `sentOnce`). Its `body` is what the client
 * sends.
 */
function clientCases(operation: Operation, values: TargetValues): ContractCase[] {
  const schema = operation.requestBody && deref(operation.requestBody.schema);
  const properties = (schema?.properties ?? {}) as Record<string, JsonSchema>;
  const actions = properties.action ? (deref(properties.action).enum as string[]) : [undefined];
  const examples = Object.values(operation.requestBody?.examples ?? {}).map((example) => targetBody(operation, example as Record<string, unknown>, values));
  return actions.map((action) => {
    const body = examples.find((example) => example.action == action) ?? examples[0] ?? {};
    const input: Record<string, unknown> = {};
    for (const { name } of operation.pathParameters) if (name != CREDENTIAL_PARAMETER) input[callerName(name)] = values.params[name]!;
    if (isFreeForm(operation)) input.payload = body;
    else for (const [field, value] of Object.entries(body)) if (field != "action") input[callerName(field)] = String(value);
    const method = action ? callerName(action) : operation.operationId;
    const sent = action ? { body: stringify({ ...body, action }) } : {};
    return { ...request(operation, values), ...sent, name: `${operation.operationId} client.${method}() returns the typed result`, kind: "client", expected: [successStatus(operation)], client: { method, input } };
  });
}

/**
 * The forms the official SDKs send that the other cases do not: the path with a trailing slash
 * (Python, Ruby, PHP, .NET). On live only the read is sent in this form: a POST would be one more
 * request that acts, and the GET proves the server routes the slash.
 */
function sdkFormCases(operation: Operation, values: TargetValues): ContractCase[] {
  const sdkForm = {
    ...request(operation, values),
    path: `${operation.path}/`,
    name: `${operation.operationId} with a trailing slash, as the SDKs send it`,
    kind: "positive" as const,
    expected: [successStatus(operation)],
  };
  const skip = values.target == "live" && acts(sdkForm) ? "the live suite checks the trailing slash with the read: this form of a request that acts would act once more" : undefined;
  return [{ ...sdkForm, ...(skip ? { skip } : {}) }];
}

/** Every documented status, asked of the mock with Prism's `Prefer` header, once per named example. */
function statusCases(operation: Operation, values: TargetValues): ContractCase[] {
  return [...operation.responses].flatMap(([status, response]) =>
    Object.keys(response.content?.examples ?? { "": undefined }).map((example) => ({
      ...request(operation, values),
      name: `${operation.operationId} status ${status}${example ? ` (${example})` : ""}`,
      kind: "status" as const,
      expected: [status],
      headers: { ...request(operation, values).headers, Prefer: `code=${status}${example ? `, example=${example}` : ""}` },
    })),
  );
}

/** A valid request of `operation` on the target, every case's starting point. */
function request(operation: Operation, values: TargetValues): Omit<ContractCase, "name" | "kind" | "expected"> {
  const body = baseBody(operation, values);
  return {
    operation,
    method: operation.method,
    path: operation.path,
    pathValues: {},
    headers: operation.requestBody ? { "Content-Type": operation.requestBody.type } : {},
    ...(body ? { body: stringify(body) } : {}),
    auth: "valid",
  };
}

function negativeCases(operation: Operation, values: TargetValues): ContractCase[] {
  const base = request(operation, values);
  const cases: ContractCase[] = [];
  const add = (what: string, change: Partial<ContractCase>, expected: number[]) =>
    cases.push({ ...base, ...change, name: `${operation.operationId} ${what}`, kind: "negative", expected });

  // Credentials: with HTTP Basic, no header and another scheme are refused anywhere; a well-formed
  // but wrong pair only where the server knows the account (the mock cannot).
  assertBasicAuth();
  const unauthorized = documented(operation, [UNAUTHORIZED], "bad credentials");
  add("without credentials", { auth: "none" }, unauthorized);
  add("with a Bearer instead of Basic credentials", { auth: "wrong-scheme" }, unauthorized);
  if (values.target == "live") add("with wrong credentials", { auth: "wrong-credentials" }, unauthorized);

  for (const parameter of operation.pathParameters) {
    const invalidId = documented(operation, [BAD_REQUEST, NOT_FOUND], `an invalid ${parameter.name}`);
    for (const [rule, value] of brokenStrings(parameter.schema, true)) {
      add(`${parameter.name} breaks ${rule} (${show(value, 24)})`, { pathValues: { [parameter.name]: value } }, invalidId);
    }
    // Only the live API knows which ids exist; the mock answers any well-formed id.
    if (values.target == "live") add(`unknown ${parameter.name}`, { pathValues: { [parameter.name]: unknownValue(parameter.schema) } }, documented(operation, [NOT_FOUND], "an unknown id"));
  }

  if (operation.requestBody) {
    const badRequest = documented(operation, [BAD_REQUEST], "an invalid body");
    const schema = deref(operation.requestBody.schema);
    const body = baseBody(operation, values)!;
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    const invalidBody = (what: string, value: unknown) => {
      if (isValid(operation.requestBody!.schema, value)) throw new Error(`${operation.operationId}: the body "${what}" is valid, not a negative case`);
      add(what, { body: stringify(value) }, badRequest);
    };
    for (const field of (schema.required ?? []) as string[]) {
      const { [field]: _, ...rest } = body;
      invalidBody(`body without ${field}`, rest);
    }
    for (const [field, property] of Object.entries(properties)) {
      const fieldSchema = deref(property);
      invalidBody(`body ${field} of the wrong type`, { ...body, [field]: WRONG_TYPE[fieldSchema.type as string] });
      for (const [rule, value] of brokenStrings(fieldSchema, false)) invalidBody(`body ${field} breaks ${rule} (${show(value, 24)})`, { ...body, [field]: value });
    }
    if (schema.additionalProperties === false) invalidBody("body with an undocumented field", { ...body, undocumented_field: "x" });
    else if (typeof schema.additionalProperties == "object") {
      const others = deref(schema.additionalProperties);
      invalidBody("body value of the wrong type", { ...body, any_key: WRONG_TYPE[others.type as string] });
    }
    invalidBody("body that is a JSON array", [body]);
    add("body that is not JSON", { body: stringify(body).slice(0, -1) }, badRequest);
    add("body sent as text/plain", { headers: { "Content-Type": "text/plain" } }, badRequest);
  }
  return cases;
}

/** The credential cases are those of HTTP Basic; another scheme in the spec needs cases of its own. */
function assertBasicAuth() {
  const schemes = Object.values(((bundle.components as JsonSchema).securitySchemes ?? {}) as Record<string, JsonSchema>);
  if (!schemes.length || schemes.some(({ type, scheme }) => type != "http" || scheme != "basic")) {
    throw new Error("The contract suite's credential cases are written for HTTP Basic, the spec's only scheme until now");
  }
}

/** A well-formed value the target cannot know: a fresh UUID, or digits where the schema wants an address. */
function unknownValue(schema: JsonSchema): string {
  const value = [crypto.randomUUID(), `1${Date.now()}`.slice(0, 12)].find((candidate) => isValid(schema, candidate));
  if (!value) throw new Error(`No well-formed unknown value for ${stringify(schema)}`);
  return value;
}

/** The path parameters of a path template, from any of its operations. */
const parametersOf = (path: string) => operations.find((operation) => operation.path == path)?.pathParameters ?? [];

/** A request with a method the path does not define: no operation, so any client error, never 2xx or 5xx. */
function wrongMethodCases(values: TargetValues): ContractCase[] {
  return Object.keys(bundle.paths as JsonSchema).flatMap((path) => {
    const defined = operations.filter((operation) => operation.path == path);
    const { operation: _, body, headers, ...valid } = request(defined[0]!, values);
    return HTTP_METHODS.map((method) => method.toUpperCase())
      .filter((method) => !defined.some((operation) => operation.method == method))
      .map((method): ContractCase => ({
        ...valid,
        // fetch refuses a GET with a body; the other methods carry the valid body, so only the method is wrong.
        ...(method == "GET" || body === undefined ? { headers: {} } : { body, headers }),
        method,
        name: `${method} ${path} (not in the spec)`,
        kind: "negative",
        expected: "4xx",
      }));
  });
}

/** The statuses a case expects, as a report shows them. */
export const expectation = ({ expected }: Pick<ContractCase, "expected">) => (expected == "4xx" ? "4xx" : expected.join(" or "));

/** Methods that only read. Any other method could act on a server that does what it is told. */
const SAFE_METHODS = ["GET", "HEAD", "OPTIONS"];

/**
 * Could a server that took this request place a call or change a member? Any method but a read, with
 * any credentials and any body: a server may ignore credentials, and Plivo fills in some "invalid"
 * bodies (a missing `role` means `agent`).
 */
export const acts = ({ method }: Pick<ContractCase, "method">) => !SAFE_METHODS.includes(method.toUpperCase());

/**
 * Live safety. A request that could act is sent to the live PHLO only when it is meant to act: a
 * positive or client case, and only with the opt-in (else it is skipped, with the reason). Every
 * other request that could act (bad credentials, invalid bodies, bad ids, wrong methods) goes to ids
 * that cannot exist, with or without the opt-in, whatever its body and credentials: a server that
 * ignores credentials or fills in invalid bodies still finds nothing to act on.
 */
function makeLiveSafe(contractCase: ContractCase, values: TargetValues): ContractCase {
  if (values.target != "live" || !acts(contractCase)) return contractCase;
  if (contractCase.kind == "positive" || contractCase.kind == "client") {
    const skip = !values.placeCalls
      ? `it places a call or changes a member on the live API; set ${PLACE_CALLS_VARIABLE}=1 to send it`
      : contractCase.operation && isFreeForm(contractCase.operation)
        ? values.payload
          ? undefined
          : `it needs ${RUN_PAYLOAD_VARIABLE} (the Start node's payload as a JSON object of strings, {} for none)`
        : values.missingForActions;
    return skip ? { ...contractCase, skip } : contractCase;
  }
  const unknownIds = Object.fromEntries(
    parametersOf(contractCase.path).filter((p) => !(p.name in contractCase.pathValues)).map((p) => [p.name, unknownValue(p.schema)]),
  );
  // An id that cannot exist may be refused as such before anything else is checked.
  const expected =
    contractCase.expected == "4xx" ? contractCase.expected : [...new Set([...contractCase.expected, ...documented(contractCase.operation!, [NOT_FOUND], "unknown ids")])];
  return { ...contractCase, name: `${contractCase.name} [sent to unknown ids, live-safe]`, pathValues: { ...unknownIds, ...contractCase.pathValues }, expected };
}

/** A request as the server sees it: method, filled path and parsed body (key order and spacing do not matter). */
function requestKey(contractCase: ContractCase, values: TargetValues): string {
  const path = fillPath(contractCase.path.replace(/\/$/, ""), { ...values.params, ...contractCase.pathValues });
  let body: unknown = contractCase.body;
  try {
    body = body === undefined ? undefined : JSON.parse(body as string);
  } catch {
    // Not JSON: compared as text.
  }
  const canonical = (value: unknown): unknown =>
    Array.isArray(value) ? value.map(canonical) : value && typeof value == "object" ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, canonical(v)])) : value;
  return JSON.stringify([contractCase.method, path, canonical(body)]);
}

/**
 * With the opt-in, each request that acts goes out once: two examples that the live addresses make
 * equal, or a client method that sends what a positive case sends, are one request. The client case
 * is the one kept (it judges the typed result too); the others are skipped, naming it.
 */
function sentOnce(cases: ContractCase[], values: TargetValues): ContractCase[] {
  if (values.target != "live") return cases;
  const acting = (contractCase: ContractCase) => !contractCase.skip && acts(contractCase) && (contractCase.kind == "positive" || contractCase.kind == "client");
  const keeper = new Map<string, string>();
  for (const contractCase of [...cases].sort((a, b) => Number(b.kind == "client") - Number(a.kind == "client"))) {
    if (acting(contractCase) && !keeper.has(requestKey(contractCase, values))) keeper.set(requestKey(contractCase, values), contractCase.name);
  }
  return cases.map((contractCase) => {
    const kept = acting(contractCase) && keeper.get(requestKey(contractCase, values));
    return kept && kept != contractCase.name ? { ...contractCase, skip: `the same request as "${kept}", which acts: sent once` } : contractCase;
  });
}

/** Every case for a target, in a stable order: per operation positive, SDK forms, client, status, negative; then wrong methods. */
export function contractCases(values: TargetValues): ContractCase[] {
  const perOperation = operations.flatMap((operation) => [
    ...positiveCases(operation, values),
    ...sdkFormCases(operation, values),
    ...clientCases(operation, values),
    ...(values.target == "mock"
      ? statusCases(operation, values)
      : [{ ...request(operation, values), name: `${operation.operationId} every documented status`, kind: "status" as const, expected: [], skip: "mock only: the live API cannot be asked for a given status" }]),
    ...negativeCases(operation, values),
  ]);
  const safe = [...perOperation, ...wrongMethodCases(values)].map((contractCase) => (contractCase.skip ? contractCase : makeLiveSafe(contractCase, values)));
  return sentOnce(safe, values).map((contractCase) => (contractCase.kind == "status" ? contractCase : { ...contractCase, name: `${contractCase.name} → ${expectation(contractCase)}` }));
}
