import type * as YoutubeLib from '@googleapis/youtube';
import type { youtube_v3 } from '@googleapis/youtube';
import type { YoutubeCredentials } from './credentials.js';

export interface YoutubeSession {
  api: youtube_v3.Youtube;
  accessToken: () => Promise<string>;
  /** The scopes Google named with the last access token (empty before one was had). */
  scopes: () => string[];
}

/**
 * One OAuth client per refresh token, so access tokens are reused until they expire; the API client
 * is aimed at `rootUrl` (a stand-in on 127.0.0.1 in tests). Google's client library is loaded with
 * the first session: a service without a YouTube channel does not carry it in memory.
 */
export function youtubeSessions(config: { rootUrl: string; tokenUrl: string; timeoutMs: number }): (creds: YoutubeCredentials) => Promise<YoutubeSession> {
  const clients = new Map<string, InstanceType<typeof YoutubeLib.auth.OAuth2>>();
  return async (creds) => {
    const { auth, youtube } = await import('@googleapis/youtube');
    let client = clients.get(creds.refreshToken);
    if (!client) {
      client = new auth.OAuth2({ clientId: creds.clientId, clientSecret: creds.clientSecret, endpoints: { oauth2TokenUrl: config.tokenUrl } });
      client.setCredentials({ refresh_token: creds.refreshToken });
      clients.set(creds.refreshToken, client);
    }
    const oauth = client;
    const api = youtube({ version: 'v3', auth: oauth, rootUrl: config.rootUrl, timeout: config.timeoutMs });
    const scopes = () => (oauth.credentials.scope ?? '').split(' ').filter((s) => s !== '');
    return { api, accessToken: async () => (await oauth.getAccessToken()).token ?? '', scopes };
  };
}
