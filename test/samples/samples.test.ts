// The code samples the docs show are programs, and they are tested as programs. The list comes from
// the x-codeSamples of every operation in the bundle, so a sample added to the spec is tested
// without touching this file. Every TypeScript, curl and Node SDK sample runs once, against the mock
// behind a local server that records what it forwards, and that one run is judged twice:
// - it must exit 0 and print the sentinel api_id of the operation's success example (the mock
//   answers with it);
// - its request must be the operation's: its method, a path whose parameters follow the spec, a
//   body equal to one of the documented request examples, and the credentials from the environment.
// Samples for SDKs that cannot run here (Python, Ruby, PHP, Java, .NET, Go) are checked for the bugs
// of the samples on Plivo's own page.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../bench/lib/app-bundle.js";
import { startMock, type RunningMock } from "../../src/mock/index.js";
import { AUTH_ID, AUTH_TOKEN } from "../helpers/fetch.js";
import { startLocalServer, type Received } from "../helpers/local-server.js";
import { runPackageScript, runProgram, type ProgramRun } from "../helpers/run-ts.js";
import { bundle, deref, violations, type JsonObject } from "../helpers/spec.js";

interface CodeSample {
  lang: string;
  label: string;
  source: string;
}

interface Example {
  value: JsonObject;
}

interface Operation {
  operationId: string;
  method: string;
  path: string;
  parameters: { name: string; in: string; schema: unknown }[];
  requestExamples: JsonObject[];
  success: { status: number; body: JsonObject };
  samples: CodeSample[];
}

interface Sample extends CodeSample {
  operation: Operation;
  /** Where the sample's text lives, for failure messages: openapi/code_samples/… */
  file: string;
}

const HTTP_METHODS = ["get", "put", "post", "delete", "patch"];

const jsonExamples = (content: unknown): JsonObject[] => {
  const media = deref<{ examples?: Record<string, unknown> }>((content as Record<string, unknown> | undefined)?.["application/json"] ?? {});
  return Object.values(media.examples ?? {}).map((example) => deref<Example>(example).value);
};

/** Every operation of the bundle, with what the samples of it must send and receive. */
function operations(): Operation[] {
  return Object.entries(bundle.paths as JsonObject).flatMap(([path, pathItem]) => {
    const item = deref<JsonObject & { parameters?: unknown[] }>(pathItem);
    return HTTP_METHODS.filter((method) => item[method]).map((method): Operation => {
      const operation = deref<JsonObject & { parameters?: unknown[]; requestBody?: unknown; responses: JsonObject }>(item[method]);
      const [status, response] = Object.entries(operation.responses)
        .filter(([code]) => /^2\d\d$/.test(code))
        .sort(([a], [b]) => Number(a) - Number(b))[0]!;
      // Prism, under the mock, answers with the first example of the success response.
      const body = jsonExamples(deref<{ content: unknown }>(response).content)[0];
      if (!body) throw new Error(`${method.toUpperCase()} ${path}: the ${status} response has no example`);
      return {
        operationId: String(operation.operationId),
        method: method.toUpperCase(),
        path,
        parameters: [...(item.parameters ?? []), ...(operation.parameters ?? [])].map((p) => deref(p)),
        requestExamples: operation.requestBody ? jsonExamples(deref<{ content: unknown }>(operation.requestBody).content) : [],
        success: { status: Number(status), body },
        samples: (operation["x-codeSamples"] as CodeSample[] | undefined) ?? [],
      };
    });
  });
}

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/** The bundle inlines each sample's text; the file it came from is the one with the same text. */
async function samples(): Promise<Sample[]> {
  const sourceFiles = new Map<string, string>();
  for (const file of await filesUnder(join(projectRoot, "openapi/code_samples"))) {
    sourceFiles.set((await readFile(file, "utf8")).trim(), relative(projectRoot, file));
  }
  return operations().flatMap((operation) =>
    operation.samples.map((sample) => {
      const file = sourceFiles.get(sample.source.trim());
      if (!file) throw new Error(`${operation.operationId}: sample "${sample.label}" matches no file in openapi/code_samples`);
      return { ...sample, operation, file };
    }),
  );
}

const allSamples = await samples();

/** The languages this machine runs, each with the file extension its program needs. */
const runnable: Record<string, { extension: string; run: (file: string, env: Record<string, string>) => Promise<ProgramRun> }> = {
  // .mts: an ES module whatever the directory, and `plivo-phlo-openapi` resolves through tsconfig;
  // run with tsx's ES module hooks, as the project's own scripts are.
  TypeScript: { extension: "mts", run: (file, env) => runPackageScript(file, env) },
  Shell: { extension: "sh", run: (file, env) => runProgram("sh", [file], env) },
  // .cjs next to the project's node_modules, so that require('plivo') finds the installed SDK.
  JavaScript: { extension: "cjs", run: (file, env) => runProgram(process.execPath, [file], env) },
};

