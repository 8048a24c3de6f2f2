import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openClient } from '../../src/store/client.js';
import { BACKENDS } from '../helpers/databases.js';
import { journeyPerSuite } from '../helpers/journey.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/zalo-oa/${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
const FOLLOWER = '2468458835296197922';
const message = (msgId: string, words: string) => ({ ...fixture('user_send_text'), message: { text: words, msg_id: msgId } });

/**
 * Issue 14, Zalo OA's webhook through the real service: the OA connected as `oa-1` (the terminal's
 * `channel connect`), Zalo's stand-in posting signed events to the running process, and what the
 * database then holds read from outside.
 */
describe.each(BACKENDS)('Zalo OA followers’ messages reach the hub by webhook, on $name', ({ fresh, skip }) => {
  const suite = journeyPerSuite(skip, fresh, { zaloGroup: false });
  const hook = () => `${suite.j.portal}/webhooks/zalo-oa`;

  const read = async <T>(query: (db: ReturnType<typeof openClient>) => Promise<T>): Promise<T> => {
    const client = openClient(suite.db.url);
    try {
      return await query(client);
    } finally {
      await client.$disconnect();
    }
  };
  const stored = (externalId: string) => read((c) => c.interaction.findMany({ where: { source: 'zalo-oa', externalId } }));
  /** The inbox job runs every second: waits until the record is there. */
  const storedSoon = (externalId: string) => suite.j.telegram.waitFor(async () => ((await stored(externalId)).length ? stored(externalId) : null), 30_000);

  it.skipIf(skip)('a signed message becomes one interaction under the OA’s channel, however often Zalo delivers it', async () => {
    const at = Date.now();
    const statuses = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await suite.j.zalo.sendWebhook(hook(), message('jm-1', 'Cho hỏi khi nào có kết quả hồ sơ đất đai?'), { timestamp: at })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const rows = await storedSoon('jm-1');
    const channel = await read((c) => c.channel.findFirst({ where: { platform: 'zalo-oa', accountId: 'oa-1' } }));
    expect(rows).toEqual([expect.objectContaining({ kind: 'message', channelId: channel!.id, authorRef: FOLLOWER, authorName: null, text: 'Cho hỏi khi nào có kết quả hồ sơ đất đai?', state: 'new' })]);
  });

  it.skipIf(skip)('a wrong or missing signature gets 401, nothing is stored, and the refusal is on the audit trail', async () => {
    const before = await read((c) => c.inboundUpdate.count({ where: { key: { startsWith: 'webhook:zalo-oa:' } } }));
    expect((await suite.j.zalo.sendWebhook(hook(), message('jm-forged', 'Tin giả'), { signature: 'wrong' })).status).toBe(401);
    expect((await suite.j.zalo.sendWebhook(hook(), message('jm-unsigned', 'Không ký'), { signature: 'none' })).status).toBe(401);
    expect((await suite.j.zalo.sendWebhook(hook(), message('jm-replayed', 'Phát lại'), { timestamp: Date.now() - 25 * 3_600_000 })).status).toBe(401);
    // A genuine event sent after them is taken: once it is stored, the refused ones would have been too.
    expect((await suite.j.zalo.sendWebhook(hook(), message('jm-after', 'Tin thật'))).status).toBe(200);
    await storedSoon('jm-after');
    expect(await read((c) => c.inboundUpdate.count({ where: { key: { startsWith: 'webhook:zalo-oa:' } } }))).toBe(before + 1);
    for (const id of ['jm-forged', 'jm-unsigned', 'jm-replayed']) expect(await stored(id)).toEqual([]);
    const refusals = await suite.j.telegram.waitFor(async () => {
      const rows = await read((c) => c.auditEvent.findMany({ where: { action: 'security.refused.webhook_signature' } }));
      return rows.length ? rows : null;
    }, 30_000);
    expect(refusals[0]?.subjectId).toBe('zalo-oa:127.0.0.1');
  });

  it.skipIf(skip)('a picture and a reaction: the picture says what was sent, the reaction is kept as one', async () => {
    expect((await suite.j.zalo.sendWebhook(hook(), fixture('user_send_image'))).status).toBe(200);
    expect((await suite.j.zalo.sendWebhook(hook(), fixture('user_reacted_message'))).status).toBe(200);
    expect((await storedSoon('b2c3d4e5f60718293a4b'))[0]).toMatchObject({ kind: 'message', text: expect.stringMatching(/^\[ảnh\] Ổ gà trên đường ĐT768/) });
    expect((await storedSoon(`0718293a4b5c6d7e8f90:/-heart:${FOLLOWER}`))[0]).toMatchObject({ kind: 'reaction', text: '/-heart' });
  });
});
