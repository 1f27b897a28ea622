// Checks a call against the contract before anything is sent. The rules are not written here: they
// are the spec's schemas, extracted by `npm run generate` into generated/contract.js. This is the
// small interpreter for the keywords they use (the generator refuses any other keyword), and
// test/client/validation.test.ts proves that it agrees with Ajv on the spec.
import type { InputSchema } from "../generated/contract.js";
import { PhloValidationError } from "./errors.js";

/** `trigger_source` → `triggerSource`, `warm_transfer` → `warmTransfer`: names as the caller writes them. */
export const callerName = (wireName: string) => wireName.replace(/_(\w)/g, (_, letter: string) => letter.toUpperCase());

interface Violation {
  /** The wire name of the field at fault. */
  field: string;
  /** The field is a key the caller chose (a PHLO run's payload): shown as written, not camelCased. */
  verbatim?: boolean;
  /** The JSON Schema keyword it breaks. */
  rule: string;
  schema: InputSchema;
  value: unknown;
}

/** Compiled once per pattern: validation runs on every call. */
const patterns: Record<string, RegExp> = {};

const jsonType = (value: unknown) => (value === null ? "null" : Array.isArray(value) ? "array" : typeof value);

/** The first rule of `schema` that `value` breaks, or undefined. Allocates nothing when all is well. */
function firstViolation(schema: InputSchema, value: unknown, field: string): Violation | undefined {
  let rule: string | undefined;
  if (schema.type && jsonType(value) !== schema.type) rule = "type";
  else if (typeof value == "string") {
    // Length in code points, as JSON Schema counts it; patterns with the `u` flag, as JSON Schema runs them.
    const length = /[\uD800-\uDFFF]/.test(value) ? [...value].length : value.length;
    if (length > (schema.maxLength ?? length)) rule = "maxLength";
    else if (length < (schema.minLength ?? 0)) rule = "minLength";
    else if (schema.pattern && !(patterns[schema.pattern] ??= new RegExp(schema.pattern, "u")).test(value)) rule = "pattern";
  } else if (jsonType(value) == "object") {
    const object = value as Record<string, unknown>;
    for (const name of schema.required ?? []) {
      if (object[name] === undefined) return { field: name, rule: "required", schema, value };
    }
    for (const name in object) {
      const property = schema.properties?.[name];
      const { additionalProperties: others } = schema;
      const violation = property
        ? firstViolation(property, object[name], name)
        : others === false
          ? { field: name, rule: "additionalProperties", schema, value: object[name] }
          : others
            ? firstViolation(others, object[name], field ? `${field}.${name}` : name)
            : undefined;
      if (violation && !property && others) violation.verbatim = true;
      if (violation) return violation;
    }
  }
  if (!rule && schema.enum && !schema.enum.includes(value)) rule = "enum";
  if (!rule && "const" in schema && value !== schema.const) rule = "const";
  return rule ? { field, rule, schema, value } : undefined;
}

/** The value as JSON, redacted before it is cut: a cut credential would no longer match. */
const show = (value: unknown, redact: (text: string) => string) => {
  const text = redact(typeof value == "string" ? JSON.stringify(value) : String(JSON.stringify(value) ?? value));
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

/**
 * Throws a PhloValidationError, naming the field and the rule, when `value` breaks `schema`.
 * @param field the wire name of `value` (`phlo_id`), or "" for a body, whose violations name their field.
 * @param redact applied to the echoed value, in case a credential was passed by mistake.
 */
export function assertValid(
  operation: string,
  schema: InputSchema,
  value: unknown,
  field = "",
  redact = (text: string) => text,
): void {
  const violation = firstViolation(schema, value, field);
  if (violation) {
    const { rule, schema: broken } = violation;
    const name = violation.verbatim ? violation.field : callerName(violation.field);
    const title = broken.title ?? "value";
    const limit = broken[rule as keyof InputSchema];
    // "to must be a valid phone number or SIP endpoint (got "12 34"; rule pattern ^(?:…)$)"
    const problem =
      rule == "required"
        ? "is required"
        : `must be a valid ${title[0]?.toLowerCase()}${title.slice(1)} (got ${show(violation.value, redact)}; rule ${rule} ${typeof limit == "string" ? limit : JSON.stringify(limit)})`;
    throw new PhloValidationError(`${operation}: ${name} ${problem}. Nothing was sent.`, { field: name, rule });
  }
}
