// One redactor for every text that could carry the credentials: client errors, contract reports,
// JUnit files, proxy logs. A server may echo the Authorization header anywhere, and a report may cut
// a long value short, so every form counts and a cut one too: the token, the Auth ID, `id:token`,
// its base64 (the Basic credential), and any run of RUN or more characters of the token or of that
// base64. Apply it before anything is shortened: a shortened secret no longer matches.

/** Shorter runs of a base64 string turn up by chance in ordinary text (ids, words). */
const RUN = 12;

export const REDACTED = "[REDACTED]";

export type Redact = (text: string) => string;

/** The redactor for one pair of credentials; empty parts are ignored. */
export function redactor(authId: string, authToken: string): Redact {
  const whole = [`${authId}:${authToken}`, authToken, authId].filter((secret) => secret.length > 0);
  // Every window of RUN characters of the secrets that can be cut: a match of one starts a run,
  // which is then stretched as far as the text still matches the same secret.
  const long = [authToken, authToken && btoa(`${authId}:${authToken}`)].filter((secret) => secret.length >= RUN);
  return (text) => {
    let result = whole.reduce((current, secret) => current.split(secret).join(REDACTED), text);
    for (const secret of long) {
      let out = "";
      let at = 0;
      for (let start = 0; start + RUN <= result.length; ) {
        const offset = secret.indexOf(result.slice(start, start + RUN));
        if (offset < 0) {
          start++;
          continue;
        }
        let end = start + RUN;
        while (end < result.length && result[end] == secret[offset + end - start]) end++;
        out += result.slice(at, start) + REDACTED;
        at = start = end;
      }
      result = out + result.slice(at);
    }
    return result;
  };
}

/** The redactor for a `Basic …` Authorization header as a client sent it; none for anything else. */
export function redactorOfAuthorization(header: string | undefined): Redact | undefined {
  const basic = /^Basic\s+(\S+)$/i.exec(header ?? "")?.[1];
  if (!basic) return undefined;
  let decoded: string;
  try {
    decoded = atob(basic);
  } catch {
    return (text) => text.split(basic).join(REDACTED);
  }
  const colon = decoded.indexOf(":");
  const redact = colon < 0 ? redactor("", decoded) : redactor(decoded.slice(0, colon), decoded.slice(colon + 1));
  return (text) => redact(text).split(basic).join(REDACTED);
}
