import type { ChannelAccount } from '../../src/app/outboxPorts.js';
import { probeFailed, type ChannelProbe } from '../../src/core/delivery.js';
import type { GraphClient } from './client.js';
import { readCredentials } from './credentials.js';
import { sortGraphFailure } from './errors.js';

/** What mirroring to a Page needs of its token (notes/platforms.md §4): posting, and reading what it posted. */
export const PAGE_PERMISSIONS = ['pages_manage_posts', 'pages_read_engagement'];

/**
 * The Page as Graph shows it to the stored token, then the token's own description (`debug_token`, asked
 * with the token itself): its permissions and the Page it was issued for. A token for another Page is
 * refused here, before a post would be.
 */
export async function probeFacebook(graph: GraphClient, account: ChannelAccount): Promise<ChannelProbe> {
  const token = readCredentials(account.credentials).pageToken;
  const page = await graph.call('GET', account.accountId, token, { fields: 'id,name' });
  if (!page.ok) return probeFailed(sortGraphFailure(page.failure, false));
  const name = typeof page.body.name === 'string' ? page.body.name : account.accountId;
  const debug = await graph.call('GET', 'debug_token', token, { input_token: token });
  if (!debug.ok) return { kind: 'reachable', name, accountId: account.accountId, granted: [], missing: [], note: { key: 'probe_note_permissions_unknown', detail: {} } };
  const data = (debug.body.data ?? {}) as { is_valid?: unknown; profile_id?: unknown; scopes?: unknown };
  if (data.is_valid === false) return { kind: 'needsReauth', reason: 'Graph debug_token: the token is no longer valid' };
  if (typeof data.profile_id === 'string' && data.profile_id !== account.accountId) return { kind: 'rejected', reason: `the token is for Page ${data.profile_id}, not ${account.accountId}` };
  const granted = Array.isArray(data.scopes) ? data.scopes.filter((s): s is string => typeof s === 'string') : [];
  return { kind: 'reachable', name, accountId: account.accountId, granted, missing: PAGE_PERMISSIONS.filter((p) => !granted.includes(p)) };
}
