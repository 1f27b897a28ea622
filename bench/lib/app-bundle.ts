// Bundles a tiny app the way a consumer's build would (esbuild, minified), with this package
// installed under its own name, and reports minified and gzipped sizes. Used by the bundle-size
// benchmark and by test/package (the size budget).
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { build, type Metafile, type Platform } from "esbuild";

export const projectRoot = fileURLToPath(new URL("../../", import.meta.url));

/** Compiles src/ to dist/, which the package's `exports` point at, with the project's own `npm run build`. */
export async function buildPackage(): Promise<void> {
  await promisify(execFile)("npm", ["run", "-s", "build"], { cwd: projectRoot });
}

export interface AppBundle {
  minifiedBytes: number;
  gzippedBytes: number;
  metafile: Metafile;
}

/** Bundles `source` (an ES module) as an app that has this package and the project's dependencies installed. */
export async function bundleApp(source: string, platform: Platform): Promise<AppBundle> {
  const app = await mkdtemp(join(tmpdir(), "phlo-app-"));
  try {
    await mkdir(join(app, "node_modules"));
    await symlink(projectRoot, join(app, "node_modules/plivo-phlo-openapi"));
    await writeFile(join(app, "app.mjs"), source);
    const result = await build({
      entryPoints: [join(app, "app.mjs")],
      bundle: true,
      minify: true,
      format: "esm",
      platform,
      // Neutral means neither Node nor a browser: a `node:` import fails the build.
      ...(platform === "neutral" ? { mainFields: ["module", "main"] } : {}),
      nodePaths: [join(projectRoot, "node_modules")],
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const code = result.outputFiles[0]!.contents;
    return { minifiedBytes: code.byteLength, gzippedBytes: gzipSync(code).byteLength, metafile: result.metafile };
  } finally {
    await rm(app, { recursive: true, force: true });
  }
}

/** The same job in each contender: one warm transfer with the seed's values. */
export const WARM_TRANSFER_APPS = {
  "this client": [
    'import { createPhloClient } from "plivo-phlo-openapi";',
    "const phlo = createPhloClient({ authId: globalThis.AUTH_ID, authToken: globalThis.AUTH_TOKEN });",
    'const { apiId } = await phlo.warmTransfer({ phloId: "p", nodeId: "n", triggerSource: "12025550000", to: "12025551111" });',
    "console.log(apiId);",
  ].join("\n"),
  "official plivo SDK": [
    'import plivo from "plivo";',
    "const client = new plivo.PhloClient(globalThis.AUTH_ID, globalThis.AUTH_TOKEN);",
    'const { apiId } = await client.phlo("p").multiPartyCall("n").warmTransfer("12025550000", "12025551111", "agent");',
    "console.log(apiId);",
  ].join("\n"),
  "raw fetch": [
    'const response = await fetch("https://phlorunner.plivo.com/v1/phlo/p/multi_party_call/n", {',
    '  method: "POST",',
    '  headers: { Authorization: `Basic ${btoa(`${globalThis.AUTH_ID}:${globalThis.AUTH_TOKEN}`)}`, "Content-Type": "application/json" },',
    '  body: JSON.stringify({ action: "warm_transfer", trigger_source: "12025550000", role: "agent", to: "12025551111" }),',
    "});",
    "console.log((await response.json()).api_id);",
  ].join("\n"),
} as const;
