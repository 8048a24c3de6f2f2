import { describe, expect, it } from 'vitest';
import { loadCalendarFile } from '../../../src/app/tickets/calendarSource.js';
import { localDateTime } from '../../../src/core/dates.js';
import {
  dueAfterWorkingDays, dueDayOf, isWorkingDay, remindFrom, withExceptions, workingDaysBetween, workingDaysLeft, type WorkingCalendar,
} from '../../../src/core/tickets/calendar.js';
import { describeProblems, fileCalendar, parseCalendarFile } from '../../../src/core/tickets/calendarFile.js';

const VN = 'Asia/Ho_Chi_Minh';
/** The calendar shipped in calendar/vn.json, as the service reads it without CALENDAR_FILE. */
const SHIPPED = loadCalendarFile(null);
const CAL = fileCalendar(SHIPPED);

const local = (text: string): Date => {
  const at = localDateTime(text, VN);
  if (!at) throw new Error(`not a local time: ${text}`);
  return at;
};
/** The last day to answer, as dd/mm/yyyy, for a receipt at a local time. */
const dueDay = (receivedLocal: string, days = 15, cal: WorkingCalendar = CAL) => {
  const due = dueAfterWorkingDays(local(receivedLocal), days, cal, VN);
  const day = dueDayOf(due, VN);
  // The deadline is the end of that day in the province: the first instant of the next day there.
  expect(due.toISOString()).toBe(new Date(`${day}T17:00:00Z`).toISOString());
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
};

/**
 * Each row written by hand from the calendar (Saturdays and Sundays off, the holidays and make-up days of
 * calendar/vn.json), counting 15 working days as a clerk would: the day of receipt never counts.
 */
describe('answer deadlines, 15 working days, counted as a person counts them', () => {
  it.each([
    ['a Friday in an ordinary month: Mon 16/3 is day 1, three full weeks → Fri 3/4/2026', '13/03/2026 10:00', '03/04/2026'],
    ['Thursday 23:30 local (16:30 UTC): still Thursday in the province; Fri 13/3 is day 1 → Thu 2/4/2026', '12/03/2026 23:30', '02/04/2026'],
    ['Friday 00:30 local (17:30 UTC, Thursday in UTC): a Friday receipt, Mon 16/3 is day 1 → Fri 3/4/2026', '13/03/2026 00:30', '03/04/2026'],
    ['the day before Tết Bính Ngọ (Fri 13/2/2026, break 14–22/2): Mon 23/2 is day 1 → Fri 13/3/2026', '13/02/2026 16:00', '13/03/2026'],
    ['during Tết, on a holiday (mùng 2, Wed 18/2/2026): counting starts after the break, same as the day before → Fri 13/3/2026', '18/02/2026 09:00', '13/03/2026'],
    ['on the make-up working Saturday 10/1/2026: the day of receipt still does not count, Mon 12/1 is day 1 → Fri 30/1/2026', '10/01/2026 09:00', '30/01/2026'],
    ['the Friday before that make-up Saturday (9/1/2026): Sat 10/1 is day 1 → Thu 29/1/2026', '09/01/2026 11:00', '29/01/2026'],
    ['across a year end (Fri 26/12/2025): 29–31/12 are days 1–3, 1/1 and the bridge day 2/1 off, Sat 10/1 worked → Mon 19/1/2026', '26/12/2025 10:00', '19/01/2026'],
    ['on New Year’s Eve (Wed 31/12/2025): 1/1, 2/1 and the weekend off, Mon 5/1 is day 1, Sat 10/1 is day 6 → Thu 22/1/2026', '31/12/2025 15:00', '22/01/2026'],
    ['on a holiday (Thu 1/1/2026): the bridge day Fri 2/1 off too, Mon 5/1 is day 1 → Thu 22/1/2026', '01/01/2026 08:00', '22/01/2026'],
    ['the day before Tết Ất Tỵ (Fri 24/1/2025, break 25/1–2/2): Mon 3/2 is day 1 → Fri 21/2/2025', '24/01/2025 10:00', '21/02/2025'],
    ['30/4–1/5/2025 with Sat 26/4 worked and Fri 2/5 off (Fri 18/4): 21–25 days 1–5, Sat 26 day 6, 28–29 days 7–8, 5–9/5 days 9–13 → Tue 13/5/2025', '18/04/2025 10:00', '13/05/2025'],
    ['Giỗ Tổ on Sunday 26/4/2026 made up on Mon 27/4, then 30/4–1/5 (Fri 24/4) → Wed 20/5/2026', '24/04/2026 10:00', '20/05/2026'],
    ['Quốc khánh 2026 (Sat 22/8 worked, 31/8–2/9 off; Fri 21/8): Sat 22/8 is day 1 → Tue 15/9/2026', '21/08/2026 10:00', '15/09/2026'],
  ])('%s', (_why, received, expected) => {
    expect(dueDay(received)).toBe(expected);
  });

  it('counts other lengths the same way: 0 working days is the end of the day of receipt; 1 after a Friday is the Monday', () => {
    expect(dueDay('13/03/2026 10:00', 0)).toBe('13/03/2026');
    expect(dueDay('13/03/2026 10:00', 1)).toBe('16/03/2026');
    expect(dueDay('14/03/2026 10:00', 1)).toBe('16/03/2026');
  });

  it('an operator’s make-up day wins over a weekend and over a day of the file; an operator’s day off wins over a make-up day', () => {
    // Friday 6/3/2026 normally → Fri 27/3; with Saturday 7/3 worked, that Saturday is day 1 → Thu 26/3.
    expect(dueDay('06/03/2026 10:00')).toBe('27/03/2026');
    const withSaturday = withExceptions(CAL, [{ date: '2026-03-07', kind: 'workday' }]);
    expect(dueDay('06/03/2026 10:00', 15, withSaturday)).toBe('26/03/2026');
    const tetWorked = withExceptions(CAL, [{ date: '2026-02-18', kind: 'workday' }, { date: '2026-01-10', kind: 'dayoff' }]);
    expect(isWorkingDay('2026-02-18', tetWorked)).toBe(true);
    expect(isWorkingDay('2026-01-10', tetWorked)).toBe(false);
    expect(isWorkingDay('2026-01-10', CAL)).toBe(true);
  });
});

