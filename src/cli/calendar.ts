import type { Command } from 'commander';
import { addCalendarDay, listCalendar, removeCalendarDay, unconfirmedAhead, workOutDue, type ListedDay } from '../app/tickets/calendarAdmin.js';
import { CalendarFileRefused, calendarSource, calendarFilePath, loadCalendarFile } from '../app/tickets/calendarSource.js';
import { localDateTime } from '../core/dates.js';
import { bilingual, message } from '../core/messages.js';
import { formatDay, localDay, parseDay, weekdayOf } from '../core/tickets/calendar.js';
import { yearsMissing, yearsNotCovered, type CalendarFile } from '../core/tickets/calendarFile.js';
import type { Config } from '../config.js';
import { fail, withStore } from './common.js';

/** The working-day calendar at the terminal: the operator's exceptions, the year as it stands, a deadline worked out. */

function calendarFileOf(config: Config): CalendarFile {
  try {
    return loadCalendarFile(config.tickets.calendarFile);
  } catch (error) {
    if (!(error instanceof CalendarFileRefused)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

const both = (key: string) => `${message('vi', key)} / ${message('en', key)}`;
const days = (list: readonly string[]) => list.map(formatDay).join(', ');

function line(d: ListedDay): string {
  const marks = [...(d.confirmed ? [] : [both('calendar_list_unconfirmed')]), ...(d.overridden ? [both('calendar_list_overridden')] : [])];
  const what = d.origin === 'file' ? `${d.name} — ${d.note}${d.source ? ` [${d.source}]` : ''}` : d.note;
  return [formatDay(d.date), message('vi', `calendar_weekday_${weekdayOf(d.date)}`), d.kind, both(d.origin === 'file' ? 'calendar_list_shipped' : 'calendar_list_operator'), `${what}${marks.length ? ` (${marks.join('; ')})` : ''}`].join('\t');
}

export function addCalendarCommands(program: Command): void {
  const calendar = program.command('calendar').description('Lịch ngày làm việc: ngày nghỉ lễ, ngày làm bù, hạn trả lời / working-day calendar: holidays, make-up days, answer deadlines');

  calendar
    .command('add')
    .description('Thêm ngày làm bù hoặc ngày nghỉ (thắng tệp lịch) / add a make-up working day or a day off (wins over the calendar file)')
    .requiredOption('--date <date>', 'YYYY-MM-DD hoặc dd/mm/yyyy')
    .requiredOption('--kind <kind>', 'workday (làm bù / make-up working day) | dayoff (nghỉ / day off)')
    .requiredOption('--note <text>', 'lý do, vd. số thông báo / why, e.g. the notice number')
    .action(async (o: { date: string; kind: string; note: string }) =>
      withStore(async (deps, config) => {
        const r = await addCalendarDay(deps, calendarFileOf(config), o);
        if (!r.ok) fail(r);
        const { day, previous } = r.value;
        const kind = (lang: 'vi' | 'en') => message(lang, `calendar_kind_${day.kind}`);
        console.log(`${message('vi', 'calendar_added', { date: formatDay(day.date), kind: kind('vi'), note: day.note })}\n${message('en', 'calendar_added', { date: formatDay(day.date), kind: kind('en'), note: day.note })}`);
        if (previous) console.log(bilingual('calendar_replaced', { previous: `${previous.kind}: ${previous.note}` }));
      }),
    );

  calendar
    .command('remove')
    .description('Bỏ một ngày do quản trị viên thêm / remove an operator’s day')
    .requiredOption('--date <date>', 'YYYY-MM-DD hoặc dd/mm/yyyy')
    .action(async (o: { date: string }) =>
      withStore(async (deps) => {
        const r = await removeCalendarDay(deps, o);
        if (!r.ok) fail(r);
        console.log(bilingual('calendar_removed', { date: formatDay(r.value.date) }));
      }),
    );

  calendar
    .command('list')
    .description('Ngày nghỉ và ngày làm bù trong năm: theo tệp lịch và do quản trị viên thêm / days off and make-up days of a year, from the file and the operator')
    .option('--year <year>', 'năm / year (mặc định năm nay / default this year)')
    .option('--all', 'mọi năm / every year')
    .option('--json', 'dạng JSON cho chương trình khác / in JSON, for scripts')
    .action(async (o: { year?: string; all?: boolean; json?: boolean }) =>
      withStore(async (deps, config) => {
        const file = calendarFileOf(config);
        const year = o.all ? null : o.year ? Number(o.year) : Number(localDay(deps.clock(), deps.timeZone).slice(0, 4));
        if (year !== null && (!Number.isInteger(year) || year < 1000 || year > 9999)) fail({ ok: false, reason: 'calendar_bad_date', detail: { date: String(o.year) } });
        const rows = await listCalendar(deps, file, year);
        // The days only, dates as YYYY-MM-DD; an unconfirmed day of the file says so in its row (confirmed: false).
        if (o.json) return console.log(JSON.stringify(rows.map((d) => ({ date: d.date, kind: d.kind, origin: d.origin, name: d.name, note: d.note, source: d.source, confirmed: d.confirmed, overridden: d.overridden })), null, 2));
        if (rows.length === 0) console.log(bilingual('calendar_list_empty', { year: String(year) }));
        for (const row of rows) console.log(line(row));
        for (const p of file.pending) console.log(`${both('calendar_list_pending')}: ${p.note} [${p.source}]`);
        const ahead = unconfirmedAhead(file, deps.clock(), deps.timeZone);
        if (ahead.length) console.log(bilingual('calendar_unconfirmed_ahead', { count: String(ahead.length), days: days(ahead.map((e) => e.date)) }));
        const asked = year === null ? [] : yearsMissing(file.years, year, year);
        const missing = [...new Set([...asked, ...yearsNotCovered(file.years, localDay(deps.clock(), deps.timeZone))])].sort((a, b) => a - b);
        if (missing.length) console.log(bilingual('calendar_years_missing', { file: calendarFilePath(config.tickets.calendarFile), years: missing.join(', ') }));
      }),
    );

  calendar
    .command('due')
    .description('Hạn trả lời của một việc nhận vào ngày này, như người tính tay / the answer date of a receipt on this day, as a person would count it')
    .requiredOption('--from <date>', 'ngày nhận (dd/mm/yyyy, YYYY-MM-DD, hoặc kèm giờ HH:mm) / day of receipt (optionally with HH:mm)')
    .option('--days <n>', 'số ngày làm việc (mặc định TICKET_ANSWER_WORKING_DAYS) / working days (default TICKET_ANSWER_WORKING_DAYS)')
    .action(async (o: { from: string; days?: string }) =>
      withStore(async (deps, config) => {
        const file = calendarFileOf(config);
        const at = localDateTime(o.from, deps.timeZone);
        const from = at ? localDay(at, deps.timeZone) : parseDay(o.from);
        if (!from) fail({ ok: false, reason: 'calendar_bad_date', detail: { date: o.from } });
        const n = o.days === undefined ? config.tickets.answerWorkingDays : Number(o.days);
        if (!Number.isInteger(n) || n < 0 || n > 365) fail({ ok: false, reason: 'calendar_bad_days', detail: { days: String(o.days) } });
        const calendar = await calendarSource(deps, config.tickets.calendarFile)();
        const w = workOutDue(calendar, file, from, n);
        for (const lang of ['vi', 'en'] as const) {
          console.log(message(lang, 'calendar_due', { due: formatDay(w.due), weekday: message(lang, `calendar_weekday_${weekdayOf(w.due)}`), days: String(w.days), from: formatDay(w.from) }));
        }
        if (w.skipped.length) console.log(bilingual('calendar_due_skipped', { days: days(w.skipped) }));
        if (w.madeUp.length) console.log(bilingual('calendar_due_made_up', { days: days(w.madeUp) }));
        if (w.unconfirmed.length) console.log(bilingual('calendar_due_unconfirmed', { days: days(w.unconfirmed) }));
        const spanned = yearsMissing(file.years, Number(w.from.slice(0, 4)), Number(w.due.slice(0, 4)));
        if (spanned.length) console.log(bilingual('calendar_years_missing', { file: calendarFilePath(config.tickets.calendarFile), years: spanned.join(', ') }));
      }),
    );
}
