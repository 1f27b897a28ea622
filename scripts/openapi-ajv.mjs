// An Ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1) that knows the bundled spec's component
// schemas, so any schema in the bundle, inline or `$ref`, can be compiled without Redocly.
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

export const COMPONENTS_ID = "urn:plivo-phlo-openapi:components";
const COMPONENT_REF_PREFIX = "#/components/schemas/";

/** Deep copy of an OpenAPI schema whose component `$ref`s point into the registered components. */
function retarget(node) {
  if (Array.isArray(node)) return node.map(retarget);
  if (node === null || typeof node !== "object") return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === "$ref" && typeof value === "string" && value.startsWith(COMPONENT_REF_PREFIX)
        ? `${COMPONENTS_ID}#/$defs/${value.slice(COMPONENT_REF_PREFIX.length)}`
        : retarget(value),
    ]),
  );
}

/**
 * @param {object} bundle the parsed generated/openapi.json
 * @param {import("ajv").Options} [options] extra Ajv options (e.g. `code: { source: true }`)
 */
export function createOpenApiAjv(bundle, options = {}) {
  const ajv = new Ajv2020({ strict: true, allErrors: true, ...options });
  addFormats(ajv);
  ajv.addSchema({ $id: COMPONENTS_ID, $defs: retarget(bundle.components?.schemas ?? {}) });
  return {
    ajv,
    /** Compiles any schema found in the bundle (a media type's, a parameter's, a header's). */
    compile: (schema) => ajv.compile(retarget(schema)),
  };
}
