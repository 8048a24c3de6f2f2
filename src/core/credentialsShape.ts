/** Why a credentials text cannot be read: not JSON at all, or its reader's complaint (field names only), with the shape expected. */
export interface CredentialsProblem {
  notJson: boolean;
  complaint: string;
  expected: string;
}

/** Why a credentials text cannot be read, in words that never quote it (it is a secret). Null when it reads. */
export function credentialsProblem(read: () => unknown, expected: string): CredentialsProblem | null {
  try {
    read();
    return null;
  } catch (error) {
    // JSON.parse quotes the text it failed on: its message is never shown.
    if (error instanceof SyntaxError) return { notJson: true, complaint: '', expected };
    return { notJson: false, complaint: error instanceof Error ? error.message : 'unreadable', expected };
  }
}
