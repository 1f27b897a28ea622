// The API docs as a reader gets them: docs/ served by the same static server `npm start` uses, opened
// in headless Chromium with a fresh profile and no network beyond this machine. What the page must
// show is read from generated/openapi.json, not listed here, so a new operation, status, example or
// code sample is checked as soon as it is in the spec. The checks are one function, checkDocsPage,
// proven able to fail on a copy of the docs whose embedded spec lost one documented status.
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../bench/lib/app-bundle.js";
import { startStaticServer, type StaticServer } from "../../scripts/static-server.js";
import { bundle, deref, type JsonObject } from "../helpers/spec.js";

const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const docsDir = join(projectRoot, "docs");
const HTTP_METHODS = ["get", "put", "post", "delete", "patch"];

type Spec = JsonObject;

interface DocsOperation {
  operationId: string;
  summary: string;
  /** Each documented status with the texts its examples must show: the api_id and any error. */
  responses: { code: string; sentinels: string[] }[];
  /** Request body field names and the enum values of those fields. */
  fields: string[];
  enumValues: string[];
  samples: { label: string; firstLine: string }[];
}

/** What the page must show for each operation of `spec`. */
function expectedOperations(spec: Spec): DocsOperation[] {
  return Object.values(spec.paths as JsonObject).flatMap((pathItem) => {
    const item = deref<JsonObject>(pathItem);
    return HTTP_METHODS.filter((method) => item[method]).map((method) => {
      const operation = deref<JsonObject & { responses: JsonObject; requestBody?: unknown }>(item[method]);
      const responses = Object.entries(operation.responses).map(([code, response]) => {
        const content = deref<{ content?: Record<string, { examples?: Record<string, unknown> }> }>(response).content ?? {};
        const values = Object.values(content["application/json"]?.examples ?? {}).map((e) => deref<{ value: JsonObject }>(e).value);
        const sentinels = values.flatMap((value) => [value.api_id, value.error]).filter((text): text is string => typeof text == "string" && text !== "");
        return { code, sentinels };
      });
      const body = operation.requestBody
        ? deref<JsonObject>(deref<{ content: Record<string, { schema: unknown }> }>(operation.requestBody).content["application/json"]!.schema)
        : { properties: {} };
      const properties = Object.entries((body.properties ?? {}) as JsonObject);
      return {
        operationId: String(operation.operationId),
        summary: String(operation.summary),
        responses,
        fields: properties.map(([name]) => name),
        enumValues: properties.flatMap(([, schema]) => (deref<{ enum?: string[] }>(schema).enum ?? []).map(String)),
        samples: ((operation["x-codeSamples"] ?? []) as { label: string; source: string }[]).map(({ label, source }) => ({
          label,
          firstLine: source.split("\n")[0]!.trim(),
        })),
      };
    });
  });
}

