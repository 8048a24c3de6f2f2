import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCalendarDay, listCalendar, removeCalendarDay } from '../../src/app/tickets/calendarAdmin.js';
import { calendarSource, loadCalendarFile } from '../../src/app/tickets/calendarSource.js';
import { isWorkingDay } from '../../src/core/tickets/calendar.js';
import { openClient } from '../../src/store/client.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { seedDesk, type Desk } from '../helpers/desk.js';

const FILE = loadCalendarFile(null);

describe.each(BACKENDS)('the operator’s working-day exceptions on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let desk: Desk;

  beforeEach(async () => {
    if (skip) return;
    db = await fresh();
    desk = await seedDesk(db.url);
  });
  afterEach(async () => {
    if (skip) return;
    await desk.store.close();
    await db.drop();
  });

  const audits = async () => {
    const client = openClient(db.url);
    try {
      return (await client.auditEvent.findMany({ where: { subjectType: 'calendar_day' }, orderBy: { seq: 'asc' } })).map((r) => ({ action: r.action, subject: r.subjectId, actor: r.actorId, data: JSON.parse(r.data) as Record<string, unknown> }));
    } finally {
      await client.$disconnect();
    }
  };

  it.skipIf(skip)('adds a make-up Saturday and an extra day off, replaces and removes them, each change audited with what it replaced', async () => {
    const admin = desk.id.admin;
    const saturday = await addCalendarDay(desk.deps, FILE, { date: '07/03/2026', kind: 'workday', note: 'Làm bù theo Công văn 12/UBND', actorId: admin });
    expect(saturday.ok && saturday.value.previous).toBe(null);
    const storm = await addCalendarDay(desk.deps, FILE, { date: '2026-10-15', kind: 'dayoff', note: 'Nghỉ tránh bão số 9', actorId: admin });
    expect(storm.ok).toBe(true);
    // The same date again the other way replaces it; the audit keeps what was there.
    const changed = await addCalendarDay(desk.deps, FILE, { date: '2026-10-15', kind: 'dayoff', note: 'Nghỉ tránh bão số 9 (Quyết định 45/QĐ-UBND)', actorId: admin });
    expect(changed.ok && changed.value.previous?.note).toBe('Nghỉ tránh bão số 9');

    const listed = await listCalendar(desk.deps, FILE, 2026);
    expect(listed.filter((d) => d.origin === 'operator').map((d) => [d.date, d.kind, d.note])).toEqual([
      ['2026-03-07', 'workday', 'Làm bù theo Công văn 12/UBND'],
      ['2026-10-15', 'dayoff', 'Nghỉ tránh bão số 9 (Quyết định 45/QĐ-UBND)'],
    ]);
    expect(listed.some((d) => d.origin === 'file' && d.date === '2026-02-17')).toBe(true);

    const removed = await removeCalendarDay(desk.deps, { date: '15/10/2026', actorId: admin });
    expect(removed.ok && removed.value.kind).toBe('dayoff');
    expect(await removeCalendarDay(desk.deps, { date: '15/10/2026', actorId: admin })).toMatchObject({ ok: false, reason: 'calendar_no_such_day' });
    expect((await desk.store.calendarDays()).map((d) => d.date)).toEqual(['2026-03-07']);

    expect(await audits()).toEqual([
      { action: 'calendar_day_set', subject: '2026-03-07', actor: admin, data: { kind: 'workday', note: 'Làm bù theo Công văn 12/UBND' } },
      { action: 'calendar_day_set', subject: '2026-10-15', actor: admin, data: { kind: 'dayoff', note: 'Nghỉ tránh bão số 9' } },
      { action: 'calendar_day_set', subject: '2026-10-15', actor: admin, data: { kind: 'dayoff', note: 'Nghỉ tránh bão số 9 (Quyết định 45/QĐ-UBND)', previous: { kind: 'dayoff', note: 'Nghỉ tránh bão số 9' } } },
      { action: 'calendar_day_removed', subject: '2026-10-15', actor: admin, data: { removed: { kind: 'dayoff', note: 'Nghỉ tránh bão số 9 (Quyết định 45/QĐ-UBND)' } } },
    ]);
  });

  it.skipIf(skip)('refuses what would change nothing or is not a day, and writes nothing for it', async () => {
    expect(await addCalendarDay(desk.deps, FILE, { date: '2026-03-10', kind: 'workday', note: 'thứ Ba' })).toMatchObject({ ok: false, reason: 'calendar_no_change' });
    expect(await addCalendarDay(desk.deps, FILE, { date: '2026-02-17', kind: 'dayoff', note: 'mùng 1' })).toMatchObject({ ok: false, reason: 'calendar_no_change' });
    expect(await addCalendarDay(desk.deps, FILE, { date: '30/02/2026', kind: 'dayoff', note: 'x' })).toMatchObject({ ok: false, reason: 'calendar_bad_date' });
    expect(await addCalendarDay(desk.deps, FILE, { date: '2026-03-07', kind: 'holiday', note: 'x' })).toMatchObject({ ok: false, reason: 'calendar_bad_kind' });
    expect(await addCalendarDay(desk.deps, FILE, { date: '2026-03-07', kind: 'workday', note: '  ' })).toMatchObject({ ok: false, reason: 'calendar_note_required' });
    expect(await desk.store.calendarDays()).toEqual([]);
    expect(await audits()).toEqual([]);
  });

  it.skipIf(skip)('the running calendar sees an exception at its next refresh, not with a query per call; an operator’s day wins over the file both ways', async () => {
    let monotonic = 0;
    const calendar = calendarSource(desk.deps, null, { refreshMs: 30_000, monotonicMs: () => monotonic });
    expect(isWorkingDay('2026-03-07', await calendar())).toBe(false);
    await addCalendarDay(desk.deps, FILE, { date: '2026-03-07', kind: 'workday', note: 'Làm bù' });
    await addCalendarDay(desk.deps, FILE, { date: '2026-02-18', kind: 'workday', note: 'Trực Tết được tính là ngày làm việc' });
    await addCalendarDay(desk.deps, FILE, { date: '2026-01-10', kind: 'dayoff', note: 'Không làm bù' });
    monotonic = 29_999;
    expect(isWorkingDay('2026-03-07', await calendar())).toBe(false);
    monotonic = 30_000;
    const now = await calendar();
    expect(['2026-03-07', '2026-02-18', '2026-01-10'].map((d) => isWorkingDay(d, now))).toEqual([true, true, false]);
  });
});
