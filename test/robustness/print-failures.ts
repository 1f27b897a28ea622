// Run by secrets.test.ts in a child process: ends every failure scenario and prints each error the
// ways an app would log it, so that the test can search the real process output for the token.
import { inspect } from "node:util";
import { failureOf, failureScenarios } from "../helpers/failure-scenarios.js";

const { scenarios, close } = await failureScenarios();
for (const [name, run] of scenarios) {
  const error = await failureOf(run);
  console.log(`--- ${name}`);
  console.log(error);
  console.error(String(error));
  console.log(inspect(error, { depth: Infinity, showHidden: true }));
  console.log(JSON.stringify(error));
  process.stdout.write(`${(error as Error).stack}\n`);
}
await close();
