import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { royaltyDocument, royaltySpreadsheet } from '../../adapters/office/index.js';
import { DUE_LIST_MAX, worksDue } from '../app/royalties/due.js';
import { decideHeldWork } from '../app/royalties/held.js';
import { buildMonthSheet, sheetDocument, stepMonthSheet, type SheetStep } from '../app/royalties/sheets.js';
import type { SheetRecord } from '../app/royalties/ports.js';
import type { Deps } from '../app/deps.js';
import { localDay, shownDay } from '../core/dates.js';
import { visibleText } from '../core/names.js';
import { LANGS, message } from '../core/messages.js';
import { dueStanding } from '../core/royalties/due.js';
import { formatCoefficient } from '../core/royalties/frame.js';
import { monthBefore, shownMonth, typedMonth } from '../core/royalties/months.js';
import { rowFactors, rowNote } from '../core/royalties/rows.js';
import { dongInWords } from '../core/royalties/words.js';
import { actingOperator, fail, personId, withStore } from './common.js';

const money = new Intl.NumberFormat('vi-VN');

interface SheetOptions {
  site: string;
  month?: string;
  json?: boolean;
  xlsx?: string;
  docx?: string;
}

/** The month typed, or the one that ended last (what the month-end job builds). */
function monthOf(deps: Deps, typed: string | undefined): string {
  if (typed === undefined) return monthBefore(localDay(deps.clock(), deps.timeZone).slice(0, 7));
  return typedMonth(typed) ?? fail({ ok: false, reason: 'royalty_bad_month', detail: { given: typed } });
}

async function printSheet(deps: Deps, siteKey: string, sheet: SheetRecord, o: SheetOptions): Promise<void> {
  const site = await deps.store.siteByKey(siteKey);
  if (!site) return fail({ ok: false, reason: 'unknown_site', detail: { site: siteKey } });
  const doc = await sheetDocument(deps, site, sheet);
  for (const [path, write] of [[o.xlsx, royaltySpreadsheet], [o.docx, royaltyDocument]] as const) {
    if (!path) continue;
    const file = resolve(path);
    try {
      writeFileSync(file, await write(doc));
    } catch (error) {
      // A folder that is not there, or not ours to write: said with the system's code, not Node's sentence.
      return fail({ ok: false, reason: 'royalty_sheet_not_written', detail: { file, code: (error as NodeJS.ErrnoException).code ?? String(error) } });
    }
    console.error(`${message('vi', 'royalty_sheet_saved', { file })}\n${message('en', 'royalty_sheet_saved', { file })}`);
  }
  if (o.json) return console.log(JSON.stringify({ ...sheet, held: doc.held, netInWords: dongInWords(sheet.net) }, null, 2));
  for (const lang of LANGS) console.log(message(lang, 'royalty_sheet_head', { month: shownMonth(sheet.month), site: doc.siteName, state: message(lang, `royalty_state_${sheet.state}`) }));
  for (const r of doc.rows) {
    const notes = [r.kind === 'fee' ? `${rowNote(r, 'vi')} / ${rowNote(r, 'en')}` : '', r.prior === 0 ? '' : `${message('vi', 'royalty_adjustment')} / ${message('en', 'royalty_adjustment')}`].filter(Boolean);
    const note = notes.length > 0 ? `  (${notes.join('; ')})` : '';
    console.log(`${r.code}\t${r.name}${r.penName ? ` (${r.penName})` : ''}\t${r.genreName}\t${formatCoefficient(r.coefficient, 'vi')} × ${money.format(r.unitValue)}${rowFactors(r, 'vi')}\t${r.sharePercent} %\t${money.format(r.amount)}${note}`);
  }
  for (const p of sheet.payees) console.log(`= ${p.name}\t${money.format(p.gross)} − ${money.format(p.tax)} = ${money.format(p.net)}`);
  for (const lang of LANGS) console.log(message(lang, 'royalty_sheet_total', { gross: money.format(sheet.gross), tax: money.format(sheet.tax), net: money.format(sheet.net), words: dongInWords(sheet.net) }));
  if (doc.held.length > 0) for (const lang of LANGS) console.log(message(lang, 'royalty_sheet_held', { codes: doc.held.join(', ') }));
}

