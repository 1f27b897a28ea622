// The contract cases, generated from the spec: nothing here names a field, a status or an example,
// except `action`, the body field whose enum makes the client's methods (as in src/client.ts).
// Positive cases come from the request examples, per-status cases from the response examples, and
// the negative matrix from the schemas' keywords (required, type, enum, pattern, maxLength,
// additionalProperties), the security scheme and the methods a path does not define.
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
  client?: { method: string; input: Record<string, string> };
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
}

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
  return example === undefined ? undefined : withTargetFields(example as Record<string, unknown>, values);
}

const withTargetFields = (body: Record<string, unknown>, { fields }: TargetValues) =>
  Object.fromEntries(Object.entries(body).map(([key, value]) => [key, fields[key] ?? value]));

function positiveCases(operation: Operation, values: TargetValues): ContractCase[] {
  const status = successStatus(operation);
  const examples = Object.entries(operation.requestBody?.examples ?? { "": undefined });
  const seen = new Set<string | undefined>();
  return examples.flatMap(([name, example]): ContractCase[] => {
    const body = example === undefined ? undefined : stringify(withTargetFields(example as Record<string, unknown>, values));
    // On live the addresses replace the examples', so several examples can become one request.
    if (seen.has(body)) return [];
    seen.add(body);
    return [{ ...request(operation, values), name: `${operation.operationId} ${name || "request"}`, kind: "positive", expected: [status], ...(body === undefined ? {} : { body }) }];
  });
}

/** One case per client method of the operation: an action of its body's `action` enum, or the operation itself. */
function clientCases(operation: Operation, values: TargetValues): ContractCase[] {
  const schema = operation.requestBody && deref(operation.requestBody.schema);
  const properties = (schema?.properties ?? {}) as Record<string, JsonSchema>;
  const actions = properties.action ? (deref(properties.action).enum as string[]) : [undefined];
  const body = baseBody(operation, values) ?? {};
  const input: Record<string, string> = {};
  for (const { name } of operation.pathParameters) input[callerName(name)] = values.params[name]!;
  for (const [field, value] of Object.entries(body)) if (field != "action") input[callerName(field)] = String(value);
  return actions.map((action) => {
    const method = action ? callerName(action) : operation.operationId;
    return { ...request(operation, values), name: `${operation.operationId} client.${method}() returns the typed result`, kind: "client", expected: [successStatus(operation)], client: { method, input } };
  });
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

/** Would a server that took this request place a call or change a member? */
export const acts = ({ method, auth }: Pick<ContractCase, "method" | "auth">) => method != "GET" && auth == "valid";

/**
 * Live safety: without the opt-in, a request that could act either is not sent (the positive and
 * client cases) or goes to ids that cannot exist (the negative cases), whatever its body: Plivo
 * fills some "invalid" bodies in (a missing `role` defaults to `agent`), so an invalid body alone
 * is no guarantee that nobody is dialled.
 */
function makeLiveSafe(contractCase: ContractCase, values: TargetValues): ContractCase {
  if (values.target != "live" || !acts(contractCase)) return contractCase;
  if (contractCase.kind == "positive" || contractCase.kind == "client") {
    const skip = !values.placeCalls
      ? `it places a call or changes a member on the live API; set ${PLACE_CALLS_VARIABLE}=1 to send it`
      : values.missingForActions;
    return skip ? { ...contractCase, skip } : contractCase;
  }
  if (values.placeCalls) return contractCase;
  const unknownIds = Object.fromEntries(
    parametersOf(contractCase.path).filter((p) => !(p.name in contractCase.pathValues)).map((p) => [p.name, unknownValue(p.schema)]),
  );
  const expected =
    contractCase.expected == "4xx" ? contractCase.expected : [...new Set([...contractCase.expected, ...documented(contractCase.operation!, [NOT_FOUND], "unknown ids")])];
  return { ...contractCase, name: `${contractCase.name} [sent to unknown ids, live-safe]`, pathValues: { ...unknownIds, ...contractCase.pathValues }, expected };
}

/** Every case for a target, in a stable order: per operation positive, client, status, negative; then wrong methods. */
export function contractCases(values: TargetValues): ContractCase[] {
  const perOperation = operations.flatMap((operation) => [
    ...positiveCases(operation, values),
    ...clientCases(operation, values),
    ...(values.target == "mock"
      ? statusCases(operation, values)
      : [{ ...request(operation, values), name: `${operation.operationId} every documented status`, kind: "status" as const, expected: [], skip: "mock only: the live API cannot be asked for a given status" }]),
    ...negativeCases(operation, values),
  ]);
  return [...perOperation, ...wrongMethodCases(values)]
    .map((contractCase) => (contractCase.skip ? contractCase : makeLiveSafe(contractCase, values)))
    .map((contractCase) => (contractCase.kind == "status" ? contractCase : { ...contractCase, name: `${contractCase.name} → ${expectation(contractCase)}` }));
}
