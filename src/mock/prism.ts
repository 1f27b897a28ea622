// Prism's HTTP engine, loaded with an English-only faker and without Postman support.
//
// @stoplight/prism-http requires @faker-js/faker at load time, and faker's main entry builds every
// one of its locales: more than half of the time it takes to load Prism, for a generator that the
// mock uses only on `Prefer: dynamic=true`, where English does. So, before Prism loads, the faker it
// will require is put in Node's module cache as faker's own English build, in the shape Prism reads
// (`.default`). When that build is not where faker 6 keeps it, Prism loads faker as it always does.
//
// Prism's spec reader (@stoplight/http-spec) also requires postman-collection at load time, 245
// modules and about 90 ms of CPU per start (a mock, `npm start` and the proxy each pay it), to read
// Postman collections, which a mock of an OpenAPI spec never gets. It is deferred: a stand-in in the
// module cache loads the real package the first time anything is read from it.
//
// Also here: how the mock and the proxy turn an HTTP request into Prism's input, the same way.
import { readFile } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import Module, { createRequire } from "node:module";
import { dirname } from "node:path";

const require = createRequire(import.meta.url);

function preloadEnglishFaker(): void {
  try {
    const prismDirectory = dirname(require.resolve("@stoplight/prism-http"));
    const fakerEntry = require.resolve("@faker-js/faker", { paths: [prismDirectory] });
    if (require.cache[fakerEntry]) return;
    const english: unknown = require(require.resolve("@faker-js/faker/locale/en", { paths: [prismDirectory] }));
    const faker = new Module(fakerEntry);
    faker.filename = fakerEntry;
    faker.loaded = true;
    faker.exports = { default: english, faker: english };
    require.cache[fakerEntry] = faker;
  } catch {
    // Another faker layout: Prism loads the full one itself.
  }
}

/**
 * Puts a stand-in in the module cache for the module that the last of `chain` resolves to, each
 * package as the one before it requires it: the real module loads when first used.
 */
function deferLoading(...chain: string[]): void {
  try {
    const [first, ...rest] = chain;
    const entry = rest.reduce((from, specifier) => require.resolve(specifier, { paths: [dirname(from)] }), require.resolve(first!));
    if (require.cache[entry]) return;
    let real: object | undefined;
    const load = (): object => {
      if (real === undefined) {
        delete require.cache[entry];
        real = require(entry) as object;
      }
      return real;
    };
    const standIn = new Module(entry);
    standIn.filename = entry;
    standIn.loaded = true;
    standIn.exports = new Proxy(
      {},
      {
        get: (_, key) => Reflect.get(load(), key),
        has: (_, key) => Reflect.has(load(), key),
        ownKeys: () => Reflect.ownKeys(load()),
        getOwnPropertyDescriptor: (_, key) => {
          const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
          return descriptor && { ...descriptor, configurable: true };
        },
      },
    );
    require.cache[entry] = standIn;
  } catch {
    // Not installed where Prism would find it: Prism loads what it finds, as it always does.
  }
}

preloadEnglishFaker();
deferLoading("@stoplight/prism-http", "@stoplight/http-spec", "postman-collection");

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
