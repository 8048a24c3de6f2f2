import { chatAccountCredentialsPlace, seal, unseal } from '../../src/core/sealing.js';
import type { Deps } from '../../src/app/deps.js';
import type { ZaloCredentials } from './gateway.js';
import { PLATFORM } from './env.js';

/** The one Zalo account the hub signs in as (Zalo allows one web session per account). */
export const ACCOUNT_KEY = 'zalo-group';

export function readZaloCredentials(text: string): ZaloCredentials {
  const parsed = JSON.parse(text) as Partial<Record<keyof ZaloCredentials, unknown>>;
  if (!Array.isArray(parsed.cookie) || parsed.cookie.length === 0) throw new Error('Zalo credentials need a cookie list');
  if (typeof parsed.imei !== 'string' || parsed.imei === '') throw new Error('Zalo credentials need an imei');
  if (typeof parsed.userAgent !== 'string' || parsed.userAgent === '') throw new Error('Zalo credentials need a user agent');
  return { cookie: parsed.cookie as unknown[], imei: parsed.imei, userAgent: parsed.userAgent };
}

/** The stored session, unsealed; its version (the sealed text, new at every sealing) changes each time a person signs in again. */
export async function loadCredentials(deps: Deps, sealingKey: Buffer): Promise<{ credentials: ZaloCredentials; version: string } | null> {
  const account = await deps.store.chatAccount(ACCOUNT_KEY);
  if (!account) return null;
  const text = unseal(sealingKey, account.credentials, chatAccountCredentialsPlace(ACCOUNT_KEY));
  // Sealed under another HUB_SECRET, or altered: only a new sign-in helps.
  if (text === null) return null;
  return { credentials: readZaloCredentials(text), version: account.credentials };
}

/** Seals and stores a new session; the audit names the account, never the session. */
export async function saveCredentials(deps: Deps, sealingKey: Buffer, credentials: ZaloCredentials, accountId: string | null, actor: string | null): Promise<void> {
  const at = deps.clock();
  await deps.store.saveChatAccount(
    { key: ACCOUNT_KEY, platform: PLATFORM, accountId, credentials: seal(sealingKey, JSON.stringify(credentials), chatAccountCredentialsPlace(ACCOUNT_KEY)), updatedAt: at },
    { at, actorId: actor, action: 'chatAccount.signIn', subjectType: 'chatAccount', subjectId: ACCOUNT_KEY, data: { platform: PLATFORM, account: accountId } },
  );
}
