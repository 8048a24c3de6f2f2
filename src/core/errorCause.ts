/**
 * The first code from `known` along an error's chain of causes (fetch and drivers wrap the system's
 * error as `cause`), or null. Sorting by code, never by message text.
 */
export function causeCode(error: unknown, known: ReadonlySet<string>): string | null {
  for (let e: unknown = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && known.has(code)) return code;
  }
  return null;
}

/** Node's codes for a connection that could not be made or was cut. */
export const NETWORK_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET']);

/**
 * A failed call's cause in a word an operator can look up: the network's code (ECONNREFUSED, ENOTFOUND …),
 * else the error's name (TimeoutError). Never the message: fetch's holds the request URL, tokens and all.
 */
export function networkCause(error: unknown): string {
  return causeCode(error, NETWORK_CODES) ?? (error instanceof Error ? error.name : 'network error');
}
