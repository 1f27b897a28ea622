import type Ajv from "ajv";
import type { Options, ValidateFunction } from "ajv";

/** The `$id` under which the bundle's component schemas are registered (`${COMPONENTS_ID}#/$defs/Name`). */
export const COMPONENTS_ID: string;

export function createOpenApiAjv(
  bundle: object,
  options?: Options,
): { ajv: Ajv; compile: (schema: unknown) => ValidateFunction };
