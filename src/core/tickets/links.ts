import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * Links a person follows without an account, signed under a key derived from HUB_SECRET:
 * the citizen's private status link (kept for good), and the assignee's answer link (expires).
 * Pure: key and times come in as values.
 */

export function ticketLinkKey(hubSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', hubSecret, 'portal-hub', 'ticket links v1', 32));
}

const mac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest().subarray(0, 18).toString('base64url');

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The key of a ticket's status page: whoever holds code and key reads the steps of that ticket only. */
export const statusKey = (key: Buffer, code: string): string => mac(key, `status v1\n${code.toUpperCase()}`);

export const statusKeyHolds = (key: Buffer, code: string, given: string): boolean => same(statusKey(key, code), given);

/** `expiresSec.mac`: lets one person answer one ticket until the link expires. */
export function answerToken(key: Buffer, code: string, personId: string, expiresMs: number): string {
  const expires = Math.floor(expiresMs / 1000).toString(36);
  return `${expires}.${mac(key, `answer v1\n${code.toUpperCase()}\n${personId}\n${expires}`)}`;
}

export type AnswerTokenRefusal = 'answer_link_forged' | 'answer_link_expired';

export function checkAnswerToken(key: Buffer, code: string, personId: string, token: string, nowMs: number): { ok: true; expiresMs: number } | { ok: false; reason: AnswerTokenRefusal } {
  const m = /^([0-9a-z]{1,10})\.([A-Za-z0-9_-]{24})$/.exec(token);
  if (!m) return { ok: false, reason: 'answer_link_forged' };
  const expires = m[1]!;
  if (!same(mac(key, `answer v1\n${code.toUpperCase()}\n${personId}\n${expires}`), m[2]!)) return { ok: false, reason: 'answer_link_forged' };
  const expiresMs = Number.parseInt(expires, 36) * 1000;
  if (expiresMs <= nowMs) return { ok: false, reason: 'answer_link_expired' };
  return { ok: true, expiresMs };
}
