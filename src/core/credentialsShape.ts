/**
 * Why a credentials text cannot be read, in words that never quote it (it is a secret): its reader's own
 * complaint (field names only), or that it is not JSON; with the shape expected. Null when it reads.
 */
export function credentialsProblem(read: () => unknown, expected: string): string | null {
  try {
    read();
    return null;
  } catch (error) {
    // JSON.parse quotes the text it failed on: its message is never shown.
    const why = error instanceof SyntaxError ? 'not JSON' : error instanceof Error ? error.message : 'unreadable';
    return `${why}; expected ${expected}`;
  }
}
