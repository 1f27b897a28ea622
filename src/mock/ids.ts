// The ids the mock hands out (api_id, PHLO run ids): random by default, or, given a seed, the same
// sequence on every run, so that a consumer's snapshots stay stable.
//
// Own code, not a library: Node's crypto has no seeded generator, and the one seeded UUID generator
// installed (faker's, which Prism loads) is Prism's private dependency, not ours to import. This is
// mulberry32, a public-domain 32-bit generator: 4 draws make one UUID, with the version 4 and RFC 9562
// variant bits set, so every id keeps the spec's `format: uuid`. test/mock/journal.test.ts checks
// each id with the spec's own validator.
import { randomUUID } from "node:crypto";

export type IdSource = () => string;

/** A 32-bit start state from any seed text (FNV-1a). */
function hash(text: string): number {
  let state = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) state = Math.imul(state ^ text.charCodeAt(i), 0x01000193);
  return state >>> 0;
}

/** Random UUIDs, or the seed's fixed sequence of them. */
export function idSource(seed?: number | string): IdSource {
  if (seed === undefined) return randomUUID;
  let state = hash(String(seed));
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0).toString(16).padStart(8, "0");
  };
  return () => {
    const hex = next() + next() + next() + next();
    const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
}
