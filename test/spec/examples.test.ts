// Every example in the bundle validates against the schema it illustrates, checked with Ajv
// (JSON Schema 2020-12) rather than Redocly, so a Redocly bug cannot hide a bad example.
import { describe, expect, it } from "vitest";
import { bundle, deref, violations, warmTransferOperation, warmTransferPath, type JsonObject } from "../helpers/spec.js";

type MediaType = { schema: unknown; examples?: Record<string, unknown> };
type Response = { description: string; content?: Record<string, MediaType>; headers?: Record<string, unknown> };

function mediaTypeExamples(where: string, content: Record<string, MediaType>) {
  return Object.entries(content).flatMap(([mediaType, { schema, examples = {} }]) =>
    Object.entries(examples).map(([name, example]) => ({
      where: `${where} ${mediaType} example "${name}"`,
      schema,
      value: deref<{ value: unknown }>(example).value,
    })),
  );
}

const responses = Object.entries(warmTransferOperation.responses as Record<string, unknown>).map(
  ([status, response]) => [status, deref<Response>(response)] as const,
);
const requestBody = deref<{ content: Record<string, MediaType> }>(warmTransferOperation.requestBody);

const cases = [
  ...mediaTypeExamples("request body", requestBody.content),
  ...responses.flatMap(([status, response]) => mediaTypeExamples(`response ${status}`, response.content ?? {})),
  ...responses.flatMap(([status, response]) =>
    Object.entries(response.headers ?? {}).map(([name, header]) => {
      const { schema, example } = deref<{ schema: unknown; example: unknown }>(header);
      return { where: `response ${status} header ${name} example`, schema, value: example };
    }),
  ),
  ...(warmTransferPath.parameters as unknown[]).map((parameter) => {
    const { name, schema, example } = deref<{ name: string; schema: unknown; example: unknown }>(parameter);
    return { where: `path parameter ${name} example`, schema, value: example };
  }),
  ...Object.entries((bundle.components as { schemas: Record<string, JsonObject> }).schemas).flatMap(([name, schema]) =>
    ((schema.examples as unknown[] | undefined) ?? []).map((value, index) => ({
      where: `schema ${name} examples[${index}]`,
      schema,
      value,
    })),
  ),
];

describe("examples", () => {
  it("covers the request, every response, the headers, the parameters and the schemas", () => {
    expect(cases.length).toBeGreaterThanOrEqual(4 + 2 + 6 + 1 + 2 + 7);
  });

  it.each(cases)("$where is valid", ({ schema, value }) => {
    expect(value).toBeDefined();
    expect(violations(schema, value)).toEqual([]);
  });
});

describe("responses", () => {
  it("document 201, 400, 401, 403, 404, 429 and 500", () => {
    expect(responses.map(([status]) => status)).toEqual(["201", "400", "401", "403", "404", "429", "500"]);
  });

  it.each(responses)("%s has a description, JSON content and a named example", (_status, response) => {
    expect(response.description.length).toBeGreaterThan(40);
    expect(Object.keys(response.content ?? {})).toEqual(["application/json"]);
    expect(Object.keys(response.content!["application/json"]!.examples ?? {}).length).toBeGreaterThan(0);
  });

  it("every example in the bundle carries its own api_id, so a test can tell which one it got", () => {
    const apiIds = responses.flatMap(([, response]) =>
      Object.values(response.content!["application/json"]!.examples!).map(
        (example) => deref<{ value: { api_id: string } }>(example).value.api_id,
      ),
    );
    expect(new Set(apiIds).size).toBe(apiIds.length);
  });
});
