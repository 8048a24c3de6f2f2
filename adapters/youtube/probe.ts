import type { ChannelAccount } from '../../src/app/outboxPorts.js';
import { probeFailed, type ChannelProbe, type ProbeNote } from '../../src/core/delivery.js';
import type { YoutubeCredentials } from './credentials.js';
import { readCredentials } from './credentials.js';
import { failureOf, sortYoutubeFailure } from './errors.js';
import type { YoutubeSession } from './session.js';

const SCOPE = 'https://www.googleapis.com/auth/';
/** Edits and take-downs (videos.update, videos.delete) need one of these: the portal must be able to take a video down. */
const MANAGING = [`${SCOPE}youtube`, `${SCOPE}youtube.force-ssl`];
/** Uploading, the channel's job, needs one of these (videos.insert). */
const UPLOADING = [`${SCOPE}youtube.upload`, ...MANAGING];
/** Comment replies and hiding (comments.insert, comments.setModerationStatus) need this one alone. */
const COMMENTING = `${SCOPE}youtube.force-ssl`;

/**
 * What the grant lacks, from the scopes Google named (none named: not known). `missing` is what the channel's
 * job needs (operator guide: `youtube.upload` and `youtube`): uploads, and take-downs when an item is withdrawn.
 * `youtube.force-ssl` is optional (answering comments from chat): its lack is a note, not a failure.
 */
function youtubeScopes(granted: readonly string[]): { missing: string[]; note?: ProbeNote } {
  if (granted.length === 0) return { missing: [] };
  const missing = [
    ...(granted.some((s) => UPLOADING.includes(s)) ? [] : [`${SCOPE}youtube.upload`]),
    ...(granted.some((s) => MANAGING.includes(s)) ? [] : [`${SCOPE}youtube`]),
  ];
  if (missing.length > 0 || granted.includes(COMMENTING)) return { missing };
  return { missing, note: { key: 'probe_note_optional_scope', detail: { scope: COMMENTING } } };
}

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
    return { kind: 'reachable', name: channel.snippet?.title ?? channel.id, accountId: channel.id, granted, ...youtubeScopes(granted) };
  } catch (error) {
    return probeFailed(sortYoutubeFailure(failureOf(error), false, untilQuotaReset()));
  }
}
