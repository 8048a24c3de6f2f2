import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InboxBatches } from '../../src/app/inbox/batches.js';
import { Inbox } from '../../src/app/inbox/inbox.js';
import type { InboxRow } from '../../src/app/inbox/ports.js';
import { auditKeys } from '../../src/core/audit.js';
import { createPrismaStore } from '../../src/store/prismaStore.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';

type Store = ReturnType<typeof createPrismaStore>;

describe.each(BACKENDS)('the durable inbox on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let store: Store;
  let now = new Date('2026-12-01T03:00:00Z');
  const clock = () => now;

  beforeEach(async () => {
    if (skip) return;
    db = await fresh();
    store = createPrismaStore(db.url, auditKeys('inbox-store-test-secret-0123456789abcdef'));
  });
  afterEach(async () => {
    if (skip) return;
    await store.close();
    await db.drop();
  });

  it.skipIf(skip)('keeps an event raw from the moment it is taken, takes a re-delivery never, and hands back what is not done', async () => {
    const inbox = new Inbox({ store, clock }, 'telegram:');
    const update = { update_id: 41, message: { message_id: 7, text: 'Tin số 1' } };
    expect(await inbox.take('telegram:41', update)).toBe(true);
    expect(await inbox.take('telegram:41', update)).toBe(false);
    now = new Date(now.getTime() + 5);
    expect(await inbox.take('telegram:42', { update_id: 42 })).toBe(true);
    expect(await inbox.take('zalo:m:1', { kind: 'message' })).toBe(true);

    // A crash now: the next start finds both updates, in the order they came, exactly as they were sent.
    const left = await inbox.unfinished();
    expect(left.map((r) => [r.key, r.state])).toEqual([['telegram:41', 'waiting'], ['telegram:42', 'waiting']]);
    expect(JSON.parse(left[0]!.payload)).toEqual(update);

    await inbox.finish('telegram:41');
    expect((await inbox.unfinished()).map((r) => r.key)).toEqual(['telegram:42']);
    // Done events are forgotten after a while; waiting ones never are.
    now = new Date(now.getTime() + 8 * 86_400_000);
    expect(await store.pruneInbound(new Date(now.getTime() - 7 * 86_400_000))).toBe(1);
    expect((await inbox.unfinished()).map((r) => r.key)).toEqual(['telegram:42']);
    expect(await inbox.take('telegram:41', update)).toBe(true);
  });

  it.skipIf(skip)('a batch is read from the inbox: after a restart its parts are taken together once its quiet time is over', async () => {
    const inbox = new Inbox({ store, clock: () => new Date() }, 'telegram:');
    const taken: string[][] = [];
    const collector = (into: string[][]) => new InboxBatches({ store, clock: () => new Date() }, async (rows: InboxRow[]) => void into.push(rows.map((r) => r.key)), 200, (error) => { throw error; });
    const first = collector(taken);
    for (const key of ['telegram:1', 'telegram:2', 'telegram:3']) {
      await inbox.take(key, { key });
      await first.park(key, 'album:a');
    }
    // Killed during the quiet time: nothing is taken, nothing is lost.
    await first.stop();
    expect(taken).toEqual([]);

    const afterRestart: string[][] = [];
    const second = collector(afterRestart);
    // A part recalled meanwhile leaves the batch.
    expect(await second.drop('telegram:2', 'album:a')).toEqual({ kind: 'dropped' });
    expect(await second.drop('telegram:2', 'album:a')).toEqual({ kind: 'absent' });
    second.resume(await inbox.unfinished());
    await new Promise((r) => setTimeout(r, 600));
    expect(afterRestart).toEqual([['telegram:1', 'telegram:3']]);
    expect(await inbox.unfinished()).toEqual([]);
    await second.stop();
  });
});
