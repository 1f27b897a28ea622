// Generates the part of the contract the client needs at run time, so nobody retypes it:
//   - `inputSchemas`: every component schema that a request body or a path parameter uses, with its
//     `$ref`s inlined and its documentation dropped, checked by the small interpreter in
//     src/validation.ts (test/client/validation.test.ts proves it agrees with Ajv on the spec);
//   - `defaultServerUrl`: the spec's first server, the client's default base URL.
//
// Why not Ajv's standalone code: for these few rules it is about 1.4 kB gzipped, a third of the
// client's whole size budget; the schemas as data plus the interpreter cost a fraction of that.
// The generator refuses any keyword the interpreter does not implement, so the spec cannot grow a
// rule that the client would silently skip.

const COMPONENT_REF_PREFIX = "#/components/schemas/";
const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** The keywords src/validation.ts checks. Anything else in an input schema stops the build. */
const SUPPORTED = new Set([
  "type", "enum", "const", "minLength", "maxLength", "pattern", "required", "properties", "additionalProperties",
]);
/** Types the validator tells apart with `typeof`; numbers would need integer handling, added when needed. */
const INTERPRETED_TYPES = new Set(["string", "object", "boolean"]);
/** Kept for messages only. */
const KEPT_ANNOTATIONS = new Set(["title"]);
/** Dropped: documentation and formats that only annotate (`uuid` in examples, never on an input). */
const DROPPED = new Set(["description", "examples", "example", "deprecated", "externalDocs", "readOnly", "writeOnly"]);

function componentName(schema) {
  return typeof schema?.$ref === "string" && schema.$ref.startsWith(COMPONENT_REF_PREFIX)
    ? schema.$ref.slice(COMPONENT_REF_PREFIX.length)
    : undefined;
}

/** `schema` with `$ref`s inlined and only what the interpreter uses; throws on anything it cannot check. */
function compact(schema, components, where) {
  const name = componentName(schema);
  // A `$ref` with siblings (a property's own description) takes the referenced schema's rules.
  if (name) return compact(components[name], components, `${where} → ${name}`);
  const result = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (DROPPED.has(keyword)) continue;
    if (!SUPPORTED.has(keyword) && !KEPT_ANNOTATIONS.has(keyword)) {
      throw new Error(`${where}: keyword "${keyword}" is not implemented by the client's validator (src/validation.ts)`);
    }
    if (keyword === "type" && !INTERPRETED_TYPES.has(value)) {
      throw new Error(`${where}: type ${JSON.stringify(value)} is not implemented by the client's validator`);
    }
    if (keyword === "additionalProperties" && (value === true || (value !== false && typeof value !== "object"))) {
      throw new Error(`${where}: "additionalProperties" must be false or a schema for the client's validator`);
    }
    result[keyword] =
      keyword === "properties"
        ? Object.fromEntries(Object.entries(value).map(([field, sub]) => [field, compact(sub, components, `${where}.${field}`)]))
        : keyword === "additionalProperties" && value !== false
          ? compact(value, components, `${where}.additionalProperties`)
          : value;
  }
  return result;
}

/** Names of the component schemas that request bodies and path parameters use. */
function findInputSchemaNames(bundle) {
  const names = new Set();
  const resolveParameter = (parameter) =>
    parameter.$ref ? bundle.components.parameters[parameter.$ref.split("/").pop()] : parameter;
  const use = (schema, where) => {
    const name = componentName(schema);
    if (!name) throw new Error(`${where} must $ref a component schema so the client can validate it`);
    names.add(name);
  };
  for (const [path, pathItem] of Object.entries(bundle.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      for (const parameter of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map(resolveParameter)) {
        if (parameter.in !== "path") continue;
        // src/client.ts fills path templates itself, which covers only the default: style simple, one string.
        if ((parameter.style ?? "simple") !== "simple" || parameter.explode) {
          throw new Error(`${path} parameter ${parameter.name} must use style simple without explode: the client sends it as one segment`);
        }
        use(parameter.schema, `${path} parameter ${parameter.name}`);
      }
      const body = operation.requestBody?.content?.["application/json"]?.schema;
      if (body) use(body, `${method.toUpperCase()} ${path} request body`);
    }
  }
  return [...names].sort();
}

/** `value` as a TypeScript type: literal and read-only, so the client's types follow the spec's lists. */
function typeLiteral(value, indent = "") {
  if (Array.isArray(value)) return `readonly [${value.map((item) => typeLiteral(item, indent)).join(", ")}]`;
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const inner = `${indent}  `;
  const fields = Object.entries(value).map(([key, item]) => `${inner}readonly ${JSON.stringify(key)}: ${typeLiteral(item, inner)};`);
  return `{\n${fields.join("\n")}\n${indent}}`;
}

const banner = `// Generated by scripts/client-contract.mjs from the spec in openapi/.
// Do not edit: change the spec and run \`npm run generate\`.
`;

/** @returns {{ js: string, dts: string }} the module and its type declarations */
export function buildClientContract(bundle) {
  const defaultServerUrl = bundle.servers?.[0]?.url;
  if (!defaultServerUrl) throw new Error("The spec must list its production server first under `servers`");
  const schemas = bundle.components.schemas;
  const inputSchemas = Object.fromEntries(
    findInputSchemaNames(bundle).map((name) => [name, compact(schemas[name], schemas, name)]),
  );
  const js = [
    banner,
    "/** The rules of every request input, from the spec (checked by src/validation.ts). */",
    `export const inputSchemas = ${JSON.stringify(inputSchemas, null, 2)};`,
    "",
    "/** The spec's production server, the client's default `baseUrl`. */",
    `export const defaultServerUrl = ${JSON.stringify(defaultServerUrl)};`,
    "",
  ].join("\n");
  const dts = [
    banner,
    "/** A JSON Schema restricted to the keywords src/validation.ts implements. */",
    "export interface InputSchema {",
    "  title?: string;",
    "  type?: string;",
    "  enum?: readonly unknown[];",
    "  const?: unknown;",
    "  minLength?: number;",
    "  maxLength?: number;",
    "  pattern?: string;",
    "  required?: readonly string[];",
    "  properties?: Readonly<Record<string, InputSchema>>;",
    "  /** false: no other property; a schema: every other property must match it. */",
    "  additionalProperties?: false | InputSchema;",
    "}",
    "",
    "/** The rules of every request input, from the spec; each one is an InputSchema. */",
    `export declare const inputSchemas: ${typeLiteral(inputSchemas)};`,
    "",
    `export declare const defaultServerUrl: ${JSON.stringify(defaultServerUrl)};`,
    "",
  ].join("\n");
  return { js, dts };
}
