// @module-tag process: every test here starts a program of its own (vitest.config.ts).
// What a consumer installs and bundles: the client entry needs openapi-fetch and nothing else, imports
// nothing from Node (so it runs in browsers, Deno and Bun), and stays within its size budget.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { bundleApp, projectRoot, WARM_TRANSFER_APPS } from "../../bench/lib/app-bundle.js";
import { builtPackage } from "../helpers/packed-package.js";

/** Issue 3's budget for an app that imports createPhloClient and calls warmTransfer (minified, gzipped). */
const CLIENT_APP_BUDGET_BYTES = 4300;

const packageJson = JSON.parse(await readFile(join(projectRoot, "package.json"), "utf8")) as {
  dependencies: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
};

// dist/ is built by the global setup, which packs the package once for the run.
beforeAll(() => builtPackage().then(() => undefined));

describe("the client entry", () => {
  it("has openapi-fetch as its only runtime dependency; any peer dependency is optional", () => {
    expect(Object.keys(packageJson.dependencies)).toEqual(["openapi-fetch"]);
    for (const name of Object.keys(packageJson.peerDependencies ?? {})) {
      expect(packageJson.peerDependenciesMeta?.[name]?.optional, `peer dependency ${name} must be optional`).toBe(true);
    }
  });

  it(`an app calling warmTransfer bundles for a neutral platform (no node: import) to at most ${CLIENT_APP_BUDGET_BYTES} bytes gzipped`, async () => {
    const { gzippedBytes, minifiedBytes, metafile } = await bundleApp(WARM_TRANSFER_APPS["this client"], "neutral");
    console.info(`client app bundle: ${minifiedBytes} bytes minified, ${gzippedBytes} bytes gzipped`);
    const [output] = Object.values(metafile.outputs);
    expect(output!.imports).toEqual([]);
    const packages = Object.keys(metafile.inputs).filter((input) => input.includes("node_modules/"));
    expect(packages.filter((input) => !input.includes("node_modules/openapi-fetch/"))).toEqual([]);
    expect(gzippedBytes).toBeLessThanOrEqual(CLIENT_APP_BUDGET_BYTES);
  });
});
