import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { submit, triage } from '../../src/app/intake.js';
import { approve, correct } from '../../src/app/items.js';
import { openClient, type Db } from '../../src/store/client.js';
import type { TestDatabase } from './databases.js';
import { seedDesk, TEST_HUB_SECRET, type Desk } from './desk.js';

async function publish(desk: Desk, n: number, text: string): Promise<string> {
  const { submission } = await submit(desk.deps, {
    siteId: desk.site.id, channel: 'telegram', chatId: '-100200', messageIds: [String(n)], senderPlatformId: '5551', senderName: 'Hoa',
    senderPersonId: desk.id.collaborator, receivedAt: desk.deps.clock(), rawText: text, attachments: [],
  });
  const triaged = await triage(desk.deps, desk.id.editor1, submission.id, { type: 'accept' });
  if (!triaged.ok) throw new Error(triaged.reason);
  const code = triaged.value.item!.code;
  for (const who of ['editor1', 'secretary', 'deputy'] as const) {
    const item = (await desk.store.itemByCode(code))!;
    const r = await approve(desk.deps, desk.id[who], code, item.revision.contentHash);
    if (!r.ok) throw new Error(r.reason);
  }
  return code;
}

export interface TrailBed {
  db: TestDatabase;
  dataDir: string;
  /** The database as someone with write access to it (and not to the hub secret) reaches it. */
  client: Db;
  /** The two published items, the first corrected once. */
  codes: string[];
  /** What `portal-hub` needs to reach this database with the desk's key. */
  env: Record<string, string>;
  drop: () => Promise<void>;
}

/** The province's desk, two published items and a correction, written through the real use cases. */
export async function writtenTrail(fresh: () => Promise<TestDatabase>): Promise<TrailBed> {
  const db = await fresh();
  const desk = await seedDesk(db.url);
  const codes = [await publish(desk, 1, 'UBND tỉnh họp về giải ngân vốn đầu tư công\nSáng 25/11, UBND tỉnh họp trực tuyến.'), await publish(desk, 2, 'Khai mạc hội chợ nông sản\nHội chợ mở cửa đến hết tuần.')];
  const corrected = await correct(desk.deps, desk.id.deputy, codes[0]!, { title: 'UBND tỉnh họp về giải ngân vốn đầu tư công', body: 'Sáng 26/11, UBND tỉnh họp trực tuyến.' }, 'Sai ngày họp');
  if (!corrected.ok) throw new Error(corrected.reason);
  await desk.store.close();
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-hub-audit-'));
  const client = openClient(db.url);
  return {
    db, dataDir, client, codes,
    env: { DATABASE_URL: db.url, DATA_DIR: dataDir, HUB_SECRET: TEST_HUB_SECRET },
    drop: async () => {
      await client.$disconnect();
      rmSync(dataDir, { recursive: true, force: true });
      await db.drop();
    },
  };
}
