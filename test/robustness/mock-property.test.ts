// Property: whatever invalid raw HTTP request reaches the mock (a broken body, invalid JSON, a wrong
// content type, an impossible id, a method the spec does not define, missing or malformed
// credentials), it answers a client error that the spec documents for that operation, with a body
// that validates against that status's schema, and never a 5xx. The faults are generated from the
// bundled spec's schemas (Ajv decides what is invalid), so they follow the contract as it changes.
// Requests go out through node:http, so paths and bodies reach the mock exactly as generated.
import { Agent, request as httpRequest } from "node:http";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HTTP_METHODS, deref, examplePath, firstExample, isValid, operationById, operations, type JsonSchema, type Operation } from "../../src/contract/spec.js";
import { startMock } from "../../src/mock/index.js";
import { BASIC_CREDENTIAL } from "../helpers/fetch.js";

const RUNS = 1000;

interface RawRequest {
  method: string;
  /** After `/v1`, exactly as sent. */
  path: string;
  headers: Record<string, string>;
  body?: string | undefined;
}

interface FaultyRequest {
  /** What is wrong, for the failure report. */
  fault: string;
  /** The operation whose documented responses judge the answer; absent for an undefined method. (An id, not the object, so that a counterexample prints short.) */
  operationId?: string;
  expected: number;
  request: RawRequest;
}


/** A request the mock accepts: the operation's first body example, Basic credentials, JSON. */
function validRequest(operation: Operation): RawRequest {
  const body = operation.requestBody ? JSON.stringify(firstExample(operation.requestBody)) : undefined;
  return {
    method: operation.method,
    path: examplePath(operation),
    headers: { authorization: `Basic ${BASIC_CREDENTIAL}`, ...(body ? { "content-type": "application/json" } : {}) },
    body,
  };
}

/** Values of every JSON type, and the garbage an address or an enum must refuse. */
const anyValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom("", " ", "\u0000", "\n", "\u007f", "sip:", "sip:@", "+", "boss", "warm_tranfer", "١٢٣", "12025551111\r\nX-Injected: 1"),
  fc.string({ minLength: 129, maxLength: 5000 }),
  fc.stringMatching(/^\+?\d{1,2}$|^\d{16,40}$/),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
);

/** Bodies the operation's schema refuses: a required field left out, a field broken, an unknown key or a bad value under a free key, not an object. */
function invalidBodies(operation: Operation): fc.Arbitrary<[string, string]> {
  const schema = deref<{ required?: string[]; properties?: Record<string, unknown> }>(operation.requestBody!.schema);
  const valid = firstExample(operation.requestBody) as Record<string, unknown>;
  const fields = Object.keys(schema.properties ?? {});
  const required = schema.required ?? [];
  const invalid = (body: unknown) => !isValid(operation.requestBody!.schema, body);
  return fc
    .oneof(
      ...(required.length
        ? [
            fc.constantFrom(...required).map((field): [string, unknown] => {
              const body = { ...valid };
              delete body[field];
              return [`${field} missing`, body];
            }),
          ]
        : []),
      ...(fields.length
        ? [
            fc.constantFrom(...fields).chain((field) =>
              anyValue.filter((value) => !isValid(deref(schema.properties![field]), value)).map((value): [string, unknown] => [`${field} invalid`, { ...valid, [field]: value }]),
            ),
          ]
        : []),
      // An unknown key where the schema allows none, or a key of a free-form body (a PHLO run's payload) with a value it refuses.
      fc
        .tuple(fc.string({ minLength: 1, maxLength: 20 }).filter((key) => !fields.includes(key) && key != "__proto__"), anyValue)
        .map(([key, value]): [string, unknown] => [`unknown key ${JSON.stringify(key)}`, { ...valid, [key]: value }])
        .filter(([, body]) => invalid(body)),
      fc.oneof(fc.array(anyValue, { maxLength: 3 }), fc.integer(), fc.string(), fc.constant(null)).map((value): [string, unknown] => ["not an object", value]),
    )
    .map(([fault, body]) => [fault, JSON.stringify(body)]);
}

/** Text that is not JSON: a valid body cut short, or random characters. */
function notJson(operation: Operation): fc.Arbitrary<string> {
  const text = validRequest(operation).body!;
  const unparseable = (candidate: string) => {
    try {
      JSON.parse(candidate);
      return false;
    } catch {
      return true;
    }
  };
  return fc.oneof(fc.integer({ min: 1, max: text.length - 1 }).map((end) => text.slice(0, end)), fc.string({ minLength: 1, maxLength: 200 })).filter(unparseable);
}

/**
 * Path segments that break a parameter's schema. `.` and `..` are left out: URL parsing resolves them
 * before any router sees them, so they change the path instead of naming an id.
 */
const invalidSegment = (schema: JsonSchema) =>
  fc
    .oneof(
      fc.string({ unit: "binary", minLength: 1, maxLength: 80 }),
      fc.string({ minLength: 65, maxLength: 400 }),
      fc.constantFrom("a/b", "../x", "a b", "%", "-lead", "_lead", "a?b", "a#b", "\u0000", "ü"),
    )
    .filter((value) => value != "." && value != ".." && !isValid(schema, value) && !/[\uD800-\uDFFF]/.test(value))
    .map((value) => encodeURIComponent(value));

