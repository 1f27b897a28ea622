// The bundle is a valid OpenAPI 3.1 document according to the OpenAPI Initiative's own JSON Schema.
import { createRequire } from "node:module";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { readFileSync } from "node:fs";
import { bundle, projectRoot } from "../helpers/spec.js";

const require = createRequire(import.meta.url);
const officialSchema = require("@seriousme/openapi-schema-validator/schemas/v3.1/schema.json") as { $id: string };

// The schema is the OpenAPI Initiative's published file, as shipped by @seriousme/openapi-schema-validator;
// only the JSON file is used, validated with our own Ajv.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
// A format the OpenAPI schema defines for content-type keys (`application/json`, `text/*`).
ajv.addFormat("media-range", /^(?:\*|[\w.+-]+)\/(?:\*|[\w.+-]+)(?:\s*;.*)?$/);
const validateOpenApi = ajv.compile(officialSchema);

function problems(document: unknown): string[] {
  return validateOpenApi(document) ? [] : (validateOpenApi.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

describe("the bundle against the official OpenAPI 3.1 schema", () => {
  it("uses the OpenAPI Initiative's 3.1 schema", () => {
    expect(officialSchema.$id).toMatch(/^https:\/\/spec\.openapis\.org\/oas\/3\.1\/schema\//);
  });

  it("generated/openapi.json is valid", () => {
    expect(problems(bundle)).toEqual([]);
  });

  it("generated/openapi.yaml is valid and says the same as the JSON bundle", () => {
    const yamlBundle = parseYaml(readFileSync(new URL("generated/openapi.yaml", projectRoot), "utf8"));
    expect(problems(yamlBundle)).toEqual([]);
    expect(yamlBundle).toEqual(bundle);
  });

  it("rejects a document that breaks the OpenAPI rules", () => {
    const broken = structuredClone(bundle) as { info: { title?: string }; paths: Record<string, unknown> };
    delete broken.info.title;
    broken.paths["no-leading-slash"] = {};
    expect(problems(broken)).toEqual(
      expect.arrayContaining([expect.stringContaining("/info must have required property 'title'")]),
    );
  });
});
