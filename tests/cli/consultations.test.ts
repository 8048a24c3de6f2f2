import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { runCli } from '../helpers/cli.js';
import { seedDesk, TEST_HUB_SECRET, type Desk } from '../helpers/desk.js';
import { pdfBytes } from '../helpers/mediaBytes.js';

/** `consultation list --json`: the drafts a script reads, open ones first, without the agency's contact address. */
describe.each(BACKENDS)('draft consultations listed for scripts, on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let desk: Desk;
  let dir: string;
  const cli = (...args: string[]) => runCli(args, { DATABASE_URL: db.url, DATA_DIR: join(dir, 'data'), HUB_SECRET: TEST_HUB_SECRET, TIMEZONE: 'Asia/Ho_Chi_Minh' });

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    desk = await seedDesk(db.url);
    dir = mkdtempSync(join(tmpdir(), 'portal-hub-consultation-cli-'));
  });
  afterAll(async () => {
    if (skip) return;
    await desk?.store.close();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(skip)('[] before any draft; then each draft with its slug, stored state and closing time, open ones first', async () => {
    const none = await cli('consultation', 'list', '--json');
    expect([none.code, JSON.parse(none.stdout)]).toEqual([0, []]);

    const file = join(dir, 'du-thao.pdf');
    writeFileSync(file, pdfBytes('Dự thảo'));
    const post = async (title: string, closes: Date) => {
      const r = await cli('consultation', 'add', '--site', 'tinh', '--title', title, '--agency', 'Sở Công Thương', '--contact', 'vanthu@sct.example.vn', '--file', file, '--section', 'Điều 1', '--closes', closes.toISOString());
      expect(r.code, r.stderr).toBe(0);
      return /slug=(\S+)/.exec(r.stdout)![1]!;
    };
    const closes = new Date(Math.ceil((Date.now() + 7 * 86_400_000) / 60_000) * 60_000);
    const open = await post('Dự thảo Quy định quản lý chợ', closes);
    const ended = await post('Dự thảo Quy chế phối hợp', new Date(closes.getTime() + 86_400_000));
    // Closed as the consultations-close job closes it.
    const endedRecord = (await desk.store.consultationBySlug(ended))!.consultation;
    const closedAt = new Date('2026-12-01T03:00:00Z');
    const audit = { at: closedAt, actorId: null, action: 'consultation_closed', subjectType: 'consultation', subjectId: endedRecord.id, data: { slug: ended, closesAt: endedRecord.closesAt.toISOString() } };
    expect(await desk.store.closeConsultation(endedRecord.id, closedAt, audit)).toBe(true);

    const list = await cli('consultation', 'list', '--json');
    expect(list.code, list.stderr).toBe(0);
    const rows = JSON.parse(list.stdout) as Record<string, unknown>[];
    expect(rows.map((r) => [r.slug, r.state])).toEqual([[open, 'open'], [ended, 'closed']]);
    expect(rows[0]).toMatchObject({ title: 'Dự thảo Quy định quản lý chợ', agency: 'Sở Công Thương', closesAt: closes.toISOString(), closedAt: null, summary: false });
    expect(rows[1]).toMatchObject({ id: endedRecord.id, closedAt: closedAt.toISOString(), summary: false });
    expect(list.stdout).not.toContain('vanthu@sct.example.vn');

    // The text listing is unchanged: one tab-separated line per draft.
    const text = await cli('consultation', 'list');
    expect(text.stdout.trim().split('\n').map((l) => l.split('\t').slice(0, 2))).toEqual([[open, 'open'], [ended, 'closed']]);
  }, 120_000);
});