/** Authorization values that are not Basic with an id and a token (undefined: no header at all). */
const badAuthorization = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom("Basic", "Basic ", "basic", "Bearer abc", "Digest username=x", `Token ${BASIC_CREDENTIAL}`, `Basic  ${BASIC_CREDENTIAL}`),
  fc.string({ maxLength: 30 }).filter((text) => !text.includes(":") || text.startsWith(":") || text.endsWith(":")).map((text) => `Basic ${Buffer.from(text).toString("base64")}`),
  fc.stringMatching(/^[!-~]{1,30}$/).filter((text) => !/^[A-Za-z0-9+/]+={0,2}$/.test(text)).map((text) => `Basic ${text}`),
);

/** Every fault an operation can have, each with the status the spec documents for it. */
function faultsOf(operation: Operation): fc.Arbitrary<FaultyRequest> {
  const valid = validRequest(operation);
  const faulty = (fault: string, expected: number, change: Partial<RawRequest>): FaultyRequest => ({ fault, operationId: operation.operationId, expected, request: { ...valid, ...change } });
  const ids = operation.pathParameters.map((parameter) =>
    invalidSegment(parameter.schema).map((segment) =>
      // An id that cannot exist names nothing: 404. A member address is a field of the request: 400.
      faulty(`${parameter.name} ${decodeURIComponent(segment).slice(0, 40)}`, parameter.name == "member_address" ? 400 : 404, { path: examplePath(operation, { [parameter.name]: segment }) }),
    ),
  );
  const auth = badAuthorization.map((authorization) => {
    const { authorization: _, ...headers } = valid.headers;
    return faulty(`authorization ${authorization ?? "(none)"}`, 401, { headers: authorization === undefined ? headers : { ...headers, authorization } });
  });
  if (!operation.requestBody) return fc.oneof(...ids, auth);
  return fc.oneof(
    invalidBodies(operation).map(([fault, body]) => faulty(fault, 400, { body })),
    notJson(operation).map((body) => faulty(`not JSON: ${body.slice(0, 40)}`, 400, { body })),
    fc
      .constantFrom("text/plain", "application/x-www-form-urlencoded", "application/xml", "multipart/form-data", "application/jsonp")
      .map((type) => faulty(`content-type ${type}`, 400, { headers: { ...valid.headers, "content-type": type } })),
    ...ids,
    auth,
  );
}

/**
 * Methods a path does not define. The spec has no operation, hence no documented status, for them:
 * the mock answers as Prism does, a 405 problem+json (RFC 9457) naming the route, and that is what
 * is asserted; a `{api_id, error}` body would claim a Plivo answer that no document describes.
 */
const wrongMethods: fc.Arbitrary<FaultyRequest>[] = [...new Set(operations.map((operation) => operation.path))].flatMap((path) => {
  const defined = operations.filter((operation) => operation.path == path);
  const request = validRequest(defined[0]!);
  const methods = [...HTTP_METHODS.map((method) => method.toUpperCase()), "OPTIONS"].filter((method) => !defined.some((operation) => operation.method == method));
  return methods.length ? [fc.constantFrom(...methods).map((method): FaultyRequest => ({ fault: `method ${method}`, expected: 405, request: { ...request, method } }))] : [];
});

const faultyRequest = fc.oneof(...operations.map(faultsOf), ...wrongMethods);

describe("the mock, given invalid raw requests", () => {
  let mock: Awaited<ReturnType<typeof startMock>>;
  const agent = new Agent({ keepAlive: true });
  beforeAll(async () => {
    mock = await startMock();
  });
  afterAll(async () => {
    agent.destroy();
    await mock?.stop();
  });

  const send = ({ method, path, headers, body }: RawRequest) =>
    new Promise<{ status: number; contentType: string; text: string }>((resolve, reject) => {
      // node:http frames GET, DELETE and OPTIONS bodies only with an explicit length.
      const length = body === undefined ? {} : { "content-length": String(Buffer.byteLength(body)) };
      const outgoing = httpRequest({ host: "127.0.0.1", port: mock.port, method, path: `/v1${path}`, headers: { ...headers, ...length }, agent }, (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode!, contentType: response.headers["content-type"] ?? "", text }));
      });
      outgoing.on("error", reject);
      outgoing.end(body);
    });

  it(`${RUNS} invalid requests: each a documented 4xx with a body of its schema, never a 5xx`, async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(faultyRequest, async ({ fault, operationId, expected, request }) => {
        const operation = operations.find((candidate) => candidate.operationId == operationId);
        const answer = await send(request);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        const seen = `${fault} → ${answer.status} ${answer.text.slice(0, 200)}`;
        expect(answer.status, seen).toBe(expected);
        if (!operation) {
          expect(answer.contentType, seen).toBe("application/problem+json");
          expect(JSON.parse(answer.text), seen).toMatchObject({ status: 405, type: expect.stringContaining("NO_METHOD_MATCHED") });
          return;
        }
        const documented = operation.responses.get(answer.status)?.content;
        expect(documented, `${operation.operationId} does not document ${seen}`).toBeDefined();
        expect(answer.contentType, seen).toBe(documented!.type);
        expect(isValid(documented!.schema, JSON.parse(answer.text)), seen).toBe(true);
      }),
      { numRuns: RUNS, seed: 20261124 },
    );
    // The run covered every kind of refusal, not just the easiest one.
    expect([...statuses.keys()].sort()).toEqual([400, 401, 404, 405]);
    expect([...statuses.values()].reduce((sum, count) => sum + count)).toBe(RUNS);
  }, 60_000);

  it("still starts the seed's warm transfer afterwards", async () => {
    const seed = operationById("updateMultiPartyCall");
    const answer = await send(validRequest(seed));
    expect(answer.status).toBe(201);
    expect(isValid(seed.responses.get(201)!.content!.schema, JSON.parse(answer.text))).toBe(true);
  });
});