describe('what is left before a deadline, and when to remind', () => {
  // Received Fri 13/2/2026, due at the end of Fri 13/3/2026.
  const due = dueAfterWorkingDays(local('13/02/2026 16:00'), 15, CAL, VN);

  it('counts working days left, today not counted: 2 on the Wednesday, 0 on the last day, negative once past', () => {
    expect(workingDaysLeft(local('11/03/2026 10:00'), due, CAL, VN)).toBe(2);
    expect(workingDaysLeft(local('13/03/2026 23:59'), due, CAL, VN)).toBe(0);
    expect(workingDaysLeft(local('14/03/2026 00:00'), due, CAL, VN)).toBe(-1);
    expect(workingDaysLeft(local('16/03/2026 10:00'), due, CAL, VN)).toBe(-1);
    expect(workingDaysLeft(local('17/03/2026 10:00'), due, CAL, VN)).toBe(-2);
    // Across Tết: from the day before the break, only the working days after it count.
    expect(workingDaysLeft(local('13/02/2026 16:00'), due, CAL, VN)).toBe(15);
  });

  it('reminds from the start of the day with that many working days left, stepping over a break', () => {
    expect(remindFrom(due, 2, CAL, VN).toISOString()).toBe(local('11/03/2026 00:00').toISOString());
    expect(remindFrom(due, 0, CAL, VN).toISOString()).toBe(local('13/03/2026 00:00').toISOString());
    // Due Mon 23/2 (the first day after Tết): one working day left from Friday 13/2, before the break.
    const afterTet = dueAfterWorkingDays(local('13/02/2026 10:00'), 1, CAL, VN);
    expect(dueDayOf(afterTet, VN)).toBe('2026-02-23');
    expect(remindFrom(afterTet, 1, CAL, VN).toISOString()).toBe(local('13/02/2026 00:00').toISOString());
  });

  it('counts working days between two days, the first not included', () => {
    expect(workingDaysBetween('2026-02-13', '2026-02-23', CAL)).toBe(1);
    expect(workingDaysBetween('2025-12-31', '2026-01-10', CAL)).toBe(6);
    expect(workingDaysBetween('2026-01-10', '2025-12-31', CAL)).toBe(-6);
  });
});

describe('the holiday file', () => {
  it('ships 2025, 2026 and 2027, every day with its note and source, lunar holidays on their lunar dates', () => {
    for (const year of ['2025', '2026', '2027']) expect(SHIPPED.entries.some((e) => e.date.startsWith(year))).toBe(true);
    for (const e of SHIPPED.entries) expect(e.note.length * e.source.length, e.date).toBeGreaterThan(0);
    // Mùng 1 Tết and Giỗ Tổ (10/3 lunar), Vietnamese calendar (UTC+7): 2027's Tết is 6/2 here, 7/2 on UTC+8 calendars.
    for (const day of ['2025-01-29', '2026-02-17', '2027-02-06', '2025-04-07', '2026-04-26', '2027-04-16']) expect(CAL.daysOff.has(day), day).toBe(true);
    // 2027's Tết break is a projection until announced: marked so.
    expect(SHIPPED.entries.filter((e) => e.date.startsWith('2027-02') && !e.confirmed).map((e) => e.date)).toEqual(['2027-02-04', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10']);
  });

  it('names every problem of a bad file at once, in Vietnamese and English', () => {
    const bad = JSON.stringify({
      years: {
        '2026': {
          daysOff: [
            { date: '2026-02-30', name: 'x', note: 'n', source: 's', confirmed: true },
            { date: '2025-12-31', name: 'x', note: 'n', source: 's', confirmed: true },
            { date: '2026-05-01', name: '', note: 'n', source: 's', confirmd: true },
            { date: '2026-08-29', name: 'x', note: 'n', source: 's', confirmed: true },
          ],
          workdays: [
            { date: '2026-03-04', name: 'x', note: 'n', source: 's', confirmed: true },
            { date: '2026-08-29', name: 'x', note: 'n', source: 's', confirmed: false },
          ],
        },
      },
    });
    const parsed = parseCalendarFile(bad);
    expect(parsed.ok).toBe(false);
    const text = parsed.ok ? '' : describeProblems('/etc/portal-hub/lich.json', parsed.problems);
    expect(text.split('\n')[0]).toContain('(7 lỗi)');
    for (const part of [
      'years.2026.daysOff[0].date: “2026-02-30” không phải ngày có thật',
      'years.2026.daysOff[1].date: ngày 2025-12-31 không thuộc năm 2026',
      'years.2026.daysOff[2].name: cần ghi nội dung',
      'years.2026.daysOff[2].confirmd: unknown field',
      'years.2026.daysOff[2].confirmed: true or false is required',
      'the make-up working day 2026-03-04 is not a Saturday or Sunday',
      '2026-08-29 is both a day off and a make-up working day',
    ]) expect(text).toContain(part);
    expect(parseCalendarFile('{ "years": ').ok).toBe(false);
  });
});
