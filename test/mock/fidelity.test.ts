// Fidelity of the mock to what reaches Plivo: the requests each official SDK sends (reference §2,
// byte for byte where the notes give the bytes) are accepted as Plivo accepts them, the mistakes they
// can make get Plivo's texts, and every documented status and named example can be asked for.
// The contract suite (test/contract) covers the negative matrix; this file covers the wire shapes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMock, type RunningMock } from "../../src/mock/index.js";
import { BASIC_CREDENTIAL, seedBody, specExample } from "../helpers/fetch.js";
import { examplePath, firstExample, operationById, operations, type Operation } from "../../src/contract/spec.js";
import { bundle, deref, validatorFor, violations, type JsonObject } from "../helpers/spec.js";

const components = bundle.components as JsonObject & { schemas: Record<string, JsonObject> };
const nodeUpdate = operationById("updateMultiPartyCall");
const memberUpdate = operationById("updateMultiPartyCallMember");

/** The documented answer of a status: schema, named examples and header schemas. */
function documented(operation: Operation, status: number) {
  const { content, headers } = operation.responses.get(status)!;
  return { schema: content!.schema, named: Object.entries(content!.examples), headers: Object.entries(headers) };
}
/** The operation's first request example, as JSON. */
const firstBody = (operation: Operation) => (operation.requestBody ? JSON.stringify(firstExample(operation.requestBody)) : undefined);

const nodePath = examplePath(nodeUpdate);
const memberPath = (address: string) => examplePath(memberUpdate, { member_address: address });
const addresses = components.schemas.Address!.examples as string[];
const memberActions = deref<{ enum: string[] }>(components.schemas.MemberAction).enum;
const sip = specExample<Record<string, string>>("WarmTransferToSipEndpointRequest");
const seed = seedBody as Record<string, string>;

/** The JSON of `body` with its keys in the order given, as the SDK's serialiser writes it. */
const inOrder = (body: Record<string, string>, keys: string[]) => JSON.stringify(Object.fromEntries(keys.map((key) => [key, body[key]])));
/** Python's json.dumps: a space after `,` and `:`. */
const pythonJson = (body: Record<string, string>, keys: string[]) => `{${keys.map((key) => `${JSON.stringify(key)}: ${JSON.stringify(body[key])}`).join(", ")}}`;
const query = (body: Record<string, string>, keys: string[]) => new URLSearchParams(keys.map((key) => [key, body[key]!])).toString();

interface Wire {
  sdk: string;
  /** After the base URL: path, trailing slash and query string as the SDK writes them. */
  target: string;
  contentType: string;
  body: string;
}

/** Reference §2: what each SDK sends for warmTransfer (and §4 for the Node SDK to a SIP endpoint). */
const warmTransferWires: Wire[] = [
  { sdk: "Node 4.79.0", target: nodePath, contentType: "application/json", body: inOrder(seed, ["action", "to", "role", "trigger_source"]) },
  { sdk: "Node 4.79.0, to a SIP URI", target: nodePath, contentType: "application/json", body: inOrder(sip, ["action", "to", "role", "trigger_source"]) },
  { sdk: "Python 4.59.5", target: `${nodePath}/`, contentType: "application/json", body: pythonJson(seed, ["action", "trigger_source", "to", "role"]) },
  { sdk: "Ruby 4.63.4", target: `${nodePath}/`, contentType: "application/json", body: inOrder(seed, ["action", "trigger_source", "to", "role"]) },
  { sdk: "PHP 4.70.0", target: nodePath, contentType: "application/json", body: inOrder(seed, ["action", "trigger_source", "to", "role"]) },
  { sdk: "Java 5.49.0", target: nodePath, contentType: "application/json", body: inOrder(seed, ["trigger_source", "to", "role", "action"]) },
  {
    sdk: ".NET 5.53.0 (fields in the query string too)",
    target: `${nodePath}/?${query(seed, ["action", "trigger_source", "to", "role"])}`,
    contentType: "application/json; charset=utf-8",
    body: inOrder(seed, ["action", "trigger_source", "to", "role"]),
  },
  { sdk: "Go 7.60.2 (json.Encoder's newline)", target: nodePath, contentType: "application/json", body: `${inOrder(seed, ["action", "to", "role", "trigger_source"])}\n` },
];

