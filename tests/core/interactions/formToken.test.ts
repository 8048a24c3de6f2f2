import { describe, expect, it } from 'vitest';
import { checkFormToken, FORM_MAX_AGE_SECONDS, formTokenKey, issueFormToken } from '../../../src/core/interactions/formToken.js';

const KEY = formTokenKey('form-token-test-secret-0123456789abcdef');
const CODE = 'DN-2026-00042';
const T0 = Date.parse('2026-11-30T02:00:00Z');
const rules = { minSeconds: 3 };

describe('the comment form’s signed token', () => {
  it('lets a post through for its article once the minimum fill time has passed, until it is too old', () => {
    const token = issueFormToken(KEY, CODE, T0);
    expect(checkFormToken(KEY, token, CODE, T0 + 3_000, rules)).toEqual({ ok: true });
    expect(checkFormToken(KEY, token, 'dn-2026-00042', T0 + 60_000, rules)).toEqual({ ok: true });
    expect(checkFormToken(KEY, token, CODE, T0 + FORM_MAX_AGE_SECONDS * 1000, rules)).toEqual({ ok: true });
    expect(checkFormToken(KEY, token, CODE, T0 + (FORM_MAX_AGE_SECONDS + 1) * 1000, rules)).toEqual({ ok: false, reason: 'form_token_too_old' });
  });

  it('refuses a post sooner than a person could fill the form, and a token from the future', () => {
    const token = issueFormToken(KEY, CODE, T0);
    expect(checkFormToken(KEY, token, CODE, T0, rules)).toEqual({ ok: false, reason: 'form_token_too_fast' });
    expect(checkFormToken(KEY, token, CODE, T0 + 2_999, rules)).toEqual({ ok: false, reason: 'form_token_too_fast' });
    expect(checkFormToken(KEY, token, CODE, T0 - 60_000, { minSeconds: 0 })).toEqual({ ok: false, reason: 'form_token_too_fast' });
    expect(checkFormToken(KEY, token, CODE, T0, { minSeconds: 0 })).toEqual({ ok: true });
  });

  it('refuses a token drawn for another article', () => {
    const token = issueFormToken(KEY, 'DN-2026-00041', T0);
    expect(checkFormToken(KEY, token, CODE, T0 + 10_000, rules)).toEqual({ ok: false, reason: 'form_token_other_item' });
  });

  it('refuses tokens it did not sign: another key, a changed time or article, a changed signature, garbage', () => {
    const token = issueFormToken(KEY, CODE, T0);
    const [code, issued, mac] = token.split('.') as [string, string, string];
    const forged = [
      issueFormToken(formTokenKey('another-hub-secret-0123456789abcdefgh'), CODE, T0),
      `${code}.${(Number.parseInt(issued, 36) - 3600).toString(36)}.${mac}`,
      `${Buffer.from('DN-2026-00041').toString('base64url')}.${issued}.${mac}`,
      `${code}.${issued}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`,
      '',
      'token',
      `${token}.x`,
      `${code}.${issued}.${mac}=`,
    ];
    for (const f of forged) expect(checkFormToken(KEY, f, CODE, T0 + 10_000, rules), f).toEqual({ ok: false, reason: 'form_token_forged' });
  });

  it('takes one spelling of a signature only: the bits its last character leaves unused do not make another token', () => {
    const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // Tokens of several articles, so some signatures end in a character whose neighbours decode to the same bytes.
    for (let n = 0; n < 40; n += 1) {
      const code = `DN-2026-${String(n).padStart(5, '0')}`;
      const token = issueFormToken(KEY, code, T0);
      expect(checkFormToken(KEY, token, code, T0 + 10_000, rules)).toEqual({ ok: true });
      const accepted = [...ALPHABET].filter((last) => checkFormToken(KEY, `${token.slice(0, -1)}${last}`, code, T0 + 10_000, rules).ok);
      expect(accepted, token).toEqual([token.at(-1)]);
      const [codePart, ...rest] = token.split('.') as [string, string, string];
      const codeSpellings = [...ALPHABET].filter((last) => checkFormToken(KEY, [`${codePart.slice(0, -1)}${last}`, ...rest].join('.'), code, T0 + 10_000, rules).ok);
      expect(codeSpellings, token).toEqual([codePart.at(-1)]);
      expect(checkFormToken(KEY, [codePart, `0${rest[0]}`, rest[1]].join('.'), code, T0 + 10_000, rules), 'a leading zero').toEqual({ ok: false, reason: 'form_token_forged' });
    }
  });

  it('is plain text safe in an HTML attribute and a form field', () => {
    expect(issueFormToken(KEY, CODE, T0)).toMatch(/^[A-Za-z0-9_.-]+$/);
  });
});
