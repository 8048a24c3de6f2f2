/** A YouTube channel's OAuth client and refresh token (sealed at rest), and the playlist new videos join. */
export interface YoutubeCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  playlistId: string | null;
}

export function readCredentials(text: string): YoutubeCredentials {
  const parsed = JSON.parse(text) as Partial<Record<keyof YoutubeCredentials, unknown>>;
  for (const field of ['clientId', 'clientSecret', 'refreshToken'] as const) {
    if (typeof parsed[field] !== 'string' || parsed[field] === '') throw new Error(`YouTube credentials need ${field}`);
  }
  return {
    clientId: parsed.clientId as string,
    clientSecret: parsed.clientSecret as string,
    refreshToken: parsed.refreshToken as string,
    playlistId: typeof parsed.playlistId === 'string' ? parsed.playlistId : null,
  };
}
