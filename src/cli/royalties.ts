import type { Command } from 'commander';
import { OPERATOR } from '../app/people.js';
import { royaltyFrame, setGenre, setSalary, setSiteRate, setTax } from '../app/royalties/frame.js';
import { setWorkRoyalty, workRoyaltyOf, type WorkChanges } from '../app/royalties/works.js';
import type { WorkRoyaltyRecord } from '../app/royalties/ports.js';
import type { Deps } from '../app/deps.js';
import { formatLocal } from '../core/dates.js';
import { shownDay } from '../core/dates.js';
import { LANGS, message, type Lang } from '../core/messages.js';
import { formatCoefficient, parseCoefficient, type RoyaltyFrame } from '../core/royalties/frame.js';
import { feeKindName } from '../core/royalties/rows.js';
import { FEE_ROLES, isFeeRole, publishingStepFrom, termsConfirmed, type WorkFee } from '../core/royalties/work.js';
import { actingOperator, fail, personId, withStore } from './common.js';
import { amount, day } from './typed.js';
import { addRoyaltySheetCommands } from './royaltySheets.js';
import { addFundCommands } from './services.js';

const money = new Intl.NumberFormat('vi-VN');


/** A whole number as typed, sign included: the use case says which range it must be in (-30 % is no encouragement, 1000 % no percentage). */
function whole(given: string): number {
  return /^\s*-?\d{1,9}\s*$/.test(given) ? Number(given) : fail({ ok: false, reason: 'royalty_bad_number', detail: { given } });
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

/**
 * Says what was saved and, when it replaced a value of the same day or key, what that was, both in the
 * words the operator typed; a value typed again as it stood is said to be unchanged.
 */
function saved<T>(describe: (value: T, lang: Lang) => string, value: T, previous: T | null): void {
  for (const lang of LANGS) {
    const what = describe(value, lang);
    if (previous !== null && describe(previous, lang) === what) {
      console.log(message(lang, 'royalty_unchanged', { what }));
      continue;
    }
    const replaced = previous !== null ? message(lang, 'royalty_replaced', { previous: describe(previous, lang) }) : '';
    console.log(message(lang, 'royalty_set', { what, previous: replaced }));
  }
}

/** Whether the sheet takes the terms as confirmed: by the head or a deputy, or by publishing from a card that showed them. */
async function confirmedNow(deps: Deps, code: string, r: WorkRoyaltyRecord): Promise<boolean> {
  if (r.confirmedAt) return true;
  const item = await deps.store.itemByCode(code);
  return item?.publishedAt ? termsConfirmed(r, publishingStepFrom(await deps.store.decisionsOf(item.id), item.publishedAt)) : false;
}

/** One work's terms in both languages, authors by name. */
async function printWork(deps: Deps, code: string, r: WorkRoyaltyRecord): Promise<void> {
  const genre = (await deps.store.royaltyFrame()).genres.find((g) => g.key === r.genreKey);
  const names = await Promise.all(r.authors.map(async (a) => `${(await deps.store.personById(a.personId))?.displayName ?? a.personId}${a.penName ? ` (${a.penName})` : ''} ${a.sharePercent} %`));
  const fees = await Promise.all(r.fees.map(async (f) => ({ ...f, name: (await deps.store.personById(f.personId))?.displayName ?? f.personId })));
  // Terms the publisher's card showed are confirmed by publishing (termsConfirmed), as the sheet reads them.
  const item = await deps.store.itemByCode(code);
  const byPublishing = !r.confirmedAt && (await confirmedNow(deps, code, r));
  for (const lang of LANGS) {
    const state = r.confirmedAt
      ? message(lang, 'royalty_work_confirmed', { at: formatLocal(r.confirmedAt, deps.timeZone) })
      : byPublishing && item?.publishedAt
        ? message(lang, 'royalty_work_published', { at: formatLocal(item.publishedAt, deps.timeZone) })
        : message(lang, 'royalty_work_proposed');
    const encouragement = r.encouragementPercent > 0 ? message(lang, 'royalty_work_encouragement', { percent: String(r.encouragementPercent), reason: r.encouragementReason ?? '' }) : '';
    const genreName = genre ? (lang === 'vi' ? genre.nameVi : genre.nameEn) : r.genreKey;
    console.log(message(lang, 'royalty_work_line', { code, genre: genreName, coefficient: formatCoefficient(r.coefficient, lang), encouragement, state, authors: names.join('; ') }));
    if (r.fees.length > 0) console.log(message(lang, 'royalty_work_fees', { fees: fees.map((f) => `${f.name}: ${feeKindName(f.role, lang)} ${formatCoefficient(f.coefficient, lang)}`).join('; ') }));
  }
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** `--fee who:kind:coefficient`, repeated; `--fee none` alone takes every fee off the work. */
async function typedFees(deps: Deps, typed: readonly string[]): Promise<WorkFee[]> {
  if (typed.length === 1 && typed[0]!.trim().toLowerCase() === 'none') return [];
  const fees: WorkFee[] = [];
  for (const given of typed) {
    const parts = given.split(':');
    if (parts.length !== 3) return fail({ ok: false, reason: 'royalty_fee_bad', detail: { given, roles: FEE_ROLES.join(', ') } });
    const value = coefficient(parts[2]!);
    const role = parts[1]!.trim().toLowerCase();
    if (!isFeeRole(role)) return fail({ ok: false, reason: 'royalty_fee_role', detail: { role, roles: FEE_ROLES.join(', ') } });
    fees.push({ personId: await personId(deps, parts[0]!.trim()), role, coefficient: value });
  }
  return fees;
}

export function addRoyaltyCommands(program: Command): void {
  const royalty = program.command('royalty').description('Nhuận bút: khung hệ số, lương cơ sở, thuế, bảng tháng (Điều 17) / royalties: the frame, base salary, tax, monthly sheets');
  addRoyaltySheetCommands(royalty);
  addFundCommands(royalty);

  royalty
    .command('frame')
    .description('Khung nhuận bút đang lưu, theo ngày hiệu lực / the royalty frame as stored, by the day each value takes effect')
    .option('--json', 'dạng JSON cho chương trình khác / in JSON, for scripts')
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
        saved((v) => `${shownDay(v.from)}: ${money.format(v.baseSalary)} đ, ${v.unitPercent} %`, p, r.value.previous);
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
        saved((v) => `${shownDay(v.from)}: ${v.ratePercent} % ≥ ${money.format(v.threshold)} đ, ${v.nonResidentRatePercent} %`, p, r.value.previous);
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
        saved((v, lang) => `${v.key} (${lang === 'vi' ? v.nameVi : v.nameEn}): ${formatCoefficient(v.min, lang)}–${formatCoefficient(v.max, lang)}`, g, r.value.previous);
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
        saved((v) => `${v.siteKind} ${shownDay(v.from)}: ${v.percent} %`, p, r.value.previous);
      }),
    );

  royalty
    .command('work')
    .description('Thể loại, hệ số, khuyến khích, tác giả và thù lao của một tin; không có tùy chọn thì chỉ xem / a work’s genre, coefficient, encouragement, authors and fees; with no option, shows them')
    .argument('<code>', 'mã tin, vd. DN-2026-00042 / item code')
    .option('--genre <key>', 'mã thể loại (royalty frame) / genre key')
    .option('--coefficient <n>', 'hệ số, vd. 1,5 / coefficient')
    .option('--encouragement <percent>', 'nhuận bút khuyến khích, % / encouragement, percent')
    .option('--reason <text>', 'lý do khuyến khích / the encouragement’s reason')
    .option('--author <who:share[:pen name]>', 'tác giả (mã hoặc e-mail), tỷ lệ %, bút danh; lặp lại cho đồng tác giả / author, share, pen name; repeat for co-authors', collect, [])
    .option('--fee <who:kind:coefficient>', `thù lao cho người biên tập, chụp ảnh, quay phim, cung cấp tin (loại: ${FEE_ROLES.join(', ')}); lặp lại cho nhiều người; "none" bỏ hết / a fee for who edited, photographed, filmed or supplied it; repeat for several; "none" removes them`, collect, [])
    .option('--json', 'dạng JSON cho chương trình khác / in JSON, for scripts')
    .action(async (code: string, o: { genre?: string; coefficient?: string; encouragement?: string; reason?: string; author: string[]; fee: string[]; json?: boolean }) =>
      withStore(async (deps) => {
        const changes: WorkChanges = {
          ...(o.genre !== undefined ? { genreKey: o.genre } : {}),
          ...(o.coefficient !== undefined ? { coefficient: coefficient(o.coefficient) } : {}),
          ...(o.encouragement !== undefined ? { encouragementPercent: whole(o.encouragement) } : {}),
          ...(o.reason !== undefined ? { encouragementReason: o.reason } : {}),
        };
        if (o.author.length > 0) {
          changes.authors = [];
          for (const typed of o.author) {
            const [ref = '', share = '100', ...pen] = typed.split(':');
            changes.authors.push({ personId: await personId(deps, ref.trim()), sharePercent: whole(share), penName: pen.join(':').trim() || null });
          }
        }
        if (o.fee.length > 0) changes.fees = await typedFees(deps, o.fee);
        const shown = Object.keys(changes).length === 0 ? await workRoyaltyOf(deps, code) : await setWorkRoyalty(deps, await actingOperator(deps), code, changes).then((r) => (r.ok ? { ok: true as const, value: { code: code.trim().toUpperCase(), record: r.value } } : r));
        if (!shown.ok) fail(shown);
        const { record } = shown.value;
        if (o.json) return console.log(JSON.stringify(record ? { ...record, confirmed: await confirmedNow(deps, shown.value.code, record) } : record, null, 2));
        if (!record) return console.log(`${message('vi', 'royalty_work_none', { code: shown.value.code })}\n${message('en', 'royalty_work_none', { code: shown.value.code })}`);
        await printWork(deps, shown.value.code, record);
      }),
    );
}
