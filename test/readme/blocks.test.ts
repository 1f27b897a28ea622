// Every fenced block in README.md is either executed by a test, as quoted, or says why it cannot
// be: the marker right before it (`<!-- runs: test/….test.ts -->` or `<!-- not-runnable: reason -->`)
// names the test, and that test reads its blocks from the README: through blocksRunBy(import.meta.url),
// or by finding the markers that name it.
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readmeBlocks } from "../helpers/readme.js";
import { projectRoot } from "../helpers/spec.js";

const blocks = readmeBlocks();

describe("README.md's blocks", () => {
  it("are there to check", () => expect(blocks.length).toBeGreaterThan(5));

  it.each(blocks.map((block) => [`line ${block.line} (${block.language || "no language"})`, block] as const))("%s has a marker", (_line, block) => {
    expect(block.runs ?? block.notRunnable, "a <!-- runs: test/….test.ts --> or <!-- not-runnable: reason --> line right before the fence").toBeDefined();
    if (block.notRunnable) expect(block.notRunnable.length).toBeGreaterThan(20);
  });

  it.each([...new Set(blocks.flatMap((block) => (block.runs ? [block.runs] : [])))])("%s exists and runs the README's blocks it is named for", (file) => {
    const url = new URL(file, projectRoot);
    expect(existsSync(url), `${file} does not exist`).toBe(true);
    const source = readFileSync(url, "utf8");
    expect(source.includes("blocksRunBy(import.meta.url)") || (source.includes("README.md") && source.includes(`"${file}`)), `${file} does not read the README's blocks`).toBe(true);
  });
});
