import type { Deps } from '../../src/app/deps.js';
import type { ChatAccountState } from '../../src/app/chatPorts.js';
import { ACCOUNT_KEY } from './credentials.js';

/**
 * `zalo resume`: an admin closed the Zalo Web session that took the account twice, and lets the bot
 * connect again. The running service sees the state change at its next session check (zalo-session).
 */
/** What `zalo resume` writes: the only sign a held-off desk takes to connect again. */
export const RESUME_ASKED = 'resume asked by an admin';

export async function askZaloResume(deps: Deps): Promise<{ ok: true } | { ok: false; state: ChatAccountState | null }> {
  const account = await deps.store.chatAccount(ACCOUNT_KEY);
  if (!account || account.state !== 'heldOff') return { ok: false, state: account?.state ?? null };
  const at = deps.clock();
  await deps.store.setChatAccountState(ACCOUNT_KEY, 'disconnected', RESUME_ASKED, at);
  await deps.store.recordAudit([{ at, actorId: null, action: 'chatAccount.resume', subjectType: 'chatAccount', subjectId: ACCOUNT_KEY, data: {} }]);
  return { ok: true };
}
