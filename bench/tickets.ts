/**
 * The tickets report at size: BENCH_TICKETS (default 200 000) questions and complaints received over one
 * year across a province and its units, then `ticketReport` (what GET /api/v1/reports/tickets serves)
 * timed for one month and for the whole year, side by side, each the median of BENCH_RUNS (default 5).
 *
 *   tsx bench/tickets.ts
 * BENCH_DATABASE_URL runs it on a migrated PostgreSQL database instead of a fresh SQLite file.
 *
 * The rows go in with createMany, as a bench may (the use case writes one audited row at a time); their
 * shape is what receiveTicket and the steps write: a code, a due date, a unit and an answer for most.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createSite, initialise } from '../src/app/people.js';
import type { Deps } from '../src/app/deps.js';
import { auditKeys } from '../src/core/audit.js';
import { dueAfterWorkingDays } from '../src/core/tickets/calendar.js';
import { fileCalendar } from '../src/core/tickets/calendarFile.js';
import { loadCalendarFile } from '../src/app/tickets/calendarSource.js';
import { TICKET_CHANNELS, ticketCode, type TicketState } from '../src/core/tickets/model.js';
import { openClient } from '../src/store/client.js';
import { migrate } from '../src/store/migrate.js';
import { createPrismaStore } from '../src/store/prismaStore.js';

const N = Number(process.env.BENCH_TICKETS ?? 200_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BATCH = 5_000;
const TZ = 'Asia/Ho_Chi_Minh';
const YEAR_START = Date.parse('2026-01-01T00:00:00+07:00');
const YEAR_MS = Date.parse('2027-01-01T00:00:00+07:00') - YEAR_START;
const DAY = 86_400_000;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'portal-hub-bench-tickets-'));
  const url = process.env.BENCH_DATABASE_URL ?? `file:${join(dir, 'bench.db')}`;
  await migrate(url);
  const store = createPrismaStore(url, auditKeys('bench-tickets-secret-0123456789abcdef0123456789'));
  const db = openClient(url);
  try {
    const deps: Deps = { store, clock: () => new Date('2027-01-15T03:00:00Z'), timeZone: TZ };
    const init = await initialise(deps, { key: 'tinh', kind: 'province', nameVi: 'Cổng tỉnh', nameEn: 'Province', codePrefix: 'BP' }, { displayName: 'Quản Trị' });
    if (!init.ok) throw new Error(init.reason);
    const units = [init.value.site.id];
    for (let i = 1; i <= 20; i += 1) {
      const s = await createSite(deps, { key: `don-vi-${i}`, kind: 'department', nameVi: `Sở ${i}`, nameEn: `Department ${i}`, codePrefix: `D${String.fromCharCode(64 + i)}`, parentKey: 'tinh' });
      if (!s.ok) throw new Error(s.reason);
      units.push(s.value.id);
    }
    const cal = fileCalendar(loadCalendarFile(null));
    const counters = { question: 0, complaint: 0 };
    // One due date per hour of receipt: the calendar walk is not what this measures.
    const dues = new Map<number, Date>();
    const dueOf = (at: Date) => dues.get(at.getTime()) ?? dues.set(at.getTime(), dueAfterWorkingDays(at, 15, cal, TZ)).get(at.getTime())!;

    const filled = performance.now();
    for (let start = 0; start < N; start += BATCH) {
      const data = Array.from({ length: Math.min(BATCH, N - start) }, (_, j) => {
        const i = start + j;
        const kind = i % 3 === 0 ? ('complaint' as const) : ('question' as const);
        counters[kind] += 1;
        const receivedAt = new Date(YEAR_START + Math.floor(((i / N) * YEAR_MS) / 3_600_000) * 3_600_000);
        const dueAt = dueOf(receivedAt);
        const unit = units[i % units.length]!;
        // Most answered (a tenth of them late), some still open, a few declined, the rest archived.
        const roll = i % 20;
        const state: TicketState = roll < 9 ? 'archived' : roll < 15 ? 'answered' : roll < 17 ? 'handling' : roll < 18 ? 'received' : roll < 19 ? 'verifying' : 'declined';
        const answered = state === 'answered' || state === 'archived';
        const answeredAt = answered ? new Date(i % 10 === 0 ? dueAt.getTime() + 2 * DAY : dueAt.getTime() - 3 * DAY) : null;
        return {
          id: randomUUID(), code: ticketCode(kind, 2026, counters[kind]), kind, siteId: units[0]!, channel: TICKET_CHANNELS[i % TICKET_CHANNELS.length]!, state,
          dedupeKey: `bench:${i}`, question: `Câu hỏi số ${i} về thủ tục đất đai`, senderName: `Người dân ${i}`, receivedAt, dueAt, updatedAt: answeredAt ?? receivedAt,
          unitSiteId: state === 'received' || state === 'declined' ? null : unit, answeredAt, answerText: answered ? 'Trả lời' : null,
          declinedReason: state === 'declined' ? 'Ngoài phạm vi' : null,
        };
      });
      // One transaction per batch: half the time of a bare createMany on SQLite.
      await db.$transaction(async (t) => void (await t.ticket.createMany({ data })), { timeout: 300_000 });
    }
    const fillMs = performance.now() - filled;

    const now = deps.clock();
    const time = async (from: string, to: string) => {
      const range = { from: new Date(`${from}T00:00:00+07:00`), to: new Date(`${to}T00:00:00+07:00`), now };
      const ms: number[] = [];
      let total = 0;
      for (let r = 0; r < RUNS; r += 1) {
        const t = performance.now();
        total = (await store.ticketReport(range)).total;
        ms.push(performance.now() - t);
      }
      return { ms: median(ms), total };
    };
    const month = await time('2026-06-01', '2026-07-01');
    const year = await time('2026-01-01', '2027-01-01');
    const unit = await (async () => {
      const t = performance.now();
      await store.ticketReport({ from: new Date('2026-06-01T00:00:00+07:00'), to: new Date('2026-07-01T00:00:00+07:00'), now, siteIds: [units[3]!] });
      return performance.now() - t;
    })();

    console.log(`Tickets report: ${N} tickets over 2026, ${units.length} units, ${url.startsWith('file:') ? 'SQLite' : 'PostgreSQL'} (filled in ${(fillMs / 1000).toFixed(1)} s)`);
    console.log(`  one month (June): ${month.total} tickets, median of ${RUNS}: ${month.ms.toFixed(0)} ms`);
    console.log(`  whole year:       ${year.total} tickets, median of ${RUNS}: ${year.ms.toFixed(0)} ms`);
    console.log(`  year / month: ${(year.ms / month.ms).toFixed(1)}× the time for ${(year.total / Math.max(1, month.total)).toFixed(1)}× the tickets`);
    console.log(`  one unit, one month: ${unit.toFixed(0)} ms`);
    console.log(`  Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  } finally {
    await db.$disconnect();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
