/**
 * The one place that decides what never leaves the process in a log line. Two nets, because
 * neither alone is enough: the values the process knows are secret (a bot token from config,
 * the hub secret and its derived keys, each channel's credentials as they are unsealed) are
 * replaced wherever they appear and in whatever form (raw, JSON-escaped, URL-encoded); and
 * shapes that carry secrets whoever made them (`/bot<token>/` in a Bot API URL, `access_token=`
 * in a query, `Authorization`/`Cookie` headers, `"refresh_token":"…"` in an echoed body) are
 * masked even when the value was never told to us (a token a platform just issued).
 *
 * It works on text, after serialisation: nested causes, request objects and headers are all
 * text by then, so no structure can hide a value from it.
 */

export const REDACTED = '[redacted]';

/**
 * Shorter values are not remembered: masking every "abc" would shred the log, and a credential that
 * short protects nothing anyway.
 */
const MIN_SECRET_LENGTH = 8;

/** Names whose value is a secret wherever it appears as `name=value` or `"name":"value"`. */
const SECRET_NAMES =
  'access_token|refresh_token|id_token|client_secret|secret_key|secret|appsecret_proof|app_secret|password|passwd|code_verifier|zpw_sek|zpw_enk|token|sessionToken|pageToken|userToken|accessToken|refreshToken|clientSecret|secretKey|hubSecret|cookie|authorization|x-telegram-bot-api-secret-token|proxy-authorization|set-cookie|imei';

const PATTERNS: [RegExp, string][] = [
  // Bot API URLs: https://api.telegram.org/bot123:ABC/sendMessage and /file/bot123:ABC/…
  [/\bbot\d+(?::|%3A)[A-Za-z0-9_-]+/gi, `bot${REDACTED}`],
  // "Authorization: Bearer x", "OAuth x", "Basic x" in any text.
  [/\b(Bearer|OAuth|Basic)(\s+|%20)[A-Za-z0-9._~+/=-]{12,}/g, `$1$2${REDACTED}`],
  // A Cookie header written out as text.
  [/\b((?:set-)?cookie:\s*)[^"\\\n]+/gi, `$1${REDACTED}`],
  // name=value in a query string, a form body or a cookie header.
  [new RegExp(`\\b(${SECRET_NAMES})=[^&\\s"'\\\\;,]+`, 'gi'), `$1=${REDACTED}`],
  // "name":"value" in JSON, also as JSON inside a JSON string ("name\":\"value\").
  [new RegExp(`("(?:${SECRET_NAMES})\\\\?"\\s*:\\s*\\\\?")(?:[^"\\\\]|\\\\(?!"))*`, 'gi'), `$1${REDACTED}`],
  // A header as a JSON array or object entry whose value is not a string (cookie arrays).
  [new RegExp(`("(?:${SECRET_NAMES})"\\s*:\\s*)(\\[[^\\]]*\\]|\\{[^}]*\\})`, 'gi'), `$1"${REDACTED}"`],
];

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every way a value may be spelled in a JSON log line. */
function formsOf(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1);
  const forms = [value, json, encodeURIComponent(value), new URLSearchParams({ v: value }).toString().slice(2)];
  // Escaped once more when an error message holding it is itself a JSON string inside the line.
  forms.push(JSON.stringify(json).slice(1, -1), JSON.stringify(encodeURIComponent(value)).slice(1, -1));
  return [...new Set(forms)];
}

/** String leaves of a parsed JSON value (a credentials record, a cookie jar). */
function leaves(value: unknown, into: string[]): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const v of value) leaves(v, into);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) leaves(v, into);
  return into;
}

/** The secrets this process knows, and the scrubber every log line goes through. */
export class Secrets {
  private readonly values = new Set<string>();
  private known: RegExp | null = null;

  /** A secret value (or key: its hex and base64 forms are remembered). */
  remember(value: string | Buffer | null | undefined): void {
    if (value === null || value === undefined) return;
    const texts = typeof value === 'string' ? [value] : [value.toString('hex'), value.toString('base64'), value.toString('base64url')];
    for (const text of texts) {
      if (text.length < MIN_SECRET_LENGTH || this.values.has(text)) continue;
      this.values.add(text);
      this.known = null;
    }
  }

  /**
   * Credentials as stored (sealed at rest), just unsealed: the whole text, and when it is JSON
   * every string in it (Page and user tokens, refresh tokens, client secrets, session cookies).
   * What was worth sealing is worth keeping out of the log.
   */
  rememberCredentials(plaintext: string): void {
    this.remember(plaintext);
    try {
      for (const leaf of leaves(JSON.parse(plaintext) as unknown, [])) this.remember(leaf);
    } catch {
      // A bare token, not JSON: remembered whole above.
    }
  }

  scrub(text: string): string {
    let out = text;
    if (this.values.size > 0) {
      this.known ??= new RegExp(
        [...this.values]
          .flatMap(formsOf)
          .filter((f) => f.length >= MIN_SECRET_LENGTH)
          // Longest first: a secret that contains another is masked whole.
          .sort((a, b) => b.length - a.length)
          .map(escapeRegExp)
          .join('|'),
        'g',
      );
      out = out.replace(this.known, REDACTED);
    }
    for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
    return out;
  }
}
