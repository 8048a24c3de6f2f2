/**
 * What a Facebook channel holds: the Page token always; for Page videos also a user token and the
 * app id, which the Resumable Upload API needs. Stored as one sealed text: a bare Page token, or JSON.
 */
export interface FacebookCredentials {
  pageToken: string;
  userToken: string | null;
  appId: string | null;
}

export function readCredentials(text: string): FacebookCredentials {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return { pageToken: trimmed, userToken: null, appId: null };
  const parsed = JSON.parse(trimmed) as { pageToken?: unknown; userToken?: unknown; appId?: unknown };
  if (typeof parsed.pageToken !== 'string') throw new Error('Facebook credentials need a pageToken');
  return { pageToken: parsed.pageToken, userToken: typeof parsed.userToken === 'string' ? parsed.userToken : null, appId: typeof parsed.appId === 'string' ? parsed.appId : null };
}