/** Reference §2, member actions: how each SDK sends `action` for a member. */
const memberWires: { sdk: string; wire: (address: string, action: string) => Omit<Wire, "sdk"> }[] = [
  { sdk: "Node, Go, Java, PHP", wire: (address, action) => ({ target: memberPath(address), contentType: "application/json", body: JSON.stringify({ action }) }) },
  { sdk: "Python", wire: (address, action) => ({ target: `${memberPath(address)}/`, contentType: "application/json", body: pythonJson({ action }, ["action"]) }) },
  { sdk: "Ruby", wire: (address, action) => ({ target: `${memberPath(address)}/`, contentType: "application/json", body: JSON.stringify({ action }) }) },
  {
    sdk: ".NET (action only in the query string, body {})",
    wire: (address, action) => ({ target: `${memberPath(address)}?${query({ action }, ["action"])}`, contentType: "application/json; charset=utf-8", body: "{}" }),
  },
];

describe("the mock's fidelity to the official SDKs and the spec", () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock();
  }, 30_000);
  afterAll(() => mock?.stop());

  async function send(method: string, target: string, { headers = {}, body }: { headers?: Record<string, string>; body?: string } = {}) {
    const response = await fetch(mock.baseUrl + target, { method, headers: { authorization: `Basic ${BASIC_CREDENTIAL}`, ...headers }, body: body ?? null });
    return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
  }
  const post = (wire: Omit<Wire, "sdk">, headers: Record<string, string> = {}) =>
    send("POST", wire.target, { headers: { "content-type": wire.contentType, ...headers }, body: wire.body });

  describe("each SDK's warm transfer gets the documented 201", () => {
    const created = documented(nodeUpdate, 201);
    for (const wire of warmTransferWires) {
      it(`${wire.sdk}: POST ${wire.target} ${wire.body}`, async () => {
        const { status, body } = await post(wire);
        expect({ status, violations: violations(created.schema, body) }).toEqual({ status: 201, violations: [] });
      });
    }
  });

  describe("each SDK's member actions, for every member action and address form of the spec, get the documented 201", () => {
    const created = documented(memberUpdate, 201);
    for (const { sdk, wire } of memberWires) {
      it(sdk, async () => {
        const failures: unknown[] = [];
        for (const address of addresses) {
          for (const action of memberActions) {
            const request = wire(address, action);
            // `:`, `@` and `+` stay in the path as the SDKs send them: fetch does not encode them.
            expect(new URL(mock.baseUrl + request.target).pathname).toContain(`/members/${address}`);
            const { status, body } = await post(request);
            if (status != 201 || !validatorFor(created.schema)(body)) failures.push({ target: request.target, body: request.body, status, answer: body });
          }
        }
        expect(failures).toEqual([]);
      });
    }
  });

  describe("each SDK's PHLO run and PHLO read get the documented answer", () => {
    const run = operationById("runPhlo");
    const runPath = examplePath(run, { auth_id: "MAXXXXXXXXXXXXXXXXXX" });
    const payload = firstExample(run.requestBody) as Record<string, string>;
    const phloPath = examplePath(operationById("getPhlo"));
    const runWires: Wire[] = [
      // Reference (phlo-run-and-diff §2): Node snake_cases the keys; Go and Ruby add a slash; .NET sends
      // the payload in the query string too; Python's `run(**payload)` and Java's `@Body Map` as is.
      { sdk: "Node 4.79.0 (keys snake_cased)", target: runPath, contentType: "application/json", body: JSON.stringify(specExample("RunPhloSnakeCaseRequest")) },
      { sdk: "Python 4.59.5", target: runPath, contentType: "application/json", body: pythonJson(payload, Object.keys(payload)) },
      { sdk: "Go 7.60.2 (trailing slash)", target: `${runPath}/`, contentType: "application/json", body: `${JSON.stringify(payload)}\n` },
      { sdk: "Ruby 4.63.4 (trailing slash)", target: `${runPath}/`, contentType: "application/json", body: JSON.stringify(payload) },
      { sdk: ".NET 5.53.0 (payload in the query string too)", target: `${runPath}?${query(payload, Object.keys(payload))}`, contentType: "application/json; charset=utf-8", body: JSON.stringify(payload) },
      { sdk: "Java 5.49.0", target: runPath, contentType: "application/json", body: JSON.stringify(payload) },
    ];
    const created = documented(run, 201);
    for (const wire of runWires) {
      it(`${wire.sdk}: POST ${wire.target} ${wire.body.trim()}`, async () => {
        const { status, body } = await post(wire, wire.sdk.startsWith("PHP") ? { authId: "MAXXXXXXXXXXXXXXXXXX" } : {});
        expect({ status, violations: violations(created.schema, body) }).toEqual({ status: 201, violations: [] });
      });
    }
    it("PHP 4.70.0 (an authId header): the documented 201", async () => {
      const { status } = await post({ target: runPath, contentType: "application/json", body: JSON.stringify(payload) }, { authId: "MAXXXXXXXXXXXXXXXXXX" });
      expect(status).toBe(201);
    });
    it("a run with no payload (no body) gets the documented 201", async () => {
      const { status, body } = await send("POST", runPath);
      expect({ status, violations: violations(created.schema, body) }).toEqual({ status: 201, violations: [] });
    });
    it("a payload value that is not a string gets Plivo's text for that key", async () => {
      const { status, body } = await post({ target: runPath, contentType: "application/json", body: JSON.stringify({ ...payload, from: 14155550100 }) });
      expect({ status, error: (body as { error: string }).error }).toEqual({ status: 400, error: specExample<{ error: string }>("InvalidRunPayloadError").error });
    });
    it.each([phloPath, `${phloPath}/`])("GET %s (Python adds the slash) gets the documented 200", async (target) => {
      const { status, body } = await send("GET", target);
      expect({ status, violations: violations(documented(operationById("getPhlo"), 200).schema, body) }).toEqual({ status: 200, violations: [] });
    });
  });

  describe("what an SDK can send wrong gets Plivo's text in a documented 400", () => {
    const missingTo = specExample<{ error: string }>("MissingToError").error;
    /** Plivo's template for a missing parameter, "<param> is a mandatory param.", from the spec's example. */
    const mandatory = (param: string) => missingTo.replace(/^to /, `${param} `);
    const invalidRole = specExample<{ error: string }>("InvalidRoleError").error;
    const roles = deref<{ enum: string[] }>(components.schemas.Role).enum;
    const cases = [
      // Reference §2: the Node SDK drops an undefined `to`.
      { name: "Node without to", target: nodePath, body: inOrder(seed, ["action", "role", "trigger_source"]), error: missingTo },
      // Reference §2: Python's client.phlo.multi_party_call(...) omits role, which the spec requires.
      { name: "Python's interface path, without role", target: `${nodePath}/`, body: pythonJson(seed, ["action", "trigger_source", "to"]), error: mandatory("role") },
      // Reference §2: Go sends "role": "" when the caller sets none.
      { name: "Go without a role", target: nodePath, body: `${JSON.stringify({ ...seed, role: "" })}\n`, error: invalidRole },
      // The spec's InvalidRoleError example: a role outside the enum (checked below).
      { name: "a role Plivo does not take", target: nodePath, body: JSON.stringify({ ...seed, role: "boss" }), error: invalidRole },
      {
        name: "a node action sent to a member",
        target: memberPath(addresses[0]!),
        body: JSON.stringify({ action: seed.action }),
        error: specExample<{ error: string }>("InvalidMemberActionError").error,
      },
    ];
    it("the invalid role of the table is outside the spec's enum", () => {
      expect(roles).not.toContain("boss");
      expect(roles).not.toContain("");
    });
    for (const { name, target, body, error } of cases) {
      it(`${name}: ${body} → ${error}`, async () => {
        const answer = await post({ target, body, contentType: "application/json" });
        const { schema } = documented(target.includes("/members/") ? memberUpdate : nodeUpdate, 400);
        expect({ status: answer.status, error: (answer.body as { error: string }).error }).toEqual({ status: 400, error });
        expect(violations(schema, answer.body)).toEqual([]);
      });
    }
  });

  describe("a body that is no JSON object gets a documented 400 that names no phantom field", () => {
    const { schema } = documented(nodeUpdate, 400);
    for (const body of ["null", "", "[]", '"warm_transfer"']) {
      it(JSON.stringify(body), async () => {
        const answer = await post({ target: nodePath, body, contentType: "application/json" });
        expect(answer.status).toBe(400);
        expect(violations(schema, answer.body)).toEqual([]);
        expect((answer.body as { error: string }).error).not.toMatch(/undefined|null|^\s*is /);
      });
    }
  });

  describe("a path that is no operation of the spec gets 404 in the documented error shape", () => {
    const { schema } = documented(nodeUpdate, 404);
    for (const target of [`${nodePath}/extra`, nodePath.replace(/\/multi_party_call\//, "/conference_bridge/"), "/../outside-the-server-path"]) {
      it(target, async () => {
        const answer = await send("POST", target, { headers: { "content-type": "application/json" }, body: "{}" });
        expect(answer.status).toBe(404);
        expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
        expect(violations(schema, answer.body)).toEqual([]);
      });
    }
  });

  describe("missing or malformed credentials get the spec's 401 example, exactly", () => {
    const [[, unauthorized]] = documented(nodeUpdate, 401).named as [[string, unknown]];
    const base64 = (text: string) => Buffer.from(text).toString("base64");
    it.each([
      { name: "no Authorization", authorization: undefined },
      { name: "a Bearer token", authorization: "Bearer token" },
      { name: "Basic without a token", authorization: `Basic ${base64("MAXXXXXXXXXXXXXXXXXX")}` },
      { name: "Basic with an empty token", authorization: `Basic ${base64("MAXXXXXXXXXXXXXXXXXX:")}` },
      { name: "Basic that is not base64", authorization: "Basic !!!" },
    ])("$name", async ({ authorization }) => {
      const response = await fetch(mock.baseUrl + nodePath, {
        method: "POST",
        headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
        body: JSON.stringify(seed),
      });
      expect({ status: response.status, body: await response.json() }).toEqual({ status: 401, body: unauthorized });
    });
  });

  describe("a path with no operation, the server path itself included, gets a 404 in the documented shape", () => {
    // The mock's banner prints the server URL (…/v1): a reader may well open it first.
    for (const target of ["", "/", "/phlo", "/no/such/path"]) {
      it(`GET ${new URL(`http://mock/v1${target}`).pathname}`, async () => {
        const answer = await send("GET", target);
        expect(answer.status).toBe(404);
        expect(violations(documented(operationById("getPhlo"), 404).schema, answer.body)).toEqual([]);
      });
    }
  });

  describe("ids that cannot exist get the spec's 404 example, exactly", () => {
    const tooLong = "a".repeat(Number(components.schemas.ResourceId!.maxLength) + 1);
    const bad = [
      { phlo_id: "not.an.id" },
      { phlo_id: "_leading-underscore" },
      { node_id: tooLong },
    ];
    const requests = bad.flatMap((ids) =>
      operations.filter((operation) => Object.keys(ids).every((name) => operation.pathParameters.some((p) => p.name == name))).map((operation) => ({
        name: `${operation.method} ${operation.path} with ${JSON.stringify(ids)}`,
        method: operation.method,
        target: examplePath(operation, ids),
        body: firstBody(operation),
        notFound: documented(operation, 404).named[0]![1],
      })),
    );
    for (const { name, method, target, body, notFound } of requests) {
      it(name, async () => {
        const answer = await send(method, target, body === undefined ? {} : { headers: { "content-type": "application/json" }, body });
        expect({ status: answer.status, body: answer.body }).toEqual({ status: 404, body: notFound });
      });
    }
  });

  describe("Prefer: code=S, example=NAME gets status S and exactly that example, for every operation, status and named example", () => {
    const matrix = operations.flatMap((operation) =>
      [...operation.responses.keys()].flatMap((status) => {
        const { named, headers } = documented(operation, status);
        const request = { method: operation.method, path: operation.path, target: examplePath(operation), body: firstBody(operation), status, headers };
        return [
          ...named.map(([name, value]) => ({ ...request, prefer: `code=${status}, example=${name}`, expected: value })),
          // Without an example name, Prism answers the first: what the `npm run mock` banner shows.
          { ...request, prefer: `code=${status}`, expected: named[0]![1] },
        ];
      }),
    );
    for (const { method, path, target, body, prefer, status, expected, headers } of matrix) {
      it(`${method} ${path}, Prefer: ${prefer}`, async () => {
        const answer = await send(method, target, { headers: { prefer, ...(body === undefined ? {} : { "content-type": "application/json" }) }, ...(body === undefined ? {} : { body }) });
        expect({ status: answer.status, body: answer.body }).toEqual({ status, body: expected });
        for (const [name, schema] of headers) {
          const value = answer.headers.get(name);
          expect(value, `header ${name}`).not.toBeNull();
          expect(violations(schema, Number.isNaN(Number(value)) ? value : Number(value)), `header ${name}: ${value}`).toEqual([]);
        }
      });
    }
  });
});
