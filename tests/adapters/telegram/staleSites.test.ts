import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentTextExtractor } from '../../../adapters/documents/textExtractor.js';
import { addDocument, type DocumentsEnv } from '../../../src/app/documents/add.js';
import { approve } from '../../../src/app/items.js';
import { createSite, grant, OPERATOR } from '../../../src/app/people.js';
import { freshSqlite, type TestDatabase } from '../../helpers/databases.js';
import { publishThrough } from '../../helpers/portal.js';
import { EDITORIAL, startTelegramDesk } from '../../helpers/telegram.js';
import type { TgUser } from '../../helpers/journey.js';

type Desk = Awaited<ReturnType<typeof startTelegramDesk>>;
const MINUTE = 60_000;
const DAY = 86_400_000;

/** Issue 20.3: a site that published nothing for longer than its threshold is listed weekly, not every minute. */
describe('the weekly list of sites gone stale', () => {
  let db: TestDatabase;
  let t: Desk;
  let board: TgUser;
  const lists = () => t.fake.texts(EDITORIAL).filter((x) => x.includes('Trang chưa cập nhật quá'));

  beforeAll(async () => {
    db = await freshSqlite();
    // The desk's clock starts on Monday 30/11/2026, 09:00 in the province.
    t = await startTelegramDesk(db.url, { staleDays: 5 });
    const deps = t.seeded.deps;
    // Made forty days ago: long enough to have gone stale (a site made within the threshold has not).
    const earlier = { ...deps, clock: () => new Date(deps.clock().getTime() - 40 * DAY) };
    for (const [key, prefix, nameVi, nameEn] of [['so-y-te', 'SYT', 'Sở Y tế', 'Department of Health'], ['huyen-a', 'HA', 'UBND huyện A', 'District A']] as const) {
      expect(await createSite(earlier, { key, kind: 'department', nameVi, nameEn, codePrefix: prefix, parentKey: 'tinh' })).toMatchObject({ ok: true });
    }
    // The department's standing deputy head reads the department's line privately.
    expect(await grant(deps, OPERATOR, { personId: t.seeded.id.deputy, siteKey: 'so-y-te', role: 'deputy' })).toMatchObject({ ok: true });
    board = await t.linkedUser(t.seeded.id.deputy, 'bich');
    await publishThrough(t.seeded, { title: 'Tin của tỉnh', summary: 'Tóm tắt.', body: 'Nội dung.', mediaRefs: [] });
  });
  afterAll(async () => {
    await t.stop();
    await db.drop();
  });

  it('lists the sites with nothing for over five days once a week from Monday 08:00, the board member told of their own site, every run after that silent', async () => {
    const remind = () => t.telegram.timeliness.remindStale();
    // The two component sites never published: listed this week already (the province published today).
    expect(await remind()).toBe(1);
    expect(lists()).toHaveLength(1);
    expect(lists()[0]).toContain('Trang chưa cập nhật quá 5 ngày (2 trang):');
    expect(lists()[0]).toContain('• Sở Y tế — chưa đăng tin nào');
    expect(lists()[0]).toContain('• District A — nothing published yet');
    expect(lists()[0]).not.toContain('Bình Phước');
    expect(t.fake.texts(board.id)).toEqual([
      'Trang Sở Y tế của anh/chị chưa cập nhật quá 5 ngày: chưa đăng tin nào. Mỗi trang cần cập nhật thông tin thường xuyên (NĐ 42/2022, NĐ 224/2026).',
    ]);
    // Every ten minutes (the job's pace) for the rest of the week: nothing more.
    let sent = 0;
    for (let minute = 0; minute < 60 * 24 * 6; minute += 10) {
      t.seeded.time.advance(10 * MINUTE);
      sent += await remind();
    }
    expect(sent).toBe(0);
    expect(lists()).toHaveLength(1);
    // The next Monday at 09:00: the province too is past five days now (seven), with its last day.
    t.seeded.time.advance(DAY);
    expect(await remind()).toBe(1);
    expect(await remind()).toBe(0);
    expect(lists()).toHaveLength(2);
    expect(lists()[1]).toContain('(3 trang)');
    expect(lists()[1]).toMatch(/• Cổng thông tin điện tử tỉnh Bình Phước — tin gần nhất ngày 30\/11\/2026 \(7 ngày trước\)/);
    // Deputy head of the province too: told of both sites, each in a message of its own.
    expect(t.fake.texts(board.id).slice(1).map((x) => x.slice(0, 50)).sort()).toEqual(['Trang Cổng thông tin điện tử tỉnh Bình Phước của a', 'Trang Sở Y tế của anh/chị chưa cập nhật quá 5 ngày']);
  });
});

