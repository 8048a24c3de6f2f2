import { describe, expect, it } from 'vitest';
import { ZaloApiError } from 'zca-js';
import { sortClose, sortLoginError, sortSendError } from '../../../adapters/zalo-group/errors.js';
import { Pacer, PacerStopped } from '../../../adapters/zalo-group/pacer.js';

describe('Zalo failures, sorted by code', () => {
  it('a send: slow down and wait, refused, or maybe sent; one refused at shutdown is sent later, never lost', async () => {
    expect(sortSendError(new ZaloApiError('Retry limit', -69))).toMatchObject({ kind: 'retryLater', afterMs: 30_000 });
    expect(sortSendError(new ZaloApiError('bulk', 123))).toMatchObject({ kind: 'retryLater' });
    expect(sortSendError(new ZaloApiError('Không thể nhận tin nhắn từ bạn', 114))).toMatchObject({ kind: 'rejected', reason: 'Zalo 114: Không thể nhận tin nhắn từ bạn' });
    expect(sortSendError(new ZaloApiError('Request failed with status code 502'))).toMatchObject({ kind: 'outcomeUnknown' });
    expect(sortSendError(new TypeError('fetch failed'))).toMatchObject({ kind: 'outcomeUnknown' });
    const pacer = new Pacer({ gapMs: 10_000, jitterMs: 0 });
    await pacer.run(async () => 'first');
    const waiting = pacer.run(async () => 'second');
    expect(pacer.stop()).toBe(1);
    const refused = await waiting.catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PacerStopped);
    expect(sortSendError(refused)).toMatchObject({ kind: 'retryLater' });
  });

  it('a closed listener and a refused sign-in', () => {
    expect([1000, 3000, 3003, 1006, 4001].map(sortClose)).toEqual(['stopped', 'takenOver', 'takenOver', 'dropped', 'dropped']);
    expect(sortLoginError(new ZaloApiError('Đăng nhập thất bại'), [200, 200])).toBe('needsLogin');
    // zca-js throws the same codeless error for a proxy's 502: the statuses met decide.
    expect(sortLoginError(new ZaloApiError('Failed to fetch login info: Bad Gateway'), [502])).toBe('retryLater');
    expect(sortLoginError(new ZaloApiError('Failed to fetch server info: '), [200, 503])).toBe('retryLater');
    expect(sortLoginError(new ZaloApiError('Failed to fetch login info: '), [0])).toBe('retryLater');
    expect(sortLoginError(new TypeError('fetch failed'), [])).toBe('retryLater');
  });
});
