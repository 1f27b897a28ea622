// The bundled spec as tests see it: the parsed generated/openapi.json, a `$ref` resolver and a
// validator for any schema in it (Ajv, independent of Redocly).
import { readFileSync } from "node:fs";
import type { ValidateFunction } from "ajv";
import { createOpenApiAjv } from "../../scripts/openapi-ajv.mjs";

export type JsonObject = { [key: string]: unknown };

export const projectRoot = new URL("../../", import.meta.url);
export const bundle = JSON.parse(
  readFileSync(new URL("generated/openapi.json", projectRoot), "utf8"),
) as JsonObject;

export const WARM_TRANSFER_PATH = "/phlo/{phlo_id}/multi_party_call/{node_id}";

/** Follows local `$ref`s (`#/components/...`) until it reaches a concrete object. */
export function deref<T = JsonObject>(node: unknown): T {
  let current = node as JsonObject;
  while (typeof current.$ref === "string") {
    const pointer = current.$ref;
    if (!pointer.startsWith("#/")) throw new Error(`Only local refs are expected, got ${pointer}`);
    current = pointer
      .slice(2)
      .split("/")
      .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
      .reduce<JsonObject>((object, key) => object[key] as JsonObject, bundle);
    if (current === undefined) throw new Error(`Unresolvable ref ${pointer}`);
  }
  return current as T;
}

const { compile } = createOpenApiAjv(bundle);
const compiled = new Map<unknown, ValidateFunction>();

/** A cached Ajv validator for a schema taken from the bundle. */
export function validatorFor(schema: unknown): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

export const warmTransferPath = deref((bundle.paths as JsonObject)[WARM_TRANSFER_PATH]);
export const warmTransferOperation = deref(warmTransferPath.post);
export const requestBodySchema = deref<JsonObject>(
  deref<{ content: Record<string, { schema: unknown }> }>(warmTransferOperation.requestBody).content[
    "application/json"
  ]!.schema,
);

/** The schema of one path parameter, by name. */
export function pathParameterSchema(name: string): unknown {
  const parameters = (warmTransferPath.parameters as unknown[]).map((p) => deref<{ name: string; schema: unknown }>(p));
  const parameter = parameters.find((p) => p.name === name);
  if (!parameter) throw new Error(`No path parameter ${name}`);
  return parameter.schema;
}

/** The ajv error messages for a value, as "<path> <message>" lines; empty when it is valid. */
export function violations(schema: unknown, value: unknown): string[] {
  const validate = validatorFor(schema);
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`);
}
