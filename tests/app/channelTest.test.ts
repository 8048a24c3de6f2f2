import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testChannel } from '../../src/app/channelTest.js';
import { reconnectChannel, setChannelState } from '../../src/app/channels.js';
import { dispatchDue } from '../../src/app/dispatch.js';
import { OPERATOR } from '../../src/app/people.js';
import { CHANNEL_PROFILES } from '../../src/mirrorSetup.js';
import { openClient } from '../../src/store/client.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { outboxFixture, type OutboxFixture } from '../helpers/outbox.js';
import { publishThrough } from '../helpers/portal.js';

/**
 * What `channel test` leaves on the channel: a token the platform refuses, as a delivery refused for it
 * would (the channel waits for a reconnect, with the reason, and the trail says so); written only while
 * the channel is as the test read it.
 */
describe.each(BACKENDS)('channel test records its verdict on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let f: OutboxFixture;
  const facebook = async () => (await f.desk.store.channels()).find((c) => c.key === 'facebook');
  const testAudits = async () => {
    const client = openClient(db.url);
    try {
      return (await client.auditEvent.findMany({ where: { action: 'channel.test' }, orderBy: { seq: 'asc' } })).map((r) => ({ subjectId: r.subjectId, data: JSON.parse(r.data) as Record<string, unknown> }));
    } finally {
      await client.$disconnect();
    }
  };

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

  it.skipIf(skip)('a paused channel whose token is refused stays paused, the refusal its last error', async () => {
    expect((await setChannelState(f.desk.deps, OPERATOR, 'facebook', 'paused')).ok).toBe(true);
    f.graph.token = 'page-token-2';
    const r = await testChannel(f.env, 'facebook');
    expect(r).toMatchObject({ ok: true, value: { probe: { kind: 'needsReauth' }, channel: { state: 'paused' } } });
    expect(await facebook()).toMatchObject({ state: 'paused', lastError: expect.stringMatching(/^Graph 190\b/) as unknown });
    const channel = await facebook();
    expect((await testAudits()).at(-1)).toMatchObject({ subjectId: channel?.id, data: { key: 'facebook', result: 'needsReauth' } });
  });

  it.skipIf(skip)('a running channel whose token is refused waits for a reconnect as after a refused delivery', async () => {
    expect((await setChannelState(f.desk.deps, OPERATOR, 'facebook', 'active')).ok).toBe(true);
    const r = await testChannel(f.env, 'facebook');
    expect(r).toMatchObject({ ok: true, value: { channel: { state: 'needsReauth' } } });
    const tested = await facebook();
    expect(tested).toMatchObject({ state: 'needsReauth', lastError: expect.stringMatching(/^Graph 190\b/) as unknown });

    // The same refusal met by a delivery leaves the channel the same way.
    expect((await reconnectChannel(f.desk.deps, f.key, CHANNEL_PROFILES, 'facebook', 'page-token-1')).ok).toBe(true);
    f.desk.time.advance(60_000);
    await publishThrough(f.desk, { title: 'Tin chờ kết nối lại', summary: 'Tóm tắt.', body: 'Nội dung.', mediaRefs: [] }, 'kinh-te');
    await dispatchDue(f.env);
    const delivered = await facebook();
    expect({ state: delivered?.state, lastError: delivered?.lastError }).toEqual({ state: tested?.state, lastError: tested?.lastError });
  });

  it.skipIf(skip)('writes nothing when the channel changed while the platform answered', async () => {
    const channel = await facebook();
    if (!channel) throw new Error('no channel');
    const audits = (await testAudits()).length;
    const audit = { at: f.desk.deps.clock(), actorId: null, action: 'channel.test', subjectType: 'channel', subjectId: channel.id, data: { key: 'facebook', result: 'rejected' } };
    // Read while active, now waiting for a reconnect: the stale verdict is dropped, and so is its audit row.
    expect(await f.desk.store.recordChannelTest(channel.id, 'active', { lastError: 'stale' }, audit)).toBe(false);
    expect(await facebook()).toMatchObject({ state: 'needsReauth', lastError: channel.lastError });
    expect(await testAudits()).toHaveLength(audits);
    expect(await f.desk.store.recordChannelTest(channel.id, 'needsReauth', { lastError: 'fresh' }, audit)).toBe(true);
    expect(await facebook()).toMatchObject({ state: 'needsReauth', lastError: 'fresh' });
    expect(await testAudits()).toHaveLength(audits + 1);
  });
});
