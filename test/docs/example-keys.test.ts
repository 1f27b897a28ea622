// The docs build names each example's key (Redoc shows only its summary), so a reader can ask the mock
// for it. withExampleKeys works on a copy of the bundle; this checks what it writes and what it leaves.
import { describe, expect, it } from "vitest";
import { withExampleKeys } from "../../scripts/api-docs.mjs";
import { bundle } from "../helpers/spec.js";

type Example = { summary?: string; description?: string; value?: unknown; $ref?: string };
type Media = { examples?: Record<string, Example> };

const spec = {
  openapi: "3.1.0",
  paths: {
    "/calls": {
      post: {
        requestBody: { content: { "application/json": { examples: { dial: { summary: "Dial", value: { to: "1" } } } } } },
        responses: {
          "201": { content: { "application/json": { examples: { started: { $ref: "#/components/examples/Started" } } } } },
          "404": { $ref: "#/components/responses/NotFound" },
        },
      },
    },
  },
  components: {
    examples: { Started: { summary: "Started", description: "Plivo's own example.", value: { api_id: "a" } } },
    responses: {
      NotFound: { content: { "application/json": { examples: { gone: { description: "Already named: `gone`.", value: {} } } } } },
    },
  },
};

describe("withExampleKeys", () => {
  const labelled = withExampleKeys(spec);
  const operation = labelled.paths["/calls"].post;
  const examples = (media: Media) => media.examples!;

  it("names a request example's key before its description", () => {
    expect(examples(operation.requestBody.content["application/json"]).dial).toEqual({ summary: "Dial", description: "Example `dial`.", value: { to: "1" } });
  });

  it("names a response example's key and the Prefer header that gets it from the mock, resolving its $ref", () => {
    expect(examples(operation.responses["201"].content["application/json"]).started).toEqual({
      summary: "Started",
      description: "Example `started`: ask the mock for it with `Prefer: code=201, example=started`. Plivo's own example.",
      value: { api_id: "a" },
    });
  });

  it("leaves an example whose description already names its key, and the input untouched", () => {
    expect(examples(operation.responses["404"].content["application/json"]).gone!.description).toBe("Already named: `gone`.");
    expect(spec.components.examples.Started.description).toBe("Plivo's own example.");
    expect(spec.paths["/calls"].post.responses["404"]).toEqual({ $ref: "#/components/responses/NotFound" });
  });

  it("names every named example of the project's bundle", () => {
    // Every key of every named-examples map in the bundle's paths (a schema's `examples` is a list).
    const keys = (node: unknown): string[] =>
      node && typeof node == "object"
        ? Object.entries(node).flatMap(([name, child]) => (name === "examples" && !Array.isArray(child) ? Object.keys(child as object) : keys(child)))
        : [];
    const expected = keys(bundle.paths);
    expect(expected.length).toBeGreaterThan(10);
    const page = JSON.stringify(withExampleKeys(bundle).paths);
    for (const key of expected) expect(page).toContain("Example `" + key + "`");
  });
});
