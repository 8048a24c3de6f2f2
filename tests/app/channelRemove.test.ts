import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconnectChannel, removeChannel, setChannelState } from '../../src/app/channels.js';
import { channelsOverview } from '../../src/app/mirrors.js';
import { act } from '../../src/app/items.js';
import { OPERATOR } from '../../src/app/people.js';
import { dispatchDue } from '../../src/app/dispatch.js';
import { CHANNEL_PROFILES } from '../../src/mirrorSetup.js';
import { openClient } from '../../src/store/client.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { outboxFixture, type OutboxFixture } from '../helpers/outbox.js';
import { publishThrough } from '../helpers/portal.js';

/**
 * `channel remove`: a Page the province no longer runs. Its token is erased, what waited for it is
 * cancelled, nothing new is queued for it, and a take-down it has not carried out is never dropped silently.
 */
describe.each(BACKENDS)('removing a mirror channel on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let f: OutboxFixture;
  let n = 0;
  const publish = async (title = `Tin số ${++n}`) => {
    f.desk.time.advance(60_000);
    return publishThrough(f.desk, { title, summary: 'Tóm tắt.', body: 'Nội dung.', mediaRefs: [] }, 'kinh-te');
  };
  const postsOf = (code: string) => f.graph.live.filter((p) => p.message.includes(`/vi/tin/${code}`));

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    f = await outboxFixture(db.url, { timeoutMs: 700 });
  });
  afterAll(async () => {
    if (skip) return;
    await f.close();
    await db.drop();
  });

  it.skipIf(skip)('refuses while a take-down waits, then with force erases the token, cancels what waited and queues nothing more', async () => {
    const posted = await publish('Đã đăng lên Trang');
    await dispatchDue(f.env);
    expect(postsOf(posted.code)).toHaveLength(1);
    // The Page stops answering for a while: a take-down and a new publication wait for it.
    expect((await setChannelState(f.desk.deps, OPERATOR, 'facebook', 'paused')).ok).toBe(true);
    f.desk.time.advance(60_000);
    await act(f.desk.deps, f.desk.id.deputy, posted.code, { type: 'takeDown', note: 'Sai thông tin' });
    const waiting = await publish('Chờ đăng');

    const refused = await removeChannel(f.desk.deps, 'facebook', false);
    expect(refused).toMatchObject({ ok: false, reason: 'removals_pending', detail: { count: '1', codes: posted.code } });
    expect((await channelsOverview(f.desk.deps)).map((o) => o.channel.state)).toEqual(['paused']);

    const removed = await removeChannel(f.desk.deps, 'facebook', true);
    expect(removed).toMatchObject({ ok: true, value: { cancelled: 2, postsLeft: 1, removalsDropped: [posted.code] } });
    const client = openClient(db.url);
    const row = await client.channel.findFirstOrThrow({ where: { key: 'facebook' } });
    const audit = await client.auditEvent.findFirstOrThrow({ where: { action: 'channel.remove' } });
    await client.$disconnect();
    expect(row).toMatchObject({ state: 'removed', credentials: '' });
    expect(JSON.parse(audit.data)).toMatchObject({ key: 'facebook', removalsDropped: [posted.code], cancelled: 2 });
    expect((await f.desk.store.deliveriesOfItem(waiting.id)).map((d) => d.state)).toEqual(['cancelled']);
    expect(await f.desk.store.sealedValues()).toEqual([]);

    // Nothing more goes to it: a new publication queues no delivery, the dispatcher calls no one.
    const later = await publish('Sau khi gỡ kênh');
    expect(await f.desk.store.deliveriesOfItem(later.id)).toEqual([]);
    const calls = f.graph.calls.length;
    await f.drain(2);
    expect(f.graph.calls.length).toBe(calls);
    expect((await removeChannel(f.desk.deps, 'facebook', true))).toMatchObject({ ok: false, reason: 'channel_removed' });
    expect(await setChannelState(f.desk.deps, OPERATOR, 'facebook', 'active')).toMatchObject({ ok: false, reason: 'channel_removed' });
  });

  it.skipIf(skip)('a new token brings a removed channel back for what is published from then on', async () => {
    expect((await reconnectChannel(f.desk.deps, f.key, CHANNEL_PROFILES, 'facebook', 'page-token-1')).ok).toBe(true);
    const item = await publish('Kênh chạy lại');
    await dispatchDue(f.env);
    expect(postsOf(item.code)).toHaveLength(1);
    expect((await channelsOverview(f.desk.deps)).map((o) => o.channel.state)).toEqual(['active']);
  });
});
