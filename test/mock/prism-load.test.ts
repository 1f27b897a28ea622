// How src/mock/prism.ts loads Prism: Postman support is deferred (a stand-in in the module cache),
// yet it is all there the moment anything reads it, and the engine answers meanwhile.
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { examplePath, operationById } from "../../src/contract/spec.js";
import { startMock } from "../../src/mock/index.js";

const require = createRequire(import.meta.url);
const httpSpec = createRequire(require.resolve("@stoplight/http-spec", { paths: [dirname(require.resolve("@stoplight/prism-http"))] }));
const postmanModulesLoaded = () => Object.keys(require.cache).filter((path) => path.includes("/node_modules/postman-collection/")).length;

describe("Prism, as the mock and the proxy load it", () => {
  it("answers from the spec without loading postman-collection's modules", async () => {
    const mock = await startMock();
    try {
      const response = await fetch(`${mock.baseUrl}${examplePath(operationById("getMultiPartyCall"))}`, { headers: { Authorization: `Basic ${btoa("id:token")}` } });
      expect(response.status).toBe(200);
    } finally {
      await mock.stop();
    }
    // The stand-in alone.
    expect(postmanModulesLoaded()).toBe(1);
  });

  it("loads the real postman-collection the first time something reads it", () => {
    const postman = httpSpec("postman-collection") as { Collection: new (definition: object) => { name: string } };
    expect(typeof postman.Collection).toBe("function");
    expect(new postman.Collection({ info: { name: "phlo" } }).name).toBe("phlo");
    expect(postmanModulesLoaded()).toBeGreaterThan(100);
    expect(Object.keys(postman)).toContain("Collection");
  });
});