const credentials = { PLIVO_AUTH_ID: AUTH_ID, PLIVO_AUTH_TOKEN: AUTH_TOKEN };
const shown = (sample: Sample, run: ProgramRun) =>
  `${sample.file} (${sample.label}) exited ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;

/** What is wrong with a request a sample sent for `operation`; empty when it is the documented one. */
function requestProblems(operation: Operation, request: { method: string; url: string; headers: Record<string, unknown>; body: string }): string[] {
  const problems: string[] = [];
  if (request.method !== operation.method) problems.push(`method ${request.method}, expected ${operation.method}`);
  const names = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
  const template = new RegExp(`^/v1${operation.path.replace(/\{\w+\}/g, "([^/?]+)")}$`);
  const values = request.url.match(template);
  if (!values) problems.push(`path ${request.url} is not /v1${operation.path}`);
  names.forEach((name, index) => {
    const schema = operation.parameters.find((p) => p.in === "path" && p.name === name)?.schema;
    const value = decodeURIComponent(values?.[index + 1] ?? "");
    if (values) problems.push(...violations(schema, value).map((v) => `path parameter ${name}=${value}: ${v}`));
  });
  const expectedAuth = `Basic ${Buffer.from(`${AUTH_ID}:${AUTH_TOKEN}`).toString("base64")}`;
  if (request.headers.authorization !== expectedAuth) problems.push("no Basic credentials from PLIVO_AUTH_ID/PLIVO_AUTH_TOKEN");
  if (operation.requestExamples.length === 0) {
    if (request.body !== "") problems.push(`a body (${request.body}) where the operation takes none`);
  } else {
    let body: unknown;
    try {
      body = JSON.parse(request.body);
    } catch {
      problems.push(`body is not JSON: ${request.body}`);
    }
    // Key order is the SDK's own (Node puts `to` first); a JSON reader ignores it.
    if (body !== undefined && !operation.requestExamples.some((example) => isDeepStrictEqual(example, body))) {
      problems.push(`body ${request.body} is none of the documented examples ${JSON.stringify(operation.requestExamples)}`);
    }
  }
  return problems;
}

const executable = allSamples.filter((sample) => runnable[sample.lang]);
const notRunHere = allSamples.filter((sample) => !runnable[sample.lang]);

describe("the code samples in the spec", () => {
  it("every operation has a TypeScript and a curl sample", () => {
    const missing = operations().flatMap((operation) =>
      ["TypeScript", "Shell"].filter((lang) => !operation.samples.some((sample) => sample.lang === lang)).map((lang) => `${operation.operationId}: ${lang}`),
    );
    expect(missing).toEqual([]);
  });

  let mock: RunningMock;
  let scratch: string;
  beforeAll(async () => {
    mock = await startMock();
    await mkdir(join(projectRoot, ".scratch"), { recursive: true });
    scratch = await mkdtemp(join(projectRoot, ".scratch", "samples-"));
  });
  afterAll(async () => {
    await mock?.stop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  /** The sample's text as a program file under the project, named after its source. */
  const programFile = async (sample: Sample) => {
    const file = join(scratch, `${sample.file.replace(/[^\w.-]+/g, "_")}.${runnable[sample.lang]!.extension}`);
    await writeFile(file, sample.source);
    return file;
  };

  /**
   * The sample's one run, against the mock behind a recorder: each sample is a program start or two
   * (tsx, node, a shell and curl), and both of its tests judge the same run.
   */
  const runs = new Map<Sample, Promise<{ result: ProgramRun; received: Received[] }>>();
  const runOnce = (sample: Sample) => {
    if (!runs.has(sample)) runs.set(sample, runAgainstMock(sample));
    return runs.get(sample)!;
  };
  async function runAgainstMock(sample: Sample) {
    const recorder = await startLocalServer(async (request, response) => {
      const answer = await fetch(new URL(request.url, mock.baseUrl), {
        method: request.method,
        headers: Object.entries(request.headers).flatMap(([name, value]) => (name == "host" || value === undefined ? [] : [[name, String(value)] as [string, string]])),
        ...(request.body ? { body: request.body } : {}),
      });
      response.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" }).end(await answer.text());
    });
    try {
      const result = await runnable[sample.lang]!.run(await programFile(sample), { ...credentials, PHLO_BASE_URL: recorder.baseUrl });
      return { result, received: recorder.received };
    } finally {
      await recorder.close();
    }
  }

  describe.concurrent.each(executable.map((sample) => [sample.file, sample] as const))("%s", { tags: ["process"] }, (_file, sample) => {
    it("exits 0 against the mock and prints the api_id of the operation's success example", async () => {
      const { result } = await runOnce(sample);
      expect(result.code, shown(sample, result)).toBe(0);
      expect(result.stdout, shown(sample, result)).toContain(String(sample.operation.success.body.api_id));
    }, 60_000);

    it("sends exactly the operation's documented request", async () => {
      const { result, received } = await runOnce(sample);
      expect(result.code, shown(sample, result)).toBe(0);
      expect(received.length, `${sample.file} sent ${received.length} requests`).toBe(1);
      expect(requestProblems(sample.operation, received[0]!), sample.file).toEqual([]);
    }, 60_000);
  });
});

/** Comment markers per language: the known bugs are looked for in code, not in the notes about them. */
const commentMarkers: Record<string, { line: string[]; block: boolean }> = {
  Python: { line: ["#"], block: false },
  Ruby: { line: ["#"], block: false },
  PHP: { line: ["//", "#"], block: true },
  Java: { line: ["//"], block: true },
  "C#": { line: ["//"], block: true },
  Go: { line: ["//"], block: true },
};

/** `source` without its comments; string literals (which may hold `#` or `//`) are kept whole. */
function codeOnly(source: string, lang: string): string {
  const markers = commentMarkers[lang];
  if (!markers) throw new Error(`No comment syntax known for ${lang}`);
  let code = "";
  let quote: string | undefined;
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (quote) {
      code += char;
      if (char === "\\") code += source[++i] ?? "";
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'" || char === "`") {
      quote = char;
      code += char;
    } else if (markers.line.some((marker) => source.startsWith(marker, i))) {
      const end = source.indexOf("\n", i);
      i = end === -1 ? source.length : end - 1;
    } else if (markers.block && source.startsWith("/*", i)) {
      const end = source.indexOf("*/", i + 2);
      i = end === -1 ? source.length : end + 1;
    } else {
      code += char;
    }
  }
  return code;
}