/** The headings and the diagram's lines of the spec's own description (the lifecycle section). */
function introTexts(spec: Spec): string[] {
  const description = String((spec.info as JsonObject).description);
  const headings = [...description.matchAll(/^#+\s+(.+)$/gm)].map((match) => match[1]!.trim());
  const diagrams = [...description.matchAll(/^```[^\n]*\n([\s\S]*?)^```/gm)].flatMap((match) => match[1]!.split("\n"));
  return [...headings, ...diagrams.map(collapse).filter(Boolean)];
}

const collapse = (text: string) => text.replace(/\s+/g, " ").trim();

/** Opens one response tab or code-sample tab and returns its panel's text, for each example it can show. */
async function tabPanelTexts(page: Page, section: ReturnType<Page["locator"]>, tabName: string): Promise<string[] | undefined> {
  const tab = section.getByRole("tab", { name: tabName, exact: true });
  if ((await tab.count()) !== 1) return undefined;
  await tab.click();
  const panel = page.locator(`[id="${await tab.getAttribute("aria-controls")}"]`);
  const select = panel.locator("select");
  if ((await select.count()) === 0) return [await panel.innerText()];
  const texts: string[] = [];
  for (const value of await select.locator("option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))) {
    await select.selectOption(value);
    texts.push(await panel.innerText());
  }
  return texts;
}

/** Everything the rendered page fails to show of `spec`; empty when the docs are complete. */
async function checkDocsPage(page: Page, spec: Spec): Promise<string[]> {
  const problems: string[] = [];
  const pageText = collapse(await page.locator("body").innerText());
  for (const text of introTexts(spec)) if (!pageText.includes(text)) problems.push(`introduction: "${text}" not shown`);
  for (const operation of expectedOperations(spec)) {
    const where = operation.operationId;
    const section = page.locator(`[data-section-id="operation/${operation.operationId}"]`);
    if ((await section.count()) !== 1) {
      problems.push(`${where}: no section on the page`);
      continue;
    }
    if (!(await section.locator("h2", { hasText: operation.summary }).isVisible())) problems.push(`${where}: summary "${operation.summary}" not visible`);
    const sectionText = await section.innerText();
    for (const field of operation.fields) if (!sectionText.includes(field)) problems.push(`${where}: request field ${field} not shown`);
    for (const value of operation.enumValues) if (!sectionText.includes(`"${value}"`)) problems.push(`${where}: enum value ${value} not shown`);
    for (const { code, sentinels } of operation.responses) {
      const texts = await tabPanelTexts(page, section, code);
      if (!texts) {
        problems.push(`${where}: status ${code} not shown`);
        continue;
      }
      for (const sentinel of sentinels) if (!texts.some((text) => text.includes(sentinel))) problems.push(`${where}: ${code} example "${sentinel}" not shown`);
    }
    for (const { label, firstLine } of operation.samples) {
      const texts = await tabPanelTexts(page, section, label);
      if (!texts) problems.push(`${where}: no code sample tab "${label}"`);
      else if (!texts[0]!.includes(firstLine)) problems.push(`${where}: code sample "${label}" does not show its code`);
    }
  }
  return problems;
}

// Redoc calls init's callback once it has rendered the spec; the page does not pass one, so the
// test wraps init as the script defines it. A string, so no transpiler helper leaks into the page.
const signalRendered = `(() => {
  let redoc;
  Object.defineProperty(window, "Redoc", {
    configurable: true,
    get: () => redoc,
    set(value) {
      redoc = { ...value, init: (spec, options, element, done) =>
        value.init(spec, options, element, (error) => { window.__docsRendered = error ? String(error) : "ok"; done?.(error); }) };
    },
  });
})();`;

/** Every request of the browser to anything but this machine, refused and recorded here. */
async function refuseRemoteRequests(context: BrowserContext): Promise<string[]> {
  const remoteRequests: string[] = [];
  await context.route("**/*", (route) => {
    const { hostname } = new URL(route.request().url());
    if (hostname === "127.0.0.1" || hostname === "localhost") return route.continue();
    remoteRequests.push(route.request().url());
    return route.abort("blockedbyclient");
  });
  return remoteRequests;
}

/** A new page on `url`, once Redoc has rendered it, with the console errors and page errors it logged. */
async function openDocs(context: BrowserContext, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  await page.addInitScript(signalRendered);
  await page.goto(url, { waitUntil: "load" });
  const rendered = await page.waitForFunction(() => (window as { __docsRendered?: string }).__docsRendered, undefined, { timeout: 20_000 });
  const outcome = await rendered.jsonValue();
  if (outcome !== "ok") errors.push(`Redoc did not render the spec: ${outcome}`);
  return { page, errors };
}

/** A copy of docs/ whose embedded spec has lost response `code` of `operationId`. */
async function docsWithoutResponse(operationId: string, code: string): Promise<string> {
  const copy = await mkdtemp(join(tmpdir(), "phlo-docs-tampered-"));
  await cp(docsDir, copy, { recursive: true });
  const html = await readFile(join(copy, "index.html"), "utf8");
  const declaration = /const __redoc_state = (.*);\n/;
  const state = JSON.parse(html.match(declaration)![1]!) as { spec: { data: Spec } };
  const operation = Object.values(state.spec.data.paths as Record<string, JsonObject>)
    .flatMap((item) => HTTP_METHODS.map((method) => item[method] as JsonObject | undefined))
    .find((candidate) => candidate?.operationId === operationId) as { responses: JsonObject };
  delete operation.responses[code];
  await writeFile(join(copy, "index.html"), html.replace(declaration, () => `const __redoc_state = ${JSON.stringify(state)};\n`));
  return copy;
}

if (!existsSync(chromiumPath) && process.env.CI !== "true") {
  console.warn(
    `\n!!! test/docs/browser.test.ts SKIPPED: no Chromium at ${chromiumPath}.\n` +
      "!!! Install it (`apt-get install chromium`) or set CHROMIUM_PATH to a Chromium binary. Under CI=true this fails instead.\n",
  );
}

describe.skipIf(!existsSync(chromiumPath) && process.env.CI !== "true")("the API docs in headless Chromium", () => {
  let context: BrowserContext;
  let profile: string;
  let server: StaticServer;
  let remoteRequests: string[];
  const servers: StaticServer[] = [];
  const scratch: string[] = [];

  beforeAll(async () => {
    if (!existsSync(chromiumPath)) throw new Error(`CI=true and no Chromium at ${chromiumPath}: install chromium or set CHROMIUM_PATH`);
    server = await startStaticServer(docsDir);
    profile = await mkdtemp(join(tmpdir(), "phlo-docs-profile-"));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    remoteRequests = await refuseRemoteRequests(context);
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await Promise.all([server, ...servers].map((s) => s?.close()));
    await Promise.all([profile, ...scratch].filter(Boolean).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it("shows every operation, field, enum value, status, example and code sample of the spec, offline and without errors", async () => {
    const { page, errors } = await openDocs(context, server.url);
    await mkdir(join(projectRoot, "artifacts"), { recursive: true });
    await page.screenshot({ path: join(projectRoot, "artifacts/docs.png"), fullPage: true });
    expect(await checkDocsPage(page, bundle)).toEqual([]);
    expect(errors).toEqual([]);
    expect(remoteRequests).toEqual([]);
    await page.close();
  }, 60_000);

  it("reports a documented status that the page does not show", async () => {
    // The first operation with a 404, so that the experiment follows the spec.
    const target = expectedOperations(bundle).find((operation) => operation.responses.some(({ code }) => code === "404"))!;
    const copy = await docsWithoutResponse(target.operationId, "404");
    scratch.push(copy);
    const tampered = await startStaticServer(copy);
    servers.push(tampered);
    const { page, errors } = await openDocs(context, tampered.url);
    const problems = await checkDocsPage(page, bundle);
    expect(errors).toEqual([]);
    expect(problems).toContain(`${target.operationId}: status 404 not shown`);
    expect(problems.filter((problem) => problem.includes(" 404 "))).toHaveLength(1);
    await page.close();
  }, 60_000);
});
