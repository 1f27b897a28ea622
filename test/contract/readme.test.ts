// The README's "Contract testing in your CI" section stays true to the CLI: its workflow is valid
// YAML whose commands are CLI commands, and it names exactly the variables the live target reads.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { projectRoot } from "../../bench/lib/app-bundle.js";
import { LIVE_VARIABLES, PLACE_CALLS_VARIABLE } from "../../src/contract/index.js";

const readme = await readFile(join(projectRoot, "README.md"), "utf8");
const section = /^## Contract testing in your CI\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1] ?? "";

interface Step {
  run?: string;
  env?: Record<string, string>;
}

describe("README: Contract testing in your CI", () => {
  const workflow = parse(/```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? "") as { jobs: Record<string, { steps: Step[] }> };
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);

  it("runs the suite on both targets with commands the CLI takes", () => {
    const commands = steps.flatMap((step) => (step.run?.startsWith("npx plivo-phlo") ? [step.run] : []));
    expect(commands).toEqual([
      expect.stringMatching(/^npx plivo-phlo contract --target mock --junit \S+$/),
      expect.stringMatching(/^npx plivo-phlo contract --target live --junit \S+$/),
    ]);
  });

  it("gives the live step the variables the live target requires, and documents every variable it reads", () => {
    const live = steps.find((step) => step.run?.includes("--target live"));
    expect(Object.keys(live?.env ?? {}).sort()).toEqual([LIVE_VARIABLES.authId, LIVE_VARIABLES.authToken, LIVE_VARIABLES.phloId, LIVE_VARIABLES.nodeId].sort());
    for (const variable of [...Object.values(LIVE_VARIABLES), PLACE_CALLS_VARIABLE]) expect(section).toContain(`\`${variable}`);
  });
});
