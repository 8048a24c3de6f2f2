/** A Zalo OA's app and its current token pair; the pair rotates at each refresh (sealed at rest). */
export interface ZaloCredentials {
  appId: string;
  secretKey: string;
  accessToken: string;
  refreshToken: string;
}

export function readCredentials(text: string): ZaloCredentials {
  const parsed = JSON.parse(text) as Partial<Record<keyof ZaloCredentials, unknown>>;
  for (const field of ['appId', 'secretKey', 'accessToken', 'refreshToken'] as const) {
    if (typeof parsed[field] !== 'string' || parsed[field] === '') throw new Error(`Zalo OA credentials need ${field}`);
  }
  return parsed as ZaloCredentials;
}
