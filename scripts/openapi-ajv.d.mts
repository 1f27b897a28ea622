import type Ajv from "ajv";
import type { Options, ValidateFunction } from "ajv";

export function createOpenApiAjv(
  bundle: object,
  options?: Options,
): { ajv: Ajv; compile: (schema: unknown) => ValidateFunction };
