import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingFor } from '../../src/app/desk.js';
import type { Deps } from '../../src/app/deps.js';
import { submit } from '../../src/app/intake.js';
import { writeItem } from '../../src/app/items.js';
import { createSite, grant, OPERATOR } from '../../src/app/people.js';
import type { ItemRecord, QueueCursor, QueuePage, Store, SubmissionRecord } from '../../src/app/ports.js';
import { auditKeys } from '../../src/core/audit.js';
import { createPrismaStore } from '../../src/store/prismaStore.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { seedDesk, TEST_HUB_SECRET, type Desk } from '../helpers/desk.js';

// Enough rows that reading the queue row by row, or whole, would show in the statement count.
const SUBMISSIONS = 1500;
const ITEMS = 600;

async function inBatches(n: number, run: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < n; i += 25) await Promise.all(Array.from({ length: Math.min(25, n - i) }, (_, k) => run(i + k)));
}

async function walk<T>(read: (after: QueueCursor | null) => Promise<QueuePage<T>>): Promise<T[]> {
  const all: T[] = [];
  for (let after: QueueCursor | null = null, first = true; first || after; first = false) {
    const page = await read(after);
    all.push(...page.rows);
    after = page.next;
  }
  return all;
}

describe.each(BACKENDS)('the desk queues at size on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let desk: Desk;
  /** A second store on the same database whose every statement is counted at the driver. */
  let counted: Store;
  let statements = 0;
  const countedDeps = (): Deps => ({ ...desk.deps, store: counted });
  const during = async <T>(run: () => Promise<T>): Promise<{ value: T; statements: number }> => {
    const before = statements;
    const value = await run();
    return { value, statements: statements - before };
  };

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    desk = await seedDesk(db.url);
    const district = await createSite(desk.deps, { key: 'huyen', kind: 'district', nameVi: 'Huyện Đồng Phú', nameEn: 'Dong Phu District', codePrefix: 'DP', parentKey: 'tinh' });
    if (!district.ok) throw new Error(district.reason);
    // Editor 2 works on the district too: their items there wait at the editor step of another site.
    const granted = await grant(desk.deps, OPERATOR, { personId: desk.id.editor2, siteKey: 'huyen', role: 'editor' });
    if (!granted.ok) throw new Error(granted.reason);
    const base = Date.parse('2026-11-01T00:00:00Z');
    await inBatches(SUBMISSIONS, (i) =>
      submit(desk.deps, {
        // Two in three on the province; one in ten of those sent by editor 1 themselves.
        siteId: i % 3 === 2 ? district.value.id : desk.site.id,
        channel: 'telegram', chatId: '-100123', messageIds: [String(10_000 + i)], senderPlatformId: String(5_000 + i), senderName: `CTV ${i}`,
        senderPersonId: i % 3 !== 2 && i % 10 === 0 ? desk.id.editor1 : null,
        receivedAt: new Date(base + i * 1000), rawText: `Tin gửi số ${i}\nNội dung.`, attachments: [],
      }),
    );
    await inBatches(ITEMS, async (i) => {
      const written = await writeItem(desk.deps, desk.id.editor2, i % 2 === 0 ? 'tinh' : 'huyen', { kind: 'news', content: { title: `Bài viết số ${i}`, body: 'Nội dung.' } });
      if (!written.ok) throw new Error(written.reason);
      desk.time.advance(1000);
    });
    counted = createPrismaStore(db.url, auditKeys(TEST_HUB_SECRET), { observe: () => (statements += 1) });
  }, 600_000);
  afterAll(async () => {
    if (skip) return;
    await counted.close();
    await desk.store.close();
    await db.drop();
  });

  it.skipIf(skip)('/pending reads one page from the database, the right rows in the right order, in a bounded number of statements', async () => {
    // What the desk used to compute in memory from the whole queue, as the reference.
    const allSubs = await desk.store.receivedSubmissions();
    const allItems = await desk.store.itemsInReview();
    const expected = (person: string, sites: Set<string>) => {
      const subs = allSubs.filter((s) => sites.has(s.siteId) && s.senderPersonId !== person).map((s) => s.code);
      return { subs: subs.length, list: [...subs, ...allItems.filter((i) => sites.has(i.siteId) && i.step === 'editor').map((i) => i.code)] };
    };
    const province = new Set([desk.site.id]);
    const both = new Set(allSubs.map((s) => s.siteId));
    const editor1 = expected(desk.id.editor1, province);
    const editor2 = expected(desk.id.editor2, both);
    expect(editor1.list.length).toBeGreaterThan(1000);

    for (const [person, { subs, list }] of [[desk.id.editor1, editor1], [desk.id.editor2, editor2]] as const) {
      // A page in the submissions, the one across the border to the items, and the last one.
      for (const n of [3, Math.floor(subs / 25) + 1, Math.ceil(list.length / 25)]) {
        const { value: page, statements: used } = await during(() => pendingFor(countedDeps(), person, n, 25));
        const start = (n - 1) * 25;
        expect(page.submissionCount + page.itemCount).toBe(list.length);
        expect([...page.submissions.map((s) => s.code), ...page.items.map((i) => i.code)]).toEqual(list.slice(start, start + 25));
        // A grant read, an actor per site, two counts and two page reads (with their included rows).
        expect(used).toBeLessThanOrEqual(20);
      }
    }
    // The secretary stands at no step an item waits at here, and triages nothing.
    const secretary = await pendingFor(countedDeps(), desk.id.secretary, 1, 25);
    expect([secretary.submissionCount, secretary.itemCount, secretary.submissions.length, secretary.items.length]).toEqual([0, 0, 0, 0]);
  });

  it.skipIf(skip)('the sweeps walk the queues a page at a time and find the open cards of a page in one read', async () => {
    const whole = (await desk.store.receivedSubmissions()).map((s) => s.id);
    let reads = 0;
    const { value: walked, statements: used } = await during(() =>
      walk<SubmissionRecord>((after) => ((reads += 1), counted.receivedSubmissionsPage(after, 200))),
    );
    expect(walked.map((s) => s.id)).toEqual(whole);
    expect(reads).toBe(Math.ceil(whole.length / 200) + (whole.length % 200 === 0 ? 1 : 0));
    // One statement per page and its included rows, not one per row.
    expect(used).toBeLessThanOrEqual(reads * 3);

    const items = await walk<ItemRecord>((after) => counted.itemsInReviewPage(after, 97));
    expect(items.map((i) => i.id)).toEqual((await desk.store.itemsInReview()).map((i) => i.id));

    const [a, b, c] = items;
    const card = (subjectId: string, n: number) =>
      desk.store.addCard({ id: `card-${n}`, platform: 'telegram', chatId: '-100999', messageId: String(n), kind: 'card', subjectType: 'item', subjectId, code: `C${n}`, step: 'editor', revisionHash: null, action: null, personId: null, previewId: null }, desk.time.clock());
    await card(a!.id, 1);
    await card(b!.id, 2);
    await card(b!.id, 3);
    await desk.store.closeCard('card-2', desk.time.clock());
    const { value: open, statements: one } = await during(() => counted.openCardsOf('telegram', items.map((i) => i.id)));
    expect(open.map((x) => [x.subjectId, x.id])).toEqual([[a!.id, 'card-1'], [b!.id, 'card-3']]);
    expect(open.some((x) => x.subjectId === c!.id)).toBe(false);
    expect(one).toBe(1);
  });

  it.skipIf(skip)('what senders are told is read from a page of the trail with one read of its submissions, not one per row', async () => {
    const received = await desk.store.receivedSubmissions();
    const { value: page, statements: used } = await during(() => counted.outcomesAfter('telegram', 0, 5000));
    const told = page.notices.filter((n) => n.outcome === 'received');
    expect(told).toHaveLength(SUBMISSIONS);
    expect(new Set(told.map((n) => n.code))).toEqual(new Set(received.map((s) => s.code)));
    expect(told.every((n) => n.submission.code === n.code)).toBe(true);
    // The trail page, then the submissions it names in lists of 500 (with their included rows).
    expect(used).toBeLessThanOrEqual(2 + 2 * Math.ceil(SUBMISSIONS / 500));
    // Another channel's desk is told nothing of these.
    expect((await counted.outcomesAfter('zalo-group', 0, 5000)).notices).toEqual([]);
  });
});