/** Issue 20.3: a site whose documents keep going up after their deadline is on the same weekly list, and its board member is told. */
describe('the weekly list of sites that keep missing deadlines', () => {
  let db: TestDatabase;
  let t: Desk;
  let board: TgUser;
  const mediaDir = mkdtempSync(join(tmpdir(), 'late-docs-'));
  const lists = () => t.fake.texts(EDITORIAL).filter((x) => x.includes('⏰'));

  beforeAll(async () => {
    db = await freshSqlite();
    // Monday 30/11/2026, 09:00 in the province.
    t = await startTelegramDesk(db.url, { staleDays: 30 });
    const deps = t.seeded.deps;
    for (const [key, prefix, nameVi, nameEn] of [['so-y-te', 'SYT', 'Sở Y tế', 'Department of Health'], ['huyen-a', 'HA', 'UBND huyện A', 'District A']] as const) {
      expect(await createSite(deps, { key, kind: 'department', nameVi, nameEn, codePrefix: prefix, parentKey: 'tinh' })).toMatchObject({ ok: true });
    }
    // The province's desk works the two sites' documents too; the deputy is the department's board member.
    for (const siteKey of ['so-y-te', 'huyen-a']) {
      for (const [who, role] of [['editor1', 'editor'], ['editor2', 'editor'], ['secretary', 'secretary'], ['deputy', 'deputy']] as const) {
        expect(await grant(deps, OPERATOR, { personId: t.seeded.id[who], siteKey, role })).toMatchObject({ ok: true });
      }
    }
    board = await t.linkedUser(t.seeded.id.deputy, 'bich');
    const env: DocumentsEnv = { deps, media: { dir: mediaDir, maxBytes: 1024 * 1024 }, extractor: documentTextExtractor() };
    // Issued Monday 16/11 and published today: 10 working days against a deadline of 2. Issued Friday 27/11: 1, on time.
    const documents: [string, string, string][] = [['so-y-te', '11/QĐ-SYT', '16/11/2026'], ['so-y-te', '12/QĐ-SYT', '16/11/2026'], ['so-y-te', '13/QĐ-SYT', '27/11/2026'], ['huyen-a', '7/QĐ-UBND', '16/11/2026'], ['huyen-a', '8/QĐ-UBND', '27/11/2026'], ['huyen-a', '9/QĐ-UBND', '27/11/2026']];
    for (const [siteKey, number, issued] of documents) {
      const added = await addDocument(env, { number, type: 'quyet-dinh', agency: siteKey, signer: 'Nguyễn Văn An', field: 'Y tế', issued, effective: null, title: `Quyết định ${number}`, siteKey, loggedById: t.seeded.id.editor1, file: null });
      if (!added.ok) throw new Error(JSON.stringify(added.problems));
      for (const who of ['editor2', 'secretary', 'deputy'] as const) {
        const r = await approve(deps, t.seeded.id[who], added.item.code, added.item.revision.contentHash);
        if (!r.ok) throw new Error(`${who}: ${r.reason}`);
      }
    }
  });
  afterAll(async () => {
    await t.stop();
    await db.drop();
    rmSync(mediaDir, { recursive: true, force: true });
  });

  it('names the site with two of its three documents late, not the one with a single slip, and tells its board member privately', async () => {
    expect(await t.telegram.timeliness.remindStale()).toBe(1);
    expect(lists()).toHaveLength(1);
    const list = lists()[0]!;
    expect(list).toContain('Trang đăng văn bản chậm hạn nhiều lần trong 4 tuần qua (1 trang):\n• Sở Y tế — 2/3 văn bản đăng chậm hạn');
    expect(list).toContain('Sites that kept publishing documents after their deadline in the last 4 weeks (1):\n• Department of Health — 2 of 3 documents published late');
    expect(list).not.toContain('huyện A');
    // Every site here was made today or published today: none is stale, and the list has the late part only.
    expect(list).not.toContain('Trang chưa cập nhật');
    expect(t.fake.texts(board.id).find((x) => x.includes('Sở Y tế'))).toBe(
      'Trang Sở Y tế của anh/chị đăng chậm hạn 2/3 văn bản trong 4 tuần qua. Văn bản cần được đăng đúng thời hạn cập nhật theo quy định (tính theo ngày làm việc từ ngày ban hành).',
    );
    expect(await t.telegram.timeliness.remindStale()).toBe(0);
  });
});
