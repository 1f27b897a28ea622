// Judges one answer against the contract: the status the case expects, a status the operation
// documents, its media type, its documented headers and its body (Ajv on the status's schema).
// Each problem is a Violation that names the place, what the spec expects and what came back.
import type { ErrorObject } from "ajv";
import { expectation, type ContractCase } from "./cases.js";
import { validatorFor, type JsonSchema } from "./spec.js";
import { show } from "./text.js";

export interface Violation {
  /** `status`, `content-type`, `header retry-after`, `body`, `body/api_id`, … */
  where: string;
  /** What the spec asks for, as a rule: `must be string`, `must be 201`. */
  expected: string;
  got: string;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

const valueAt = (document: unknown, pointer: string) =>
  pointer
    .split("/")
    .slice(1)
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);

/** One Ajv error as a Violation: the field's path, the rule in words (with its allowed values), the value. */
function fromAjv(error: ErrorObject, document: unknown, root: string): Violation {
  const { instancePath, keyword, params, message = keyword } = error;
  if (keyword == "required") {
    const missing = (params as { missingProperty: string }).missingProperty;
    return { where: `${root}${instancePath}/${missing}`, expected: "must be present (required)", got: "(missing)" };
  }
  const allowed = keyword == "enum" ? ` ${show((params as { allowedValues: unknown }).allowedValues)}` : keyword == "const" ? ` ${show((params as { allowedValue: unknown }).allowedValue)}` : "";
  const where = keyword == "additionalProperties" ? `${root}${instancePath}/${(params as { additionalProperty: string }).additionalProperty}` : `${root}${instancePath}`;
  return { where, expected: `${message}${allowed}`, got: show(valueAt(document, where.slice(root.length))) };
}

/** The violations of a value against a schema of the bundle, under `root` (`body`, `header x`). */
export function schemaViolations(schema: unknown, value: unknown, root: string): Violation[] {
  const validate = validatorFor(schema);
  return validate(value) ? [] : (validate.errors ?? []).map((error) => fromAjv(error, value, root));
}

const mediaTypeOf = (contentType: string | null) => contentType?.split(";")[0]?.trim().toLowerCase() ?? "";

/** Plivo's own words for an error (`Invalid value provided for role.`), when the body has them. */
function errorText(text: string): string | undefined {
  try {
    const { error } = (JSON.parse(text) ?? {}) as { error?: unknown };
    return typeof error == "string" && error ? error : undefined;
  } catch {
    return undefined;
  }
}

/** The status check; a wrong status quotes the server's `error` text, which usually says why. */
function expectedStatus(contractCase: ContractCase, { status, text }: Answer): Violation[] {
  const { expected } = contractCase;
  const passes = expected == "4xx" ? status >= 400 && status < 500 : expected.includes(status);
  if (passes) return [];
  const error = errorText(text);
  return [{ where: "status", expected: `must be ${expectation(contractCase)}`, got: error === undefined ? String(status) : `${status}, error ${show(error)}` }];
}

/** Everything wrong with `answer` to `contractCase`; empty when it keeps the contract. */
export function checkAnswer(contractCase: ContractCase, answer: Answer): Violation[] {
  const violations = expectedStatus(contractCase, answer);
  const { operation } = contractCase;
  // A method the spec does not define has no documented answer to compare with.
  if (!operation) return violations;
  const response = operation.responses.get(answer.status);
  if (!response) {
    // No schema to judge the body by: the status line says what the spec documents, and shows the body.
    const statuses = [...operation.responses.keys()].join(", ");
    return [{ where: "status", expected: `must be ${expectation(contractCase)} (${operation.operationId} documents ${statuses})`, got: `${answer.status}, body ${show(answer.text)}` }];
  }
  for (const [name, schema] of Object.entries(response.headers)) {
    const value = answer.headers.get(name);
    // A header's value is text; the spec's schemas type it as JSON would (`integer`).
    if (value !== null) violations.push(...schemaViolations(schema, (schema as JsonSchema).type == "integer" ? Number(value) : value, `header ${name}`));
  }
  if (!response.content) return answer.text ? [...violations, { where: "body", expected: "must be empty", got: show(answer.text) }] : violations;
  const mediaType = mediaTypeOf(answer.headers.get("content-type"));
  if (mediaType != response.content.type) violations.push({ where: "content-type", expected: `must be ${response.content.type}`, got: mediaType || "(none)" });
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return [...violations, { where: "body", expected: `must be JSON (the ${answer.status} schema)`, got: show(answer.text) }];
  }
  return [...violations, ...schemaViolations(response.content.schema, body, "body")];
}
