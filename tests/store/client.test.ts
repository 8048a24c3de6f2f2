import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClient, type Db } from '../../src/store/client.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';

/**
 * One process shares one SQLite connection between everything it does at once. A write that is not
 * part of a transaction must never land inside another caller's open one: when that one rolls back
 * (a lost race, a refused decision) or the process dies before it commits, the write would vanish
 * after its caller was told it was saved (a receipt marked told, an update marked taken).
 */
describe.each(BACKENDS)('writes beside an open transaction on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let client: Db;

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    client = openClient(db.url);
  });
  afterAll(async () => {
    if (skip) return;
    await client.$disconnect();
    await db.drop();
  });

  it.skipIf(skip)('a plain write made while another transaction is open survives that transaction rolling back', async () => {
    let opened!: () => void;
    const isOpen = new Promise<void>((resolve) => (opened = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const refused = client
      .$transaction(async (t) => {
        await t.chatCursor.create({ data: { key: 'refused-decision', seq: 1 } });
        opened();
        await held;
        throw new Error('the decision lost its race');
      })
      .catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
    await isOpen;
    const mark = client.chatCursor.upsert({ where: { key: 'told:42' }, create: { key: 'told:42', seq: 42 }, update: { seq: 42 } });
    setTimeout(release, 50);
    await mark;
    expect(await refused).toBe('the decision lost its race');
    expect(await client.chatCursor.findUnique({ where: { key: 'told:42' } })).toMatchObject({ seq: 42 });
    expect(await client.chatCursor.findUnique({ where: { key: 'refused-decision' } })).toBeNull();
  });

  it.skipIf(skip)('a plain read does not see what an open transaction has not committed', async () => {
    let opened!: () => void;
    const isOpen = new Promise<void>((resolve) => (opened = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const writing = client.$transaction(async (t) => {
      await t.chatCursor.create({ data: { key: 'not-yet', seq: 7 } });
      opened();
      await held;
      throw new Error('rolled back');
    }).catch(() => undefined);
    await isOpen;
    const read = client.chatCursor.findUnique({ where: { key: 'not-yet' } });
    setTimeout(release, 50);
    expect(await read).toBeNull();
    await writing;
  });
});
