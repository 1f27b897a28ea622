// What `npm run mock` and `plivo-phlo mock` print once the mock answers: its URL and curl lines to
// paste, built from the bundled spec so that they always send what the spec documents.
import { readFile } from "node:fs/promises";

type Node = { [key: string]: unknown };

interface Parameter {
  name: string;
  example?: unknown;
}

const specFile = new URL("../../generated/openapi.json", import.meta.url);

/** The node a local `$ref` (`#/components/...`) points to, or `node` itself. */
function resolve<T>(spec: Node, node: unknown): T {
  let current = node as Node;
  while (typeof current.$ref == "string") {
    current = current.$ref
      .slice(2)
      .split("/")
      .reduce<Node>((parent, key) => parent[key.replaceAll("~1", "/").replaceAll("~0", "~")] as Node, spec);
  }
  return current as T;
}

/** Single-quoted for sh: the spec's values could hold any character, `'` included. */
const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/**
 * The banner for a mock at `baseUrl`. The curl line is the spec's first request example of the node
 * POST (Plivo's own warm transfer), sent to the path with its parameters' examples filled in.
 */
export async function mockBanner(baseUrl: string): Promise<string> {
  const spec = JSON.parse(await readFile(specFile, "utf8")) as Node & { paths: Record<string, Node> };
  const [path, item] = Object.entries(spec.paths).find(([, item]) => (item.post as Node | undefined)?.operationId == "updateMultiPartyCall")!;
  const content = resolve<{ content: Record<string, { examples: Record<string, unknown> }> }>(spec, (item.post as Node).requestBody).content;
  const body = resolve<{ value: unknown }>(spec, Object.values(content["application/json"]!.examples)[0]).value;
  const parameters = (item.parameters as unknown[]).map((parameter) => resolve<Parameter>(spec, parameter));
  const url = baseUrl + path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(parameters.find((p) => p.name == name)!.example)));
  // The mock checks only that there is a Basic id and token, never which.
  const curl = `curl -i -X POST ${quote(url)} --user 'MAXXXXXXXXXXXXXXXXXX:any-token' -H 'Content-Type: application/json' -d ${quote(JSON.stringify(body))}`;
  return [
    // "running at" is what `plivo-phlo mock` always printed: scripts may already wait for it.
    `Mock ready: the PHLO API mock is running at ${baseUrl} (Ctrl-C stops it)`,
    "",
    "Start the warm transfer of the spec's first example (any Auth ID and token will do):",
    `  ${curl}`,
    "",
    "Ask for any documented status or named example with Prefer (code=…, example=…), e.g. a 429:",
    `  ${curl} -H 'Prefer: code=429'`,
  ].join("\n");
}
