import type { ChannelAccount } from '../../src/app/outboxPorts.js';
import { probeFailed, type ChannelProbe } from '../../src/core/delivery.js';
import type { YoutubeCredentials } from './credentials.js';
import { readCredentials } from './credentials.js';
import { failureOf, sortYoutubeFailure } from './errors.js';
import type { YoutubeSession } from './session.js';

const SCOPE = 'https://www.googleapis.com/auth/';
/** Edits, removals and comment replies need one of these; uploads alone are allowed by youtube.upload too. */
const MANAGING = [`${SCOPE}youtube`, `${SCOPE}youtube.force-ssl`];

/** The channel the grant opens (`channels.list mine=true`), and the scopes Google granted with the access token. */
export async function probeYoutube(session: (creds: YoutubeCredentials) => Promise<YoutubeSession>, account: ChannelAccount, untilQuotaReset: () => number): Promise<ChannelProbe> {
  const { api, accessToken, scopes } = await session(readCredentials(account.credentials));
  try {
    await accessToken();
    const channels = await api.channels.list({ part: ['snippet'], mine: true });
    const channel = channels.data.items?.[0];
    if (!channel?.id) return { kind: 'rejected', reason: 'the grant opens no YouTube channel' };
    if (channel.id !== account.accountId) return { kind: 'rejected', reason: `the grant is for channel ${channel.id}, not ${account.accountId}` };
    const granted = scopes();
    const missing = granted.length === 0 || granted.some((s) => MANAGING.includes(s)) ? [] : [`${SCOPE}youtube.force-ssl`];
    return { kind: 'reachable', name: channel.snippet?.title ?? channel.id, accountId: channel.id, granted, missing };
  } catch (error) {
    return probeFailed(sortYoutubeFailure(failureOf(error), false, untilQuotaReset()));
  }
}
