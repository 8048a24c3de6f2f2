import type { Command } from 'commander';
import { OPERATOR } from '../app/people.js';
import { royaltyFrame, setGenre, setSalary, setSiteRate, setTax } from '../app/royalties/frame.js';
import { shownDay, typedDay } from '../core/dates.js';
import { LANGS, message } from '../core/messages.js';
import { formatCoefficient, parseCoefficient, type RoyaltyFrame } from '../core/royalties/frame.js';
import { fail, withStore } from './common.js';

const money = new Intl.NumberFormat('vi-VN');

/** A day typed dd/mm/yyyy, as the frame keeps it; refused in both languages otherwise. */
function day(given: string): string {
  return typedDay(given) ?? fail({ ok: false, reason: 'royalty_bad_day', detail: { given } });
}

/** 2.530.000, 2,530,000 or 2530000: people group the thousands as they like. */
function amount(given: string): number {
  const digits = given.trim().replace(/[.,\s_]/g, '');
  return /^\d{1,15}$/.test(digits) ? Number(digits) : fail({ ok: false, reason: 'royalty_bad_number', detail: { given } });
}

function whole(given: string): number {
  return /^\s*\d{1,3}\s*$/.test(given) ? Number(given) : fail({ ok: false, reason: 'royalty_bad_number', detail: { given } });
}

function coefficient(given: string): number {
  return parseCoefficient(given) ?? fail({ ok: false, reason: 'royalty_bad_coefficient', detail: { given } });
}

function printFrame(frame: RoyaltyFrame): void {
  for (const lang of LANGS) {
    const lines = [message(lang, 'royalty_frame_salaries')];
    for (const s of frame.salaries) lines.push(message(lang, 'royalty_frame_salary', { from: shownDay(s.from), base: money.format(s.baseSalary), percent: String(s.unitPercent), unit: money.format(Math.round((s.baseSalary * s.unitPercent) / 100)) }));
    lines.push(message(lang, 'royalty_frame_taxes'));
    for (const t of frame.taxes) lines.push(message(lang, 'royalty_frame_tax', { from: shownDay(t.from), rate: String(t.ratePercent), threshold: money.format(t.threshold), nonResident: String(t.nonResidentRatePercent) }));
    lines.push(message(lang, 'royalty_frame_genres'));
    for (const g of frame.genres) {
      const range = g.min === g.max ? formatCoefficient(g.min, lang) : `${formatCoefficient(g.min, lang)}–${formatCoefficient(g.max, lang)}`;
      lines.push(message(lang, 'royalty_frame_genre', { key: g.key, name: lang === 'vi' ? g.nameVi : g.nameEn, range }));
    }
    lines.push(message(lang, 'royalty_frame_sites'));
    for (const r of frame.siteRates) lines.push(message(lang, 'royalty_frame_site', { kind: r.siteKind, from: shownDay(r.from), percent: String(r.percent) }));
    console.log(`${lines.join('\n')}\n`);
  }
}

/** Says what was saved and, when it replaced a value of the same day or key, what that was. */
function saved(what: string, previous: object | null): void {
  for (const lang of LANGS) {
    const replaced = previous ? message(lang, 'royalty_replaced', { previous: JSON.stringify(previous) }) : '';
    console.log(message(lang, 'royalty_set', { what, previous: replaced }));
  }
}

