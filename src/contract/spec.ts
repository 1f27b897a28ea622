// The bundled spec as the contract suite reads it: every operation with its parameters, request body
// and documented responses, `$ref`s resolved. Read from generated/openapi.json at run time (it ships
// beside dist/), so the suite always tests the contract of the installed version.
import { readFileSync } from "node:fs";
import type { ValidateFunction } from "ajv";
import { createOpenApiAjv } from "../../scripts/openapi-ajv.mjs";

export type JsonSchema = { [keyword: string]: unknown };

export interface MediaType {
  schema: JsonSchema;
  examples: Record<string, unknown>;
}

export interface ResponseSpec {
  /** The documented media type (`application/json`) and its schema; absent for a body-less response. */
  content?: { type: string } & MediaType;
  headers: Record<string, JsonSchema>;
}

export interface Parameter {
  name: string;
  schema: JsonSchema;
  example: string;
}

export interface Operation {
  operationId: string;
  method: string;
  /** The path template, `/phlo/{phlo_id}/…`. */
  path: string;
  pathParameters: Parameter[];
  requestBody?: { type: string } & MediaType;
  responses: Map<number, ResponseSpec>;
}

/** The methods an OpenAPI path item can hold, in the order cases are listed. */
export const HTTP_METHODS = ["get", "put", "post", "delete", "patch"] as const;

export const bundle = JSON.parse(readFileSync(new URL("../../generated/openapi.json", import.meta.url), "utf8")) as JsonSchema;

/** Follows local `$ref`s (`#/components/...`) to the object they name. */
export function deref<T = JsonSchema>(node: unknown): T {
  let current = node as JsonSchema;
  while (typeof current.$ref == "string") {
    current = current.$ref
      .slice(2)
      .split("/")
      .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
      .reduce<JsonSchema>((object, key) => object[key] as JsonSchema, bundle);
  }
  return current as T;
}

/** The first media type of a content map, with its named examples' values. */
function mediaType(content: unknown): ({ type: string } & MediaType) | undefined {
  const [entry] = Object.entries((content ?? {}) as Record<string, { schema: JsonSchema; examples?: Record<string, unknown> }>);
  if (!entry) return undefined;
  const [type, { schema, examples = {} }] = entry;
  const values = Object.fromEntries(Object.entries(examples).map(([name, example]) => [name, deref<{ value: unknown }>(example).value]));
  return { type, schema, examples: values };
}

function operationsOf(spec: JsonSchema): Operation[] {
  return Object.entries(spec.paths as Record<string, JsonSchema>).flatMap(([path, rawItem]) => {
    const item = deref(rawItem);
    const shared = (item.parameters ?? []) as unknown[];
    return HTTP_METHODS.filter((method) => item[method]).map((method): Operation => {
      const operation = deref(item[method]);
      const parameters = [...shared, ...((operation.parameters ?? []) as unknown[])].map((p) => deref<Parameter & { in: string }>(p));
      const body = operation.requestBody ? mediaType(deref(operation.requestBody).content) : undefined;
      const responses = new Map(
        Object.entries(operation.responses as JsonSchema).map(([status, raw]) => {
          const response = deref(raw);
          const headers = Object.fromEntries(
            Object.entries((response.headers ?? {}) as JsonSchema).map(([name, header]) => [name.toLowerCase(), deref<{ schema: JsonSchema }>(header).schema]),
          );
          const content = mediaType(response.content);
          return [Number(status), { headers, ...(content ? { content } : {}) }];
        }),
      );
      return {
        operationId: operation.operationId as string,
        method: method.toUpperCase(),
        path,
        pathParameters: parameters.filter((p) => p.in == "path").map(({ name, schema, example }) => ({ name, schema: deref(schema), example })),
        ...(body ? { requestBody: body } : {}),
        responses,
      };
    });
  });
}

export const operations = operationsOf(bundle);

/** The operation whose operationId is `id`. */
export function operationById(id: string): Operation {
  const operation = operations.find((candidate) => candidate.operationId == id);
  if (!operation) throw new Error(`The spec has no operation ${id}`);
  return operation;
}

/**
 * The operation's path with each parameter's example, or the value `values` gives it, as is: callers
 * that test the wire (unencoded `:`/`@`/`+`, ids that must be refused) send exactly what they wrote.
 */
export const examplePath = (operation: Operation, values: Record<string, string> = {}): string =>
  operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => values[name] ?? operation.pathParameters.find((p) => p.name == name)!.example);

/** The first named example of a request body or response: the spec's headline case (Plivo's own, for the warm transfer). */
export const firstExample = (media: MediaType | undefined): unknown => Object.values(media?.examples ?? {})[0];

const { compile } = createOpenApiAjv(bundle);
const compiled = new Map<unknown, ValidateFunction>();

/** A cached Ajv validator for any schema taken from the bundle. */
export function validatorFor(schema: unknown): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) compiled.set(schema, (validate = compile(schema)));
  return validate;
}

export const isValid = (schema: unknown, value: unknown) => validatorFor(schema)(value);
