// The README's fenced blocks and the marker before each: `<!-- runs: test/…test.ts -->` names the
// test file that executes the block as quoted, `<!-- not-runnable: reason -->` says why none can.
// The contract-change section's `<!-- readme-block: … -->` markers say the same in prose: one that
// names a test file is run by it, one that starts "not run" is not runnable.
// test/readme/blocks.test.ts holds every block to that; the test files take theirs from here.
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { projectRoot } from "./spec.js";

export interface ReadmeBlock {
  /** 1-based line of the opening fence. */
  line: number;
  language: string;
  text: string;
  /** The test file that runs it (relative to the project root), if any. */
  runs?: string;
  notRunnable?: string;
}

const root = fileURLToPath(projectRoot);

export function readmeBlocks(): ReadmeBlock[] {
  const lines = readFileSync(new URL("README.md", projectRoot), "utf8").split("\n");
  const blocks: ReadmeBlock[] = [];
  for (let at = 0; at < lines.length; at++) {
    const open = /^(\s*)```(\w*)\s*$/.exec(lines[at]!);
    if (!open) continue;
    const end = lines.findIndex((line, index) => index > at && line.trim() == "```");
    const text = lines.slice(at + 1, end).map((line) => line.slice(open[1]!.length)).join("\n");
    const before = lines.slice(0, at).reverse().find((line) => line.trim() != "")?.trim() ?? "";
    const prose = /^<!-- readme-block: (.+) -->$/.exec(before)?.[1];
    const runs = /^<!-- runs: (\S+) -->$/.exec(before)?.[1] ?? (prose && !prose.startsWith("not run") ? /\btest\/\S+\.test\.ts\b/.exec(prose)?.[0] : undefined);
    const notRunnable = /^<!-- not-runnable: (.+) -->$/.exec(before)?.[1] ?? (prose?.startsWith("not run") ? prose : undefined);
    blocks.push({ line: at + 1, language: open[2]!, text, ...(runs ? { runs } : {}), ...(notRunnable ? { notRunnable } : {}) });
    at = end;
  }
  return blocks;
}

/** The blocks whose marker names the test file at `testFileUrl` (pass `import.meta.url`). */
export const blocksRunBy = (testFileUrl: string): ReadmeBlock[] =>
  readmeBlocks().filter((block) => block.runs == relative(root, fileURLToPath(testFileUrl)));