/** `royalty sheet …` and `royalty payee`: the month's sheet built, read, exported and signed off at the terminal. */
export function addRoyaltySheetCommands(royalty: Command): void {
  const sheet = royalty.command('sheet').description('Bảng nhuận bút tháng của một trang / a site’s monthly royalty sheet');
  const common = (c: Command) =>
    c
      .requiredOption('--site <key>', 'mã trang / site key')
      .option('--month <mm/yyyy>', 'tháng (mặc định: tháng trước) / month (default: last month)')
      .option('--json', 'dạng JSON cho chương trình khác / in JSON, for scripts')
      .option('--xlsx <file>', 'ghi bảng tính Excel / write the spreadsheet')
      .option('--docx <file>', 'ghi văn bản Word để ký / write the Word document for signing');

  common(sheet.command('build').description('Lập (hoặc lập lại) bản nháp của tháng / build or rebuild the month’s draft')).action(async (o: SheetOptions) =>
    withStore(async (deps) => {
      const month = monthOf(deps, o.month);
      const r = await buildMonthSheet(deps, await actingOperator(deps), o.site, month);
      if (!r.ok) fail(r);
      await printSheet(deps, o.site, r.value.sheet, o);
    }),
  );

  common(sheet.command('show').description('Xem bảng của tháng / show the month’s sheet')).action(async (o: SheetOptions) =>
    withStore(async (deps) => {
      const month = monthOf(deps, o.month);
      const site = await deps.store.siteByKey(o.site);
      if (!site) return fail({ ok: false, reason: 'unknown_site', detail: { site: o.site } });
      const found = await deps.store.royaltySheet(site.id, month);
      if (!found) return fail({ ok: false, reason: 'royalty_sheet_none', detail: { month: shownMonth(month), site: site.key } });
      await printSheet(deps, o.site, found, o);
    }),
  );

  const steps: [SheetStep, string][] = [
    ['check', 'Thư ký tòa soạn kiểm tra bảng (--as thư ký) / the secretary checks the sheet (--as the secretary)'],
    ['approve', 'Trưởng Ban hoặc Phó Trưởng Ban duyệt (--as người duyệt) / the head or a deputy approves (--as them)'],
    ['paid', 'Đánh dấu đã chi / mark it paid'],
  ];
  for (const [step, description] of steps) {
    common(sheet.command(step).description(description)).action(async (o: SheetOptions) =>
      withStore(async (deps) => {
        const month = monthOf(deps, o.month);
        const r = await stepMonthSheet(deps, await actingOperator(deps), o.site, month, step);
        if (!r.ok) fail(r);
        await printSheet(deps, o.site, r.value, o);
      }),
    );
  }

  royalty
    .command('payee')
    .description('Thông tin thuế của người nhận nhuận bút: không cư trú, cam kết thu nhập dưới mức chịu thuế của một năm / a payee’s tax facts: non-resident, a commitment for a year')
    .argument('<person>', 'mã hoặc thư điện tử / id or e-mail')
    .option('--non-resident', 'cá nhân không cư trú (khấu trừ 20 % mọi khoản) / non-resident')
    .option('--resident', 'cá nhân cư trú / resident')
    .option('--waiver <year>', 'năm có cam kết 08/CK-TNCN / the year a commitment covers')
    .option('--no-waiver', 'bỏ cam kết / no commitment')
    .action(async (ref: string, o: { nonResident?: boolean; resident?: boolean; waiver?: string | false }) =>
      withStore(async (deps) => {
        // A commitment covers one tax year: this one, the last, or the next (one signed ahead in December).
        const thisYear = Number(localDay(deps.clock(), deps.timeZone).slice(0, 4));
        const typedYear = typeof o.waiver === 'string' && /^\d{4}$/.test(o.waiver) ? Number(o.waiver) : null;
        if (typeof o.waiver === 'string' && (typedYear === null || typedYear < thisYear - 1 || typedYear > thisYear + 1)) {
          fail({ ok: false, reason: 'royalty_bad_waiver_year', detail: { given: o.waiver.slice(0, 20), from: String(thisYear - 1), to: String(thisYear + 1) } });
        }
        const id = await personId(deps, ref);
        const current = (await deps.store.payeeTaxFacts([id])).get(id) ?? { nonResident: false, waiverYear: null };
        const waiverYear = o.waiver === false ? null : o.waiver === undefined ? current.waiverYear : typedYear;
        const facts = { nonResident: o.nonResident ? true : o.resident ? false : current.nonResident, waiverYear };
        const now = deps.clock();
        await deps.store.putPayeeTaxFacts(id, facts, now, { at: now, actorId: null, action: 'royalty.payee', subjectType: 'person', subjectId: id, data: { ...facts, previous: current } });
        const shown = `${facts.nonResident ? 'không cư trú / non-resident' : 'cư trú / resident'}; cam kết / commitment: ${facts.waiverYear ?? '—'}`;
        for (const lang of LANGS) console.log(message(lang, 'royalty_payee_set', { person: ref, facts: shown }));
      }),
    );

  royalty
    .command('due')
    .description('Tin đăng từ 45 ngày trước chưa vào bảng đã duyệt (hạn chi 60 ngày) / works published 45+ days ago on no approved sheet (60-day rule)')
    .option('--site <key>', 'chỉ một trang / one site only')
    .option('--json', 'dạng JSON cho chương trình khác / in JSON, for scripts')
    .action(async (o: { site?: string; json?: boolean }) =>
      withStore(async (deps) => {
        const r = await worksDue(deps, o.site);
        if (!r.ok) return fail(r);
        if (o.json) return console.log(JSON.stringify(r.value.map((d) => ({ site: d.site.key, more: d.more, works: d.works })), null, 2));
        if (r.value.length === 0) return console.log(`${message('vi', 'royalty_due_none')}\n${message('en', 'royalty_due_none')}`);
        for (const { site, works, more } of r.value) {
          console.log(`${message('vi', 'royalty_due_head', { site: site.nameVi, count: String(works.length) })}\n${message('en', 'royalty_due_head', { site: site.nameEn, count: String(works.length) })}`);
          for (const w of works) {
            const standing = dueStanding(w.daysLeft, w.terms);
            console.log(`${w.code}\t${shownDay(localDay(w.publishedAt, deps.timeZone))}\t${standing.days}\t${standing.terms}\t${visibleText(w.title)}`);
          }
          if (more) console.log(`${message('vi', 'royalty_due_more', { max: String(DUE_LIST_MAX) })} / ${message('en', 'royalty_due_more', { max: String(DUE_LIST_MAX) })}`);
        }
      }),
    );

  royalty
    .command('held')
    .description('Quyết định trả hay không trả nhuận bút của tin đã gỡ trước khi chi (Trưởng Ban, Phó Trưởng Ban; --as NGƯỜI) / decide whether a work taken down before payment is paid (the head or a deputy head; --as PERSON)')
    .argument('<code>', 'mã tin / item code')
    .option('--pay', 'vẫn trả / pay it')
    .option('--skip', 'không trả / do not pay it')
    .requiredOption('--reason <text>', 'lý do, được lưu vào nhật ký / the reason, kept in the trail')
    .action(async (code: string, o: { pay?: boolean; skip?: boolean; reason: string }) =>
      withStore(async (deps) => {
        if (o.pay === o.skip) return fail({ ok: false, reason: 'royalty_held_choose', detail: {} });
        const r = await decideHeldWork(deps, await actingOperator(deps), code, o.pay ? 'pay' : 'skip', o.reason);
        if (!r.ok) fail(r);
        for (const lang of LANGS) console.log(message(lang, `royalty_held_${r.value.decision}`, { code: r.value.code, reason: r.value.reason }));
      }),
    );
}
