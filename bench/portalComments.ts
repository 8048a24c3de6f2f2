/**
 * The article page with 500 published comments against the same page with none, in one run: the
 * page shows the newest twenty and links to the rest, so both should cost about the same. Measured
 * twice: served from memory (the usual case) by the caller's load tool, and drawn afresh (a cache
 * miss after any publication or interaction), in-process with nothing kept.
 */
import { moderateInteraction, receiveInteraction } from '../src/app/interactions/moderation.js';
import { auditKeys } from '../src/core/audit.js';
import { publicWeb } from '../src/http/web.js';
import { createPrismaStore } from '../src/store/prismaStore.js';
import { TEST_HUB_SECRET, type Desk } from '../tests/helpers/desk.js';
import { FORM_KEY } from '../tests/helpers/portal.js';

export const COMMENTS = 500;
const DRAWS = 200;

/** Comments with ratings under `code`, each published (and every tenth answered) by an editor, as the desk would. */
export async function seedComments(desk: Desk, code: string, n = COMMENTS): Promise<void> {
  for (let i = 1; i <= n; i += 1) {
    desk.time.advance(60_000);
    const { record } = await receiveInteraction(desk.deps, {
      source: 'portal',
      kind: 'comment',
      externalId: `bench-${i}`,
      verb: 'add',
      itemCode: code,
      authorName: `Bạn đọc số ${i}`,
      authorRef: null,
      text: `Ý kiến số ${i}: đề nghị tỉnh công bố tiến độ giải ngân từng dự án trên Cổng để người dân cùng theo dõi và góp ý.`,
      rating: { content: 1 + (i % 5), interface: 4, quality: 3 + (i % 3), support: 5 },
      occurredAt: desk.deps.clock(),
    });
    const decided = await moderateInteraction(desk.deps, desk.id.editor1, record.id, i % 10 === 0 ? { type: 'answer', text: `Ban Biên tập trả lời ý kiến số ${i}.` } : { type: 'publish' });
    if (!decided.ok) throw new Error(`publishing comment ${i}: ${decided.reason}`);
  }
}

/** Mean milliseconds to draw each path with no page kept, the paths taking turns so that both see the same machine. */
export async function drawTimes(url: string, mediaDir: string, paths: string[]): Promise<number[]> {
  const store = createPrismaStore(url, auditKeys(TEST_HUB_SECRET));
  const web = publicWeb({ deps: { store, clock: () => new Date(), timeZone: 'Asia/Ho_Chi_Minh' }, baseUrl: 'http://127.0.0.1', mediaDir, emc: null, cacheBytes: 0, forms: { key: FORM_KEY, perMinute: 5, minSeconds: 3, trustedProxies: new Set() } });
  const totals = paths.map(() => 0);
  try {
    for (let round = -20; round < DRAWS; round += 1) {
      // Each round in the other order: neither page always follows the other.
      const order = round % 2 === 0 ? [...paths.keys()] : [...paths.keys()].reverse();
      for (const i of order) {
        const path = paths[i]!;
        const started = performance.now();
        const r = await web.app.request(path);
        if (r.status !== 200) throw new Error(`${path} answered ${r.status}`);
        await r.arrayBuffer();
        // The first rounds warm the JIT and the database's caches.
        if (round >= 0) totals[i]! += performance.now() - started;
      }
    }
  } finally {
    await store.close();
  }
  return totals.map((t) => t / DRAWS);
}
