// Prism's HTTP engine, loaded with an English-only faker and without Postman support until they are used.
//
// @stoplight/prism-http requires @faker-js/faker at load time, and faker's main entry builds every
// one of its locales: more than half of the time it takes to load Prism, for a generator that the
// mock uses only on `Prefer: dynamic=true`, where English does. So, before Prism loads, the faker it
// will require is put in Node's module cache as a stand-in for faker's own English build, in the shape
// Prism reads (`.default`), which loads that build the first time anything reads from it (about 100 ms
// of CPU per start otherwise; json-schema-faker reads it only for schemas that ask for faker, and this
// spec's have none). When that build is not where faker 6 keeps it, Prism loads faker as it always does.
//
// Prism's spec reader (@stoplight/http-spec) also requires postman-collection at load time, 245
// modules and about 90 ms of CPU per start (a mock, `npm start` and the proxy each pay it), to read
// Postman collections, which a mock of an OpenAPI spec never gets. Its stand-in loads the real
// package the first time anything is read from it.
//
// Also here: how the mock and the proxy turn an HTTP request into Prism's input, the same way.
import { readFile } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import Module, { createRequire } from "node:module";
import { dirname } from "node:path";

const require = createRequire(import.meta.url);

/** The file the last of `chain` resolves to, each package as the one before it requires it. */
function resolveFrom(first: string, ...rest: string[]): string {
  return rest.reduce((from, specifier) => require.resolve(specifier, { paths: [dirname(from)] }), require.resolve(first));
}

/** An object that is `load()`'s result, which it gets the first time anything is read from it. */
function loadedOnFirstUse(load: () => object): object {
  let real: object | undefined;
  const target = () => (real ??= load());
  return new Proxy(
    {},
    {
      get: (_, key) => Reflect.get(target(), key),
      has: (_, key) => Reflect.has(target(), key),
      ownKeys: () => Reflect.ownKeys(target()),
      getOwnPropertyDescriptor: (_, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(target(), key);
        return descriptor && { ...descriptor, configurable: true };
      },
    },
  );
}

/** Puts `exports` in the module cache as the module at `entry`, unless that module is loaded already. */
function cacheAs(entry: string, exports: object): void {
  if (require.cache[entry]) return;
  const standIn = new Module(entry);
  standIn.filename = entry;
  standIn.loaded = true;
  standIn.exports = exports;
  require.cache[entry] = standIn;
}

try {
  const fakerEntry = resolveFrom("@stoplight/prism-http", "@faker-js/faker");
  const englishEntry = resolveFrom("@stoplight/prism-http", "@faker-js/faker/locale/en");
  // Prism hands `.default` to json-schema-faker at load time, so the value itself is the stand-in.
  const english = loadedOnFirstUse(() => require(englishEntry) as object);
  cacheAs(fakerEntry, { default: english, faker: english });
} catch {
  // Another faker layout: Prism loads the full one itself.
}
try {
  const postmanEntry = resolveFrom("@stoplight/prism-http", "@stoplight/http-spec", "postman-collection");
  cacheAs(
    postmanEntry,
    loadedOnFirstUse(() => {
      delete require.cache[postmanEntry];
      return require(postmanEntry) as object;
    }),
  );
} catch {
  // Not installed where Prism would find it: Prism loads what it finds, as it always does.
}

export const { createInstance, getHttpOperationsFromSpec, ProblemJsonError } = require("@stoplight/prism-http") as typeof import("@stoplight/prism-http");
export const { createLogger } = require("@stoplight/prism-core") as typeof import("@stoplight/prism-core");
export type { IHttpConfig, IHttpRequest } from "@stoplight/prism-http";
export type { IPrismDiagnostic } from "@stoplight/prism-core";

/** The bundled spec's operations as Prism reads them, and its server path (`/v1`), which Prism's paths leave out. */
export async function loadOperations() {
  const spec = JSON.parse(await readFile(new URL("../../generated/openapi.json", import.meta.url), "utf8")) as { servers: { url: string }[] };
  return { basePath: new URL(spec.servers[0]!.url).pathname.replace(/\/$/, ""), operations: await getHttpOperationsFromSpec(spec) };
}

export async function readBody(request: IncomingMessage): Promise<string> {
  let text = "";
  for await (const chunk of request) text += chunk;
  return text;
}

/**
 * The path Prism matches: inside the server path, without it, and without the trailing slash that
 * the Python, Ruby and .NET SDKs send (Plivo takes both); the server path itself is `/` (Prism
 * answers an empty path with a 500). Outside it, undefined.
 */
export function operationPath(pathname: string, basePath: string): string | undefined {
  if (pathname !== basePath && !pathname.startsWith(`${basePath}/`)) return undefined;
  return pathname.slice(basePath.length).replace(/(.)\/$/, "$1") || "/";
}

/** A body as Prism's server reads it: parsed when the request says JSON and it parses, else the text as it came. */
export function jsonOrText(text: string, contentType: string | undefined): unknown {
  if (!text) return undefined;
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(;|$)/i.test(contentType ?? "")) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text; // Prism then reports a body that is not the documented object.
  }
}
