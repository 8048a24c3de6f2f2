import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { quoteBigIntegers, verifyZaloEvent, zaloOaEvents } from '../../../adapters/zalo-oa/webhook.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/zalo-oa/${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
const SECRETS = { appId: '4321', oaSecretKey: 'zalo-oa-webhook-secret-key' };
const NOW = new Date(1_764_468_000_000);

/** Signed as platforms.md §3 gives the formula, written out here apart from the adapter. */
function signed(body: object, timestamp = NOW.getTime(), key = SECRETS.oaSecretKey) {
  const raw = Buffer.from(JSON.stringify({ ...body, timestamp: String(timestamp) }));
  const mac = createHash('sha256').update(`${SECRETS.appId}${raw.toString()}${timestamp}${key}`).digest('hex');
  return { raw, mac };
}

const HOUR = 3_600_000;

describe('Zalo OA webhook signature', () => {
  const event = fixture('user_send_text');

  it('takes a body signed by the formula, with or without the mac= prefix', () => {
    const { raw, mac } = signed(event);
    expect(verifyZaloEvent(SECRETS, raw, `mac=${mac}`, NOW)).toEqual({ ok: true, body: raw });
    expect(verifyZaloEvent(SECRETS, raw, mac.toUpperCase(), NOW).ok).toBe(true);
  });

  it('refuses a missing header, another key, a changed body or a malformed mac', () => {
    const { raw, mac } = signed(event);
    expect(verifyZaloEvent(SECRETS, raw, undefined, NOW)).toEqual({ ok: false, reason: 'missing' });
    expect(verifyZaloEvent(SECRETS, raw, 'mac=', NOW)).toEqual({ ok: false, reason: 'missing' });
    expect(verifyZaloEvent(SECRETS, raw, `mac=${signed(event, NOW.getTime(), 'another-key').mac}`, NOW)).toEqual({ ok: false, reason: 'mismatch' });
    const changed = Buffer.from(raw.toString().replace('giấy khai sinh', 'giấy khai tử'));
    expect(verifyZaloEvent(SECRETS, changed, `mac=${mac}`, NOW)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyZaloEvent(SECRETS, raw, `mac=${mac.slice(2)}`, NOW)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyZaloEvent({ ...SECRETS, appId: '9999' }, raw, `mac=${mac}`, NOW)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('refuses a correctly signed event dated more than a day from now (a replay), and takes Zalo’s retries hours later', () => {
    const old = signed(event, NOW.getTime() - 25 * HOUR);
    expect(verifyZaloEvent(SECRETS, old.raw, `mac=${old.mac}`, NOW)).toEqual({ ok: false, reason: 'stale' });
    const ahead = signed(event, NOW.getTime() + 25 * HOUR);
    expect(verifyZaloEvent(SECRETS, ahead.raw, `mac=${ahead.mac}`, NOW)).toEqual({ ok: false, reason: 'stale' });
    const retried = signed(event, NOW.getTime() - 11 * HOUR);
    expect(verifyZaloEvent(SECRETS, retried.raw, `mac=${retried.mac}`, NOW).ok).toBe(true);
  });

  it('cannot check a body that is not JSON or has no timestamp', () => {
    expect(verifyZaloEvent(SECRETS, Buffer.from('not json'), 'mac=00', NOW)).toEqual({ ok: false, reason: 'unreadable' });
    expect(verifyZaloEvent(SECRETS, Buffer.from('{"event_name":"user_send_text"}'), 'mac=00', NOW)).toEqual({ ok: false, reason: 'unreadable' });
  });

  it('keeps every digit of ids sent as bare JSON numbers', () => {
    const raw = `{"event_name":"user_send_text","sender":{"id":2468458835296197922},"recipient":{"id":579745863508352884},"message":{"text":"id 2468458835296197922 trong chữ","msg_id":9007199254740993},"timestamp":${NOW.getTime()},"n":-12.5e3}`;
    const mac = createHash('sha256').update(`${SECRETS.appId}${raw}${NOW.getTime()}${SECRETS.oaSecretKey}`).digest('hex');
    const verdict = verifyZaloEvent(SECRETS, Buffer.from(raw), `mac=${mac}`, NOW);
    if (!verdict.ok) throw new Error(verdict.reason);
    const [message] = zaloOaEvents(JSON.parse(verdict.body.toString()));
    expect(message).toMatchObject({ authorRef: '2468458835296197922', channelAccount: '579745863508352884', externalId: '9007199254740993', text: 'id 2468458835296197922 trong chữ' });
    expect(quoteBigIntegers('[1, 12345678901234567890, "9007199254740993", 3.5, -9007199254740993]')).toBe('[1, "12345678901234567890", "9007199254740993", 3.5, "-9007199254740993"]');
  });
});

describe('Zalo OA events as interactions', () => {
  it('a follower’s text is a message to the OA: its msg_id, the follower’s id, no name', () => {
    expect(zaloOaEvents(fixture('user_send_text'))).toEqual([
      {
        source: 'zalo-oa',
        kind: 'message',
        verb: 'add',
        externalId: 'a1b2c3d4e5f60718293a',
        authorRef: '2468458835296197922',
        authorName: null,
        channelAccount: 'oa-1',
        text: 'Cho hỏi thủ tục cấp lại giấy khai sinh cần những gì ạ?',
        occurredAt: new Date(1_764_468_000_000),
      },
    ]);
  });

  it('pictures, links, files, stickers and places say what was sent, with its address, and nothing is fetched', () => {
    const text = (name: string) => zaloOaEvents(fixture(name))[0]?.text;
    expect(text('user_send_image')).toBe('[ảnh] Ổ gà trên đường ĐT768 đoạn qua xã Thiện Tân https://s240-ava-talk.zadn.vn/oga.jpg');
    // The link's address sent as the text is said once.
    expect(text('user_send_link')).toBe('[liên kết] Lịch tiếp công dân tháng 12 https://dongnai.gov.vn/tin-tuc/lich-tiep-cong-dan');
    expect(text('user_send_file')).toBe('[tệp] don-kien-nghi.pdf https://f1.zdn.vn/don-kien-nghi.pdf');
    expect(text('user_send_sticker')).toBe('[nhãn dán] https://zalo-api.zadn.vn/api/emoticon/sticker/webpc?eid=2b0c7a');
    expect(text('user_send_location')).toBe('[vị trí] 10.9447, 106.8243');
    expect(zaloOaEvents(fixture('user_send_image'))[0]).toMatchObject({ kind: 'message', externalId: 'b2c3d4e5f60718293a4b' });
  });

  it('a reaction is kept as a reaction: one per follower, icon and message', () => {
    expect(zaloOaEvents(fixture('user_reacted_message'))).toEqual([
      expect.objectContaining({ kind: 'reaction', externalId: '0718293a4b5c6d7e8f90:/-heart:2468458835296197922', parentExternalId: '0718293a4b5c6d7e8f90', text: '/-heart', authorRef: '2468458835296197922' }),
    ]);
  });

  it('follows, the OA’s own messages and unknown events are no interactions', () => {
    expect(zaloOaEvents(fixture('follow'))).toEqual([]);
    expect(zaloOaEvents(fixture('oa_send_text'))).toEqual([]);
    expect(zaloOaEvents({ ...fixture('user_send_text'), event_name: 'user_seen_message' })).toEqual([]);
    expect(zaloOaEvents(null)).toEqual([]);
    expect(zaloOaEvents({ ...fixture('user_send_text'), message: { text: 'no id' } })).toEqual([]);
  });
});
