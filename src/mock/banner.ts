// What `npm run mock`, `npm start` and `plivo-phlo mock` print once the mock answers: its URL and curl
// lines to paste, built from the bundled spec so that they always send what the spec documents.
import { examplePath, firstExample, operationById } from "../contract/spec.js";

/** Single-quoted for sh: the spec's values could hold any character, `'` included. */
const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/** A curl line that sends `body` (default: the operation's first request example) to the operation's example path. */
function curlFor(operationId: string, baseUrl: string, body = requestExample(operationId)): string {
  const operation = operationById(operationId);
  const data = body === undefined ? "" : ` -H 'Content-Type: application/json' -d ${quote(JSON.stringify(body))}`;
  // The mock checks only that there is a Basic id and token, never which.
  return `curl -i -X POST ${quote(baseUrl + examplePath(operation))} --user 'MAXXXXXXXXXXXXXXXXXX:any-token'${data}`;
}

function requestExample(operationId: string): Record<string, unknown> | undefined {
  const { requestBody } = operationById(operationId);
  return requestBody ? (firstExample(requestBody) as Record<string, unknown>) : undefined;
}

/**
 * The banner for a mock at `baseUrl`. The curl line is the spec's first request example of the node
 * POST (Plivo's own warm transfer), sent to the path with its parameters' examples filled in. A
 * stateful mock refuses it until the PHLO has run with the agent (its trigger_source) on the call,
 * so its banner first runs the PHLO with the run example's caller and that agent.
 */
export function mockBanner(baseUrl: string, { stateful = false }: { stateful?: boolean | undefined } = {}): string {
  const curl = curlFor("updateMultiPartyCall", baseUrl);
  return [
    // "running at" is what `plivo-phlo mock` always printed: scripts may already wait for it.
    `Mock ready: the PHLO API mock is running at ${baseUrl} (Ctrl-C stops it)`,
    "",
    ...(stateful
      ? [
          "It is stateful: run the PHLO first, which starts the call the warm transfer acts on,",
          `  ${curlFor("runPhlo", baseUrl, { ...requestExample("runPhlo"), to: requestExample("updateMultiPartyCall")?.trigger_source })}`,
          "then start the warm transfer of the spec's first example (any Auth ID and token will do):",
        ]
      : ["Start the warm transfer of the spec's first example (any Auth ID and token will do):"]),
    `  ${curl}`,
    "",
    "Ask for any documented status or named example with Prefer (code=…, example=…), e.g. a 429:",
    `  ${curl} -H 'Prefer: code=429'`,
    "",
    "What it received, in order (POST /__mock/reset empties it):",
    `  curl ${quote(`${new URL(baseUrl).origin}/__mock/requests`)}`,
  ].join("\n");
}
