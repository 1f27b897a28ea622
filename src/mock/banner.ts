// What `npm run mock`, `npm start` and `plivo-phlo mock` print once the mock answers: its URL and curl
// lines to paste, built from the bundled spec so that they always send what the spec documents.
import { examplePath, firstExample, operationById } from "../contract/spec.js";

/** Single-quoted for sh: the spec's values could hold any character, `'` included. */
const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/**
 * The banner for a mock at `baseUrl`. The curl line is the spec's first request example of the node
 * POST (Plivo's own warm transfer), sent to the path with its parameters' examples filled in.
 */
export function mockBanner(baseUrl: string): string {
  const warmTransfer = operationById("updateMultiPartyCall");
  const url = baseUrl + examplePath(warmTransfer);
  // The mock checks only that there is a Basic id and token, never which.
  const curl = `curl -i -X POST ${quote(url)} --user 'MAXXXXXXXXXXXXXXXXXX:any-token' -H 'Content-Type: application/json' -d ${quote(JSON.stringify(firstExample(warmTransfer.requestBody)))}`;
  return [
    // "running at" is what `plivo-phlo mock` always printed: scripts may already wait for it.
    `Mock ready: the PHLO API mock is running at ${baseUrl} (Ctrl-C stops it)`,
    "",
    "Start the warm transfer of the spec's first example (any Auth ID and token will do):",
    `  ${curl}`,
    "",
    "Ask for any documented status or named example with Prefer (code=…, example=…), e.g. a 429:",
    `  ${curl} -H 'Prefer: code=429'`,
    "",
    "What it received, in order (POST /__mock/reset empties it):",
    `  curl ${quote(`${new URL(baseUrl).origin}/__mock/requests`)}`,
  ].join("\n");
}
