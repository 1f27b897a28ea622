// @module-tag process: every test here starts a program of its own (vitest.config.ts).
// How src/mock/prism.ts loads Prism: faker's English build and Postman support are stand-ins in the
// module cache until something reads them, and then they are all there. In a fresh Node process:
// the test process shares its modules between test files, so another file may have loaded them.
import { describe, expect, it } from "vitest";
import { examplePath, operationById } from "../../src/contract/spec.js";
import { runProgram } from "../helpers/run-ts.js";

/** Run by Node with tsx: starts the mock, asks it twice, uses faker and Postman support as Prism finds them, and says what was loaded at each step. */
const program = `
import { createRequire } from "node:module";
import { startMock } from "./src/mock/index.ts";
const require = createRequire(import.meta.url);
const loaded = (part) => Object.keys(require.cache).filter((path) => path.includes("/node_modules/" + part + "/")).length;
const counts = () => ({ faker: loaded("@faker-js/faker"), postman: loaded("postman-collection") });
const steps = {};
const mock = await startMock();
const ask = async (headers) => (await fetch(mock.baseUrl + ${JSON.stringify(examplePath(operationById("getMultiPartyCall")))}, { headers: { authorization: "Basic aWQ6dG9rZW4=", ...headers } })).status;
steps.example = { status: await ask({}), ...counts() };
steps.generated = { status: await ask({ prefer: "dynamic=true" }), ...counts() };
const prismHttp = createRequire(require.resolve("@stoplight/prism-http"));
steps.faker = { word: typeof prismHttp("@faker-js/faker").default.lorem.word(), ...counts() };
const httpSpec = createRequire(prismHttp.resolve("@stoplight/http-spec"));
const postman = httpSpec("postman-collection");
steps.postman = { name: new postman.Collection({ info: { name: "phlo" } }).name, ...counts() };
await mock.stop();
console.log(JSON.stringify(steps));
`;

describe("Prism, as the mock and the proxy load it", () => {
  it("answers from the spec's examples without faker's and postman-collection's modules, and loads each the first time it is used", async () => {
    const run = await runProgram(process.execPath, ["--import", "tsx/esm", "--input-type=module", "-e", program]);
    expect(run.stderr).toBe("");
    const steps = JSON.parse(run.stdout) as Record<string, { status?: number; word?: string; name?: string; faker: number; postman: number }>;
    // One module each: the stand-in. Generated values (Prefer: dynamic=true) need no faker for this spec.
    expect(steps.example).toEqual({ status: 200, faker: 1, postman: 1 });
    expect(steps.generated).toEqual({ status: 200, faker: 1, postman: 1 });
    expect(steps.faker!.word).toBe("string");
    expect(steps.faker!.faker).toBeGreaterThan(100);
    expect(steps.faker!.postman).toBe(1);
    expect(steps.postman!.name).toBe("phlo");
    expect(steps.postman!.postman).toBeGreaterThan(100);
  });
});
