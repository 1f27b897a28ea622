// The API docs as generated artifacts: `redocly build-docs` renders docs/index.html from the spec, and
// the Redoc script it needs in the browser is served next to it (docs/redoc.standalone.js) instead of
// from Redocly's CDN, so the page works offline and on GitHub Pages. Called by generate.mjs.
//
// The page is built from the bundle with each named example's key written into its description
// (withExampleKeys): Redoc shows an example's summary, never its key, and the key is what a reader
// sends to the mock as `Prefer: example=…`. So the page's "Download" gives that copy of the bundle.
//
// Three exact, checked edits make the page load nothing from the internet and log no error:
// - the CDN <script> becomes the local copy, once the copy is proven identical (version and SRI hash);
// - the copy's one remote image (the "API docs by Redocly" logo, fetched after load) becomes inline;
// - the page renders from the prerendered state instead of hydrating it: @redocly/cli 2.55 prerenders
//   with React 19 and Redoc 2.5.4's bundle hydrates with React 18, which fails (React errors #418 and
//   #423 on the stock page). The prerendered HTML still shows until the script has run.
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const template = fileURLToPath(new URL("api-docs.hbs", import.meta.url));
const require = createRequire(import.meta.url);

/** The script tag build-docs writes: Redoc's standalone bundle from the CDN, pinned by version and hash. */
const cdnScriptTag =
  /<script src="https:\/\/cdn\.redocly\.com\/redoc\/v([^/"]+)\/bundles\/redoc\.standalone\.js" integrity="(sha384-[A-Za-z0-9+/=]+)" crossorigin="anonymous"><\/script>/g;

export const localRedocScript = "redoc.standalone.js";

const hydrateCall = "Redoc.hydrate(__redoc_state, container);";
const renderCall = "Redoc.init(__redoc_state.spec.data, __redoc_state.options, container);";
const remoteLogo = '"https://cdn.redoc.ly/redoc/logo-mini.svg"';
// A blank 16x16 image: the attribution link keeps its text and loses nothing else.
const inlineLogo = `"data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"/>')}"`;

/** `text` with the one occurrence of `search` replaced; throws when there is not exactly one. */
function replaceOnce(text, search, replacement, what) {
  const count = text.split(search).length - 1;
  if (count !== 1) throw new Error(`Expected one ${what}, found ${count}: has the Redoc or @redocly/cli version changed?`);
  return text.replace(search, () => replacement);
}

/** The `redoc` package's standalone bundle, with its version. */
async function installedRedoc() {
  const { version } = require("redoc/package.json");
  const script = await readFile(require.resolve("redoc/bundles/redoc.standalone.js"), "utf8");
  return { version, script };
}

/**
 * Points the page at the local copy of Redoc, after checking that the copy is byte for byte the
 * script the CDN tag asked for (same version, same SRI hash): otherwise hydration could break.
 */
export function useLocalRedoc(html, redoc) {
  const tags = [...html.matchAll(cdnScriptTag)];
  if (tags.length !== 1) {
    throw new Error(`Expected one Redoc CDN <script> in the build-docs output, found ${tags.length}: has @redocly/cli changed its page?`);
  }
  const [tag, version, integrity] = tags[0];
  const hash = `sha384-${createHash("sha384").update(redoc.script).digest("base64")}`;
  if (version !== redoc.version || hash !== integrity) {
    throw new Error(
      `@redocly/cli renders with Redoc ${version} (${integrity}) but the installed redoc package is ${redoc.version} (${hash}).\n` +
        `Fix: npm install --save-exact -D redoc@${version}`,
    );
  }
  const local = html.replace(tag, `<script src="${localRedocScript}"></script>`);
  return replaceOnce(local, hydrateCall, renderCall, "Redoc.hydrate call in the page");
}

const HTTP_METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

/**
 * A copy of the bundle `spec` in which every named example's description starts by naming its key,
 * and for a response example the `Prefer` header that gets it from the mock. An example whose
 * description already names its key in backticks is left as it is.
 */
export function withExampleKeys(spec) {
  const copy = structuredClone(spec);
  const resolve = (node) => (node?.$ref ? copy.components.examples[node.$ref.split("/").pop()] : node);
  const label = (examples, hint) => {
    for (const [key, example] of Object.entries(examples ?? {})) {
      const resolved = resolve(example);
      const description = resolved.description ?? "";
      if (description.includes(`\`${key}\``)) continue;
      const named = `Example \`${key}\`${hint(key)}.`;
      examples[key] = { ...resolved, description: description ? `${named} ${description}` : named };
    }
  };
  for (const pathItem of Object.values(copy.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      const body = operation.requestBody?.$ref ? copy.components.requestBodies[operation.requestBody.$ref.split("/").pop()] : operation.requestBody;
      for (const media of Object.values(body?.content ?? {})) label(media.examples, () => "");
      for (const [code, response] of Object.entries(operation.responses ?? {})) {
        const resolved = response.$ref ? copy.components.responses[response.$ref.split("/").pop()] : response;
        // A shared response component is labelled once per status it is used for: copied, not edited.
        const own = operation.responses[code] = structuredClone(resolved);
        for (const media of Object.values(own.content ?? {})) label(media.examples, (key) => `: ask the mock for it with \`Prefer: code=${code}, example=${key}\``);
      }
    }
  }
  return copy;
}

/** docs/index.html and docs/redoc.standalone.js, keyed by path, built from the bundle `spec` with `runRedocly(args)`. */
export async function buildApiDocs(spec, runRedocly) {
  const scratch = await mkdtemp(join(tmpdir(), "phlo-docs-"));
  try {
    const source = join(scratch, "openapi.json");
    await writeFile(source, JSON.stringify(withExampleKeys(spec), null, 2));
    const output = join(scratch, "index.html");
    await runRedocly(["build-docs", source, "--template", template, "--output", output]);
    const redoc = await installedRedoc();
    return new Map([
      ["docs/index.html", useLocalRedoc(await readFile(output, "utf8"), redoc)],
      [`docs/${localRedocScript}`, replaceOnce(redoc.script, remoteLogo, inlineLogo, "remote logo URL in Redoc")],
    ]);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
