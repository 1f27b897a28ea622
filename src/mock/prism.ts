// Prism's HTTP engine, loaded with an English-only faker.
//
// @stoplight/prism-http requires @faker-js/faker at load time, and faker's main entry builds every
// one of its locales: more than half of the time it takes to load Prism, for a generator that the
// mock uses only on `Prefer: dynamic=true`, where English does. So, before Prism loads, the faker it
// will require is put in Node's module cache as faker's own English build, in the shape Prism reads
// (`.default`). When that build is not where faker 6 keeps it, Prism loads faker as it always does.
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

preloadEnglishFaker();

export const { createInstance, getHttpOperationsFromSpec, ProblemJsonError } = require("@stoplight/prism-http") as typeof import("@stoplight/prism-http");
export const { createLogger } = require("@stoplight/prism-core") as typeof import("@stoplight/prism-core");
export type { IHttpConfig, IHttpRequest } from "@stoplight/prism-http";
export type { IPrismDiagnostic } from "@stoplight/prism-core";
