// How values appear in case names and reports: as JSON, cut to a readable length.

/** At most `limit` characters of a value, as JSON. */
export function show(value: unknown, limit = 80): string {
  const text = value === undefined ? "(nothing)" : typeof value == "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}