export function addRoyaltyCommands(program: Command): void {
  const royalty = program.command('royalty').description('Nhuận bút: khung hệ số, lương cơ sở, thuế (Điều 17) / royalties: the frame, base salary, tax');

  royalty
    .command('frame')
    .description('Khung nhuận bút đang lưu, theo ngày hiệu lực / the royalty frame as stored, by the day each value takes effect')
    .option('--json', 'in JSON, for scripts / dạng JSON cho chương trình khác')
    .action(async (o: { json?: boolean }) =>
      withStore(async (deps) => {
        const frame = await royaltyFrame(deps);
        if (o.json) return console.log(JSON.stringify(frame, null, 2));
        printFrame(frame);
      }),
    );

  royalty
    .command('salary')
    .description('Lương cơ sở từ một ngày (1 hệ số = 10 % lương cơ sở) / the base salary from a day (one unit = 10 % of it)')
    .requiredOption('--from <dd/mm/yyyy>', 'ngày hiệu lực / in force from')
    .requiredOption('--base <đồng>', 'lương cơ sở, vd. 2.530.000 / base salary')
    .option('--unit-percent <n>', 'phần trăm lương cơ sở của 1 hệ số / percent of it one unit is worth', '10')
    .action(async (o: { from: string; base: string; unitPercent: string }) =>
      withStore(async (deps) => {
        const p = { from: day(o.from), baseSalary: amount(o.base), unitPercent: whole(o.unitPercent) };
        const r = await setSalary(deps, OPERATOR, p);
        if (!r.ok) fail(r);
        saved(`${shownDay(p.from)}: ${money.format(p.baseSalary)} đ, ${p.unitPercent} %`, r.value.previous);
      }),
    );

  royalty
    .command('tax')
    .description('Thuế TNCN khấu trừ từ một ngày / tax withheld from a day')
    .requiredOption('--from <dd/mm/yyyy>', 'ngày hiệu lực / in force from')
    .requiredOption('--threshold <đồng>', 'khoản chi từ mức này bị khấu trừ / payments from this much are taxed')
    .option('--rate <n>', 'thuế suất % / rate', '10')
    .option('--non-resident-rate <n>', 'người không cư trú, % / non-residents', '20')
    .action(async (o: { from: string; threshold: string; rate: string; nonResidentRate: string }) =>
      withStore(async (deps) => {
        const p = { from: day(o.from), threshold: amount(o.threshold), ratePercent: whole(o.rate), nonResidentRatePercent: whole(o.nonResidentRate) };
        const r = await setTax(deps, OPERATOR, p);
        if (!r.ok) fail(r);
        saved(`${shownDay(p.from)}: ${p.ratePercent} % ≥ ${money.format(p.threshold)} đ, ${p.nonResidentRatePercent} %`, r.value.previous);
      }),
    );

  royalty
    .command('genre')
    .description('Thêm hay sửa một thể loại và khung hệ số / add or change a genre and its coefficient range')
    .argument('<key>', 'mã thể loại, vd. tin-anh / genre key')
    .requiredOption('--name-vi <name>', 'tên tiếng Việt')
    .requiredOption('--name-en <name>', 'English name')
    .requiredOption('--min <coefficient>', 'hệ số tối thiểu, vd. 1,2 / lowest coefficient')
    .requiredOption('--max <coefficient>', 'hệ số tối đa, vd. 2,5 / highest coefficient')
    .action(async (key: string, o: { nameVi: string; nameEn: string; min: string; max: string }) =>
      withStore(async (deps) => {
        const g = { key, nameVi: o.nameVi, nameEn: o.nameEn, min: coefficient(o.min), max: coefficient(o.max) };
        const r = await setGenre(deps, OPERATOR, g);
        if (!r.ok) fail(r);
        saved(`${key}: ${formatCoefficient(g.min, 'vi')}–${formatCoefficient(g.max, 'vi')}`, r.value.previous);
      }),
    );

  royalty
    .command('site-rate')
    .description('Phần trăm mức nhuận bút của cổng mà một loại trang thành phần trả / the share of the portal’s rates a kind of component site pays')
    .requiredOption('--kind <kind>', 'department | district | commune | ward | agency')
    .requiredOption('--from <dd/mm/yyyy>', 'ngày hiệu lực / in force from')
    .requiredOption('--percent <n>', 'phần trăm / percent')
    .action(async (o: { kind: string; from: string; percent: string }) =>
      withStore(async (deps) => {
        const p = { siteKind: o.kind, from: day(o.from), percent: whole(o.percent) };
        const r = await setSiteRate(deps, OPERATOR, p);
        if (!r.ok) fail(r);
        saved(`${p.siteKind} ${shownDay(p.from)}: ${p.percent} %`, r.value.previous);
      }),
    );
}
