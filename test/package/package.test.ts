// What a consumer installs and bundles: the client entry needs openapi-fetch and nothing else, imports
// nothing from Node (so it runs in browsers, Deno and Bun), and stays within its size budget.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, mkdir, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../helpers/spec.js";

const root = fileURLToPath(projectRoot);
const run = promisify(execFile);
/** Issue 3's budget for an app that imports createPhloClient and calls warmTransfer (minified, gzipped). */
const CLIENT_APP_BUDGET_BYTES = 4300;

const packageJson = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as {
  dependencies: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  peerDependencies?: Record<string, string>;
};

let app: string;
beforeAll(async () => {
  // The built package, as npm would install it: node_modules/plivo-phlo-openapi → this project.
  await run(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: root });
  app = await mkdtemp(join(tmpdir(), "phlo-app-"));
  await mkdir(join(app, "node_modules"));
  await symlink(root, join(app, "node_modules/plivo-phlo-openapi"));
  await writeFile(
    join(app, "app.js"),
    [
      'import { createPhloClient } from "plivo-phlo-openapi";',
      "const phlo = createPhloClient({ authId: globalThis.AUTH_ID, authToken: globalThis.AUTH_TOKEN });",
      'const { apiId } = await phlo.warmTransfer({ phloId: "p", nodeId: "n", triggerSource: "12025550000", to: "12025551111" });',
      "console.log(apiId);",
    ].join("\n"),
  );
}, 120_000);
afterAll(() => rm(app, { recursive: true, force: true }));

async function bundleApp() {
  const result = await build({
    entryPoints: [join(app, "app.js")],
    bundle: true,
    minify: true,
    format: "esm",
    // Neither Node nor browser: any `node:` import or Node-only package fails the build.
    platform: "neutral",
    mainFields: ["module", "main"],
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  return { code: result.outputFiles[0]!.contents, metafile: result.metafile };
}

describe("the client entry", () => {
  it("has openapi-fetch as its only runtime dependency", () => {
    expect(Object.keys(packageJson.dependencies)).toEqual(["openapi-fetch"]);
    for (const name of Object.keys(packageJson.peerDependencies ?? {})) {
      expect(packageJson.peerDependenciesMeta?.[name]?.optional, `peer dependency ${name} must be optional`).toBe(true);
    }
  });

  it("bundles for a neutral platform with no import left: no node: module, nothing external", async () => {
    const { metafile } = await bundleApp();
    const [output] = Object.values(metafile.outputs);
    expect(output!.imports).toEqual([]);
    const inputs = Object.keys(metafile.inputs);
    expect(inputs.filter((input) => input.includes("node_modules/") && !input.includes("openapi-fetch"))).toEqual([]);
  });

  it(`an app calling warmTransfer is at most ${CLIENT_APP_BUDGET_BYTES} bytes minified and gzipped`, async () => {
    const { code } = await bundleApp();
    const gzipped = gzipSync(code).byteLength;
    console.info(`client app bundle: ${code.byteLength} bytes minified, ${gzipped} bytes gzipped`);
    expect(gzipped).toBeLessThanOrEqual(CLIENT_APP_BUDGET_BYTES);
  });
});