/** The bugs of the samples on Plivo's warm transfer page (reference §5), as checks on code. */
const knownBugs: { bug: string; lang?: string; found: (code: string) => boolean }[] = [
  { bug: 'the misspelt action "warm_tranfer" (Go)', found: (code) => code.includes("warm_tranfer") },
  { bug: 'the literal string "nodeID" instead of the node id (.NET)', found: (code) => /["']nodeID["']/.test(code) },
  {
    bug: "`multi_party_call` used before anything defines it (Ruby)",
    lang: "Ruby",
    found: (code) => {
      const use = code.search(/(?<![.\w])multi_party_call\s*\./);
      const definition = code.search(/(?<![.\w])multi_party_call\s*=(?!=)/);
      return use !== -1 && (definition === -1 || definition > use);
    },
  },
];

const bugsIn = (source: string, lang: string) =>
  knownBugs.filter((check) => (check.lang ?? lang) === lang && check.found(codeOnly(source, lang))).map((check) => check.bug);

describe("samples for SDKs that cannot run here", () => {
  it("cover the other official SDKs", () => {
    expect(notRunHere.map((sample) => sample.lang)).toEqual(expect.arrayContaining(Object.keys(commentMarkers)));
  });

  it.each(notRunHere.map((sample) => [sample.file, sample] as const))("%s has none of the known bugs of Plivo's samples", (_file, sample) => {
    expect(bugsIn(sample.source, sample.lang), sample.file).toEqual([]);
  });

  // The seed's own lines (Plivo's page): each must be caught, and only in code, not in a comment
  // that warns about it, as the samples' comments do.
  it.each([
    ["Go", 'const actionWarmTransfer = "warm_tranfer"', 'the misspelt action "warm_tranfer" (Go)'],
    ["C#", 'var multiPartyCallObj = phlo.MultiPartyCall("nodeID");', 'the literal string "nodeID" instead of the node id (.NET)'],
    [
      "Ruby",
      "phlo = client.phlo.get('<phlo_id>')\nbegin\nresponse = multi_party_call.warm_transfer('<member_address>', '<target_address>')\nend",
      "`multi_party_call` used before anything defines it (Ruby)",
    ],
  ])("the checker catches the seed's %s bug, and not in a comment", (lang, line, bug) => {
    expect(bugsIn(line, lang)).toEqual([bug]);
    const comment = lang === "Ruby" ? "# " : "// ";
    expect(bugsIn(line.split("\n").map((text) => comment + text).join("\n"), lang)).toEqual([]);
  });
});
