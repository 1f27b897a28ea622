// Request paths from the spec's templates, as the official SDKs send them.

/**
 * `template` with each `{name}` replaced by its value as one path segment. The spec's path parameters
 * are all simple strings (scripts/client-contract.mjs refuses any other style). `+`, `:` and `@` stay
 * as they are, as the official SDKs send a SIP member address: all three are legal in a segment (RFC
 * 3986, 3.3); everything else that is not unreserved is percent-encoded, so no value can change the path.
 */
export const fillPath = (template: string, values: Record<string, string | undefined>) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? "").replace(/%(2B|3A|40)/g, decodeURIComponent));
