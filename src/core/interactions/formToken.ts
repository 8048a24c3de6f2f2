import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * The portal form's signed token: which article the form was drawn for and when (whole seconds),
 * under a key derived from HUB_SECRET. It proves the post comes from a form this portal drew for
 * that article, no sooner than a person could fill it and no later than a page is sensibly kept
 * open. Pure: the key and the times come in as values.
 */

/** Older than this, the form is drawn again (with what was typed kept); a page left open overnight. */
export const FORM_MAX_AGE_SECONDS = 6 * 3600;

export type FormTokenRefusal = 'form_token_forged' | 'form_token_other_item' | 'form_token_too_fast' | 'form_token_too_old';

export function formTokenKey(hubSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', hubSecret, 'portal-hub', 'portal form token v1', 32));
}

const macOf = (key: Buffer, code: string, issuedSec: number) => createHmac('sha256', key).update(`form v1\n${code}\n${issuedSec}`).digest().subarray(0, 16);

/** `code.issued.mac`, all base64url or base36: safe in an HTML attribute and a form field as they are. */
export function issueFormToken(key: Buffer, code: string, nowMs: number): string {
  const issued = Math.floor(nowMs / 1000);
  const upper = code.toUpperCase();
  return `${Buffer.from(upper).toString('base64url')}.${issued.toString(36)}.${macOf(key, upper, issued).toString('base64url')}`;
}

export interface FormTokenRules {
  minSeconds: number;
  maxAgeSeconds?: number;
}

/** Whether a posted token lets a post for `code` through now; the first failing check is the reason. */
export function checkFormToken(key: Buffer, token: string, code: string, nowMs: number, rules: FormTokenRules): { ok: true } | { ok: false; reason: FormTokenRefusal } {
  const m = /^([A-Za-z0-9_-]{1,200})\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!m) return { ok: false, reason: 'form_token_forged' };
  const tokenCode = Buffer.from(m[1] ?? '', 'base64url').toString('utf8');
  if (Buffer.from(tokenCode).toString('base64url') !== m[1]) return { ok: false, reason: 'form_token_forged' };
  const issued = Number.parseInt(m[2] ?? '', 36);
  // Leading zeros would be other spellings of the same time, each a new once-only key.
  if (issued.toString(36) !== m[2]) return { ok: false, reason: 'form_token_forged' };
  // Compared as written, not as decoded: the last of 22 characters carries 4 bits no byte reads, so 16 spellings
  // decode alike, and a form's once-only key built from the token would take each as a new one.
  const given = Buffer.from(m[3] ?? '');
  const expected = Buffer.from(macOf(key, tokenCode, issued).toString('base64url'));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'form_token_forged' };
  if (tokenCode !== code.toUpperCase()) return { ok: false, reason: 'form_token_other_item' };
  const elapsed = Math.floor(nowMs / 1000) - issued;
  // A token from the future (a clock stepped back) is no proof of time spent either.
  if (elapsed < rules.minSeconds || elapsed < 0) return { ok: false, reason: 'form_token_too_fast' };
  if (elapsed > (rules.maxAgeSeconds ?? FORM_MAX_AGE_SECONDS)) return { ok: false, reason: 'form_token_too_old' };
  return { ok: true };
}
