// @module-tag process: every test here starts a program of its own (vitest.config.ts).
// The API docs as a reader gets them: docs/ served by the same static server `npm start` uses, opened
// in headless Chromium with a fresh profile and no network beyond this machine. What the page must
// show is read from generated/openapi.json, not listed here, so a new operation, status, example or
// code sample is checked as soon as it is in the spec. The checks are one function, checkDocsPage,
// proven able to fail on a copy of the docs whose embedded spec lost one documented status.
//
// How the page reads is checked at the widths of a wide screen, a laptop and a phone, on one page
// resized to each (checkLayout, in every tab of every operation): no action name broken across
// lines, no element wider than the box it sits in, no sideways scrolling of the page, no code line
// cut off or needing sideways scrolling (only a diagram, a fence with no language, or a table in a
// description may scroll inside its own box). One screenshot per width is saved as
// artifacts/docs-<width>.png. The check is proven able to fail on a copy of the docs
// without the page's layout styles (scripts/api-docs.hbs, <style id="docs-layout">).
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
  /** Each documented status with the texts its examples must show: the api_id, any error, and each example's key. */
  responses: { code: string; sentinels: string[] }[];
  /** The keys of the request body's named examples. */
  requestExamples: string[];
  /** Request body field names and the enum values of those fields. */
  fields: string[];
  enumValues: string[];
  /** The values the body's `action` field takes. */
  actions: string[];
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
        const examples = Object.entries(content["application/json"]?.examples ?? {});
        const values = examples.map(([, example]) => deref<{ value: JsonObject }>(example).value);
        const sentinels = values.flatMap((value) => [value.api_id, value.error]).filter((text): text is string => typeof text == "string" && text !== "");
        // The key is what a reader sends to the mock as `Prefer: example=…`.
        return { code, sentinels: [...sentinels, ...examples.map(([key]) => `Example ${key}`)] };
      });
      const media = operation.requestBody
        ? deref<{ content: Record<string, { schema: unknown; examples?: JsonObject }> }>(operation.requestBody).content["application/json"]!
        : undefined;
      const body = media ? deref<JsonObject>(media.schema) : { properties: {} };
      const properties = Object.entries((body.properties ?? {}) as JsonObject);
      return {
        operationId: String(operation.operationId),
        summary: String(operation.summary),
        responses,
        requestExamples: Object.keys(media?.examples ?? {}),
        fields: properties.map(([name]) => name),
        enumValues: properties.flatMap(([, schema]) => (deref<{ enum?: string[] }>(schema).enum ?? []).map(String)),
        actions: properties.flatMap(([name, schema]) => (name === "action" ? (deref<{ enum?: string[] }>(schema).enum ?? []).map(String) : [])),
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
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The first line of the first fence with a language (code, not a diagram) in the spec's description. */
function firstCodeLineOfDescription(spec: Spec): string {
  const line = /^```\w+\n(.*)$/m.exec(String((spec.info as JsonObject).description))?.[1];
  if (!line) throw new Error("info.description has no fenced code with a language any more: update this test");
  return line.trim();
}

/**
 * Everything the rendered page fails to show of `spec`; empty when the docs are complete. The page
 * reads itself (__docsProblems): one call instead of some 850 browser round trips, one per tab,
 * example and text read, which cost about 1.5 s per check.
 */
function checkDocsPage(page: Page, spec: Spec): Promise<string[]> {
  return page.evaluate(
    ([operations, intro]) => (window as unknown as PageHelpers).__docsProblems(operations, intro),
    [expectedOperations(spec), introTexts(spec)] as const,
  );
}

/** What pageHelpers defines in the page. */
interface PageHelpers {
  __docsProblems(operations: DocsOperation[], introTexts: string[]): Promise<string[]>;
  __eachPanelState<T>(tab: Element, visit: (panel: HTMLElement) => T): Promise<T[]>;
  __layoutProblems(root: Element, actionNames: string[]): string[];
  __layoutProblemsInEveryTab(actionNames: string[]): Promise<string[]>;
}

// Helpers run inside the page, so that visiting every tab and example is one call, not dozens of
// browser round trips. A string, like signalRendered, so that no transpiler helper leaks into the page.
//
// __docsProblems(operations, introTexts): what the page fails to show of each operation (see
// expectedOperations) and of the introduction. A tab is found by its text, as a reader finds it.
//
// __eachPanelState(tab, visit): clicks `tab` and calls `visit` on its panel once for each example
// the panel's drop-down offers (React renders the change by the next task).
//
// __layoutProblems(root, actionNames): how `root` reads. A "box" is what a reader sees as one: an
// element that clips or scrolls, or has a border or a background. An element may not stick out of
// its box unless the box scrolls; then the box itself is judged: only a diagram or table in a
// description may need sideways scrolling, code may not.
const pageHelpers = `(() => {
  const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
  window.__eachPanelState = async (tab, visit) => {
    tab.click();
    await nextTask();
    const panel = document.getElementById(tab.getAttribute("aria-controls"));
    const select = panel.querySelector("select");
    if (!select) return [visit(panel)];
    const results = [];
    for (const option of [...select.options]) {
      select.value = option.value;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      await nextTask();
      results.push(visit(panel));
    }
    return results;
  };
  const collapse = (text) => text.replace(/\\s+/g, " ").trim();
  const visible = (el) => { const rect = el.getBoundingClientRect(); return rect.width > 0 && rect.height > 0 && getComputedStyle(el).visibility !== "hidden"; };
  const tabNamed = (section, name) => {
    const tabs = [...section.querySelectorAll('[role="tab"]')].filter((tab) => collapse(tab.textContent) === name);
    return tabs.length === 1 ? tabs[0] : undefined;
  };
  const panelTexts = (section, name) => {
    const tab = tabNamed(section, name);
    return tab ? window.__eachPanelState(tab, (panel) => panel.innerText) : undefined;
  };
  window.__docsProblems = async (operations, introTexts) => {
    const problems = [];
    const pageText = collapse(document.body.innerText);
    for (const text of introTexts) if (!pageText.includes(text)) problems.push("introduction: \\"" + text + "\\" not shown");
    for (const operation of operations) {
      const where = operation.operationId;
      const sections = document.querySelectorAll('[data-section-id="operation/' + operation.operationId + '"]');
      if (sections.length !== 1) {
        problems.push(where + ": no section on the page");
        continue;
      }
      const section = sections[0];
      const summaries = [...section.querySelectorAll("h2")].filter((h2) => collapse(h2.textContent).includes(operation.summary));
      if (!summaries.some(visible)) problems.push(where + ": summary \\"" + operation.summary + "\\" not visible");
      const sectionText = section.innerText;
      for (const field of operation.fields) if (!sectionText.includes(field)) problems.push(where + ": request field " + field + " not shown");
      for (const value of operation.enumValues) if (!sectionText.includes("\\"" + value + "\\"")) problems.push(where + ": enum value " + value + " not shown");
      for (const { code, sentinels } of operation.responses) {
        const texts = await panelTexts(section, code);
        if (!texts) {
          problems.push(where + ": status " + code + " not shown");
          continue;
        }
        for (const sentinel of sentinels) if (!texts.some((text) => text.includes(sentinel))) problems.push(where + ": " + code + " example \\"" + sentinel + "\\" not shown");
      }
      if (operation.requestExamples.length > 0) {
        const texts = (await panelTexts(section, "Payload")) ?? [];
        for (const key of operation.requestExamples) {
          if (!texts.some((text) => text.includes("Example " + key))) problems.push(where + ": request example " + key + " not shown with its key");
        }
      }
      for (const { label, firstLine } of operation.samples) {
        const texts = await panelTexts(section, label);
        if (!texts) problems.push(where + ": no code sample tab \\"" + label + "\\"");
        else if (!texts[0].includes(firstLine)) problems.push(where + ": code sample \\"" + label + "\\" does not show its code");
      }
    }
    return problems;
  };
  window.__layoutProblems = (root, actionNames) => {
    const problems = [];
    const page = document.documentElement;
    const describe = (el) => "<" + el.tagName.toLowerCase() + "> \\"" + (el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 40) + "\\"";
    if (page.scrollWidth > window.innerWidth) problems.push("the page scrolls sideways: " + page.scrollWidth + " px of content in " + window.innerWidth + " px");
    for (const code of root.querySelectorAll("code")) {
      const name = code.textContent.trim();
      if (actionNames.includes(name) && code.getClientRects().length > 1) problems.push("action name " + name + " is broken across lines");
    }
    const scrolls = (style) => style.overflowX === "auto" || style.overflowX === "scroll";
    const isBox = (style) => style.overflowX !== "visible" || parseFloat(style.borderLeftWidth) > 0 ||
      parseFloat(style.borderRightWidth) > 0 || style.backgroundColor !== "rgba(0, 0, 0, 0)";
    // Only a table or a diagram (a fence with no language) in a description may scroll sideways.
    const mayScroll = (el) => {
      if (!el.closest('[data-role="redoc-description"]')) return false;
      const pre = el.closest("pre");
      return Boolean(el.closest("table")) || (pre !== null && !pre.querySelector('code[class*="language-"]'));
    };
    const boxOf = (el) => {
      for (let parent = el.parentElement; parent && parent !== page; parent = parent.parentElement) if (isBox(getComputedStyle(parent))) return parent;
      return page;
    };
    for (const el of root.querySelectorAll("*")) {
      const rect = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (rect.width === 0 || rect.height === 0 || style.visibility === "hidden") continue;
      const box = boxOf(el);
      const outer = box === page ? { left: 0, right: page.clientWidth } : box.getBoundingClientRect();
      if (!scrolls(getComputedStyle(box)) && (rect.right > outer.right + 1 || rect.left < outer.left - 1)) {
        problems.push(describe(el) + " is wider than its container " + describe(box) + ": " + Math.round(rect.left) + ".." +
          Math.round(rect.right) + " px in " + Math.round(outer.left) + ".." + Math.round(outer.right) + " px");
      }
      if (style.overflowX !== "visible" && el.scrollWidth > el.clientWidth + 1) {
        if (!scrolls(style)) problems.push(describe(el) + " cuts off " + (el.scrollWidth - el.clientWidth) + " px of its content");
        else if (!mayScroll(el)) {
          problems.push(describe(el) + " needs sideways scrolling to be read: " + el.scrollWidth + " px of lines in " + el.clientWidth + " px");
        }
      }
    }
    return problems;
  };
  // The whole page as it opens, then every tab of every operation, each example in turn.
  window.__layoutProblemsInEveryTab = async (actionNames) => {
    const problems = new Set(window.__layoutProblems(document.querySelector(".redoc-wrap"), actionNames));
    for (const section of document.querySelectorAll('[data-section-id^="operation/"]')) {
      const operation = section.getAttribute("data-section-id").slice("operation/".length);
      for (const tab of section.querySelectorAll('[role="tab"]')) {
        const found = await window.__eachPanelState(tab, (panel) => window.__layoutProblems(panel, actionNames));
        for (const problem of found.flat()) problems.add(operation + ', tab "' + tab.textContent.trim() + '": ' + problem);
      }
    }
    return [...problems];
  };
})();`;

/** The values of every `action` field of the spec's request bodies: the names the action table lists. */
function actionNames(spec: Spec): string[] {
  return expectedOperations(spec).flatMap((operation) => operation.actions);
}

/** Everything that makes the page hard to read at its current width, in every tab and example. */
function checkLayout(page: Page, spec: Spec): Promise<string[]> {
  return page.evaluate((names) => (window as unknown as PageHelpers).__layoutProblemsInEveryTab(names), actionNames(spec));
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

/** A new page `width` px wide on `url`, once Redoc has rendered it, with the console errors and page errors it logged. */
async function openDocs(context: BrowserContext, url: string, width: number): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 900 });
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
  await page.evaluate(pageHelpers);
  return { page, errors };
}

/** `page` at `width` px, once Chromium has laid it out again. */
async function resize(page: Page, width: number): Promise<void> {
  await page.setViewportSize({ width, height: 900 });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/**
 * The whole page as a PNG at `path`. Chromium's own full-page capture, as page.screenshot({ fullPage })
 * asks for it, but with `optimizeForSpeed`, which Playwright does not pass: the PNG is compressed less
 * (about a quarter larger) and encoding the 13,000 to 33,000 px tall page takes half the CPU (0.85 s
 * against 0.45 s per width here).
 */
async function saveFullPageScreenshot(page: Page, path: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { cssContentSize } = await cdp.send("Page.getLayoutMetrics");
    const clip = { x: 0, y: 0, width: cssContentSize.width, height: cssContentSize.height, scale: 1 };
    const { data } = await cdp.send("Page.captureScreenshot", { format: "png", captureBeyondViewport: true, optimizeForSpeed: true, clip });
    await writeFile(path, Buffer.from(data, "base64"));
  } finally {
    await cdp.detach();
  }
}

/** The page without its own layout styles: as Redoc lays it out. */
function withoutLayoutStyles(html: string): string {
  const layoutStyles = /<style id="docs-layout">[\s\S]*?<\/style>/g;
  if (html.match(layoutStyles)?.length !== 1) throw new Error('docs/index.html has no <style id="docs-layout"> any more: update this test');
  return html.replace(layoutStyles, "");
}

/** The page with an embedded spec that has lost response `code` of `operationId`. */
function withoutResponse(html: string, operationId: string, code: string): string {
  const declaration = /const __redoc_state = (.*);\n/;
  const state = JSON.parse(html.match(declaration)![1]!) as { spec: { data: Spec } };
  const operation = Object.values(state.spec.data.paths as Record<string, JsonObject>)
    .flatMap((item) => HTTP_METHODS.map((method) => item[method] as JsonObject | undefined))
    .find((candidate) => candidate?.operationId === operationId) as { responses: JsonObject };
  delete operation.responses[code];
  return html.replace(declaration, () => `const __redoc_state = ${JSON.stringify(state)};\n`);
}

/** A copy of docs/ in which `edit` has changed index.html. */
async function docsCopy(edit: (html: string) => string): Promise<string> {
  const copy = await mkdtemp(join(tmpdir(), "phlo-docs-tampered-"));
  await cp(docsDir, copy, { recursive: true });
  const html = await readFile(join(copy, "index.html"), "utf8");
  await writeFile(join(copy, "index.html"), edit(html));
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
  // One page, opened at 1440 px and then resized to each width as a reader resizes the window (each
  // page load renders the whole spec, about 1.3 s of CPU). The page's layout is CSS, media queries
  // included, so it lays out as a page opened at that width does: compared pixel by pixel on 2 Dec
  // 2026, the same at 390 and 1440 px, and at 1280 and 1920 px only the sidebar's open group differs,
  // where the checks left the reader. The completeness check clicks through tabs and examples to
  // read them, and the layout check visits every tab and example itself, whatever was left selected.
  let reader: ReturnType<typeof openDocs> | undefined;
  const docsAt = async (width: number) => {
    const opened = await (reader ??= openDocs(context, server.url, 1440));
    if (opened.page.viewportSize()?.width !== width) await resize(opened.page, width);
    return opened;
  };
  // The two experiments that prove the checks can fail share one broken copy of the page, at 1280 px:
  // without the response `missingResponse` and without the page's layout styles. Each check looks
  // only at its own kind of problem, and neither break hides the other's.
  // The first operation with a 404, so that the experiment follows the spec.
  const missingResponse = { operationId: expectedOperations(bundle).find((operation) => operation.responses.some(({ code }) => code === "404"))!.operationId, code: "404" };
  let broken: ReturnType<typeof openDocs> | undefined;
  const brokenDocs = () =>
    (broken ??= (async () => {
      const copy = await docsCopy((html) => withoutLayoutStyles(withoutResponse(html, missingResponse.operationId, missingResponse.code)));
      scratch.push(copy);
      const server = await startStaticServer(copy);
      servers.push(server);
      return openDocs(context, server.url, 1280);
    })());

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
    await Promise.all([reader, broken].map(async (opened) => (await opened)?.page.close()));
    await context?.close();
    await Promise.all([server, ...servers].map((s) => s?.close()));
    await Promise.all([profile, ...scratch].filter(Boolean).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it("shows every operation, field, enum value, status, example (with its key) and code sample of the spec, offline and without errors", async () => {
    const { page, errors } = await docsAt(1440);
    expect(await checkDocsPage(page, bundle)).toEqual([]);
    expect(errors).toEqual([]);
    expect(remoteRequests).toEqual([]);
  }, 60_000);

  it("reports a documented status that the page does not show", async () => {
    const { page, errors } = await brokenDocs();
    const problems = await checkDocsPage(page, bundle);
    expect(errors).toEqual([]);
    expect(problems).toEqual([`${missingResponse.operationId}: status 404 not shown`]);
  }, 60_000);

  // A wide screen, the two common laptop widths, and a phone.
  it.each([1920, 1440, 1280, 390])("reads well at %i px: action names whole, nothing wider than its box, no sideways scrolling, no code line cut off", async (width) => {
    const { page, errors } = await docsAt(width);
    expect(await page.evaluate(() => window.innerWidth)).toBe(width);
    const problems = await checkLayout(page, bundle);
    await mkdir(join(projectRoot, "artifacts"), { recursive: true });
    // From the top, as a reader opens it: the checks scrolled through every tab, and the sticky menu follows.
    await page.evaluate(() => window.scrollTo(0, 0));
    await saveFullPageScreenshot(page, join(projectRoot, `artifacts/docs-${width}.png`));
    expect(problems).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);

  it("reports each kind of layout problem on the page as Redoc lays it out without the page's layout styles", async () => {
    const { page, errors } = await brokenDocs();
    // And one element that makes the whole page wider than the window, and fenced blocks in the
    // description narrower than their lines: the code must be reported, the diagram may scroll.
    await page.addStyleTag({ content: 'body { min-width: 1500px; } [data-role="redoc-description"] pre { max-width: 240px; }' });
    const problems = await checkLayout(page, bundle);
    expect(errors).toEqual([]);
    const kinds = {
      "an action name broken across lines": /^action name warm_transfer is broken across lines$/,
      "an element wider than its box": / is wider than its container /,
      "the page scrolling sideways": /^the page scrolls sideways: /,
      "a code sample needing sideways scrolling": /, tab "[^"]+": <[a-z]+> ".*" needs sideways scrolling to be read: /,
      "code in a description needing sideways scrolling": new RegExp(`^<pre> "${escapeRegExp(firstCodeLineOfDescription(bundle).slice(0, 20))}.*" needs sideways scrolling to be read: `),
      "a path cut off": /<span> "\/phlo\/.*" cuts off \d+ px of its content/,
    };
    for (const [kind, pattern] of Object.entries(kinds)) expect(problems.some((problem) => pattern.test(problem)), `${kind} in\n${problems.join("\n")}`).toBe(true);
  }, 60_000);
});
