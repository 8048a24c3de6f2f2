import type { Command } from 'commander';
import { addPartner, decideContract, deviationWords, proposeContract } from '../app/revenue/contracts.js';
import { addFundAllocation, moneyStatement, recordPayment, reversePayment } from '../app/revenue/payments.js';
import { sponsorItem } from '../app/revenue/sponsored.js';
import { CONTRACT_STATES, FUND_SOURCES, type ContractRecord, type ContractState, type PaymentRecord } from '../app/revenue/ports.js';
import type { Deps } from '../app/deps.js';
import { localDay, shownDay } from '../core/dates.js';
import { LANGS, message } from '../core/messages.js';
import { visibleText } from '../core/names.js';
import { REVENUE_ACCOUNTS, quarterDays } from '../core/revenue/split.js';
import { actingOperator, fail, withStore } from './common.js';
import { amount, day } from './typed.js';

const money = new Intl.NumberFormat('vi-VN');
const both = (key: string, detail?: Record<string, string>) => LANGS.map((lang) => message(lang, key, detail)).join('\n');
const JSON_OPTION = ['--json', 'dạng JSON cho chương trình khác / in JSON, for scripts'] as const;

/** PERSON=PERCENT, repeated: the people who worked on the deal and their shares of the 40 %. */
function collectShare(given: string, earlier: { person: string; sharePercent: number }[] = []) {
  const m = /^(.+)=(\d{1,3})$/.exec(given.trim());
  if (!m) return fail({ ok: false, reason: 'service_share_syntax', detail: { given } });
  return [...earlier, { person: m[1]!.trim(), sharePercent: Number(m[2]) }];
}

/** A signed amount: a fund correction is typed with a minus. */
function signedAmount(given: string): number {
  const t = given.trim();
  return t.startsWith('-') ? -amount(t.slice(1)) : amount(t);
}

function quarter(given: string) {
  return quarterDays(given) ?? fail({ ok: false, reason: 'service_bad_quarter', detail: { given } });
}

function contractLine(c: ContractRecord): string {
  const state = `${message('vi', `state_${c.state}`)} / ${message('en', `state_${c.state}`)}`;
  return `${c.code}\t${state}\t${message('vi', `service_kind_${c.kind}`)}\t${visibleText(c.partnerName)}\t${money.format(c.value)} đ\t${shownDay(c.startDay)}–${shownDay(c.endDay)}\t${visibleText(c.title)}`;
}

async function paymentLine(deps: Deps, p: PaymentRecord): Promise<string> {
  const names = await namesOf(deps, p.lines.flatMap((l) => (l.personId === null ? [] : [l.personId])));
  const lines = p.lines.map((l) => `${l.personId === null ? message('vi', `account_${l.account}`) : (names.get(l.personId) ?? l.personId)} ${money.format(l.amount)}`).join(', ');
  return `${p.id}\t${shownDay(p.day)}\t${p.receipt ?? `(hủy / reversal of ${p.reverses ?? ''})`}\t${money.format(p.amount)} − ${money.format(p.tax)} = ${money.format(p.afterTax)}\t${lines}`;
}

async function namesOf(deps: Deps, ids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const id of new Set(ids)) names.set(id, visibleText((await deps.store.personById(id))?.displayName ?? id));
  return names;
}

async function contractOrFail(deps: Deps, code: string): Promise<ContractRecord> {
  return (await deps.store.contractByCode(code)) ?? fail({ ok: false, reason: 'service_unknown_contract', detail: { code: code.toUpperCase() } });
}

/** `partner …` and `service …`: media-service partners, contracts approved from chat, payments and their split (seed Điều 14–15). */
export function addServiceCommands(program: Command): void {
  const partner = program.command('partner').description('Đối tác dịch vụ truyền thông / media-service partners');
  partner
    .command('add')
    .description('Ghi một đối tác / file a partner')
    .requiredOption('--name <name>', 'tên đối tác / partner name')
    .option('--tax-number <mst>', 'mã số thuế / tax number')
    .option('--contact <text>', 'người liên hệ, điện thoại / contact')
    .action(async (o: { name: string; taxNumber?: string; contact?: string }) =>
      withStore(async (deps) => {
        const r = await addPartner(deps, await actingOperator(deps), o);
        if (!r.ok) return fail(r);
        console.log(both('service_partner_added', { name: r.value.name, id: r.value.id }));
      }),
    );
  partner
    .command('list')
    .description('Danh sách đối tác / list partners')
    .option(...JSON_OPTION)
    .action(async (o: { json?: boolean }) =>
      withStore(async (deps) => {
        const all = await deps.store.partners();
        if (o.json) return console.log(JSON.stringify(all, null, 2));
        if (all.length === 0) return console.log(both('service_partners_none'));
        console.log(both('service_partners_head'));
        for (const p of all) console.log(`${p.id}\t${p.taxNumber ?? '—'}\t${visibleText(p.name)}\t${visibleText(p.contact ?? '')}`);
      }),
    );

  const service = program.command('service').description('Hợp đồng dịch vụ truyền thông, khoản thu và phân chia (Điều 14–15) / media-service contracts, payments and their split');
  service
    .command('propose')
    .description('Ghi hợp đồng chờ Trưởng Ban / Phó Trưởng Ban thường trực duyệt trong chat / file a contract for approval in chat')
    .requiredOption('--site <key>', 'mã trang / site key')
    .requiredOption('--partner <id>', 'mã hoặc mã số thuế của đối tác / partner id or tax number')
    .requiredOption('--kind <kind>', 'event | brand | commerce | supplier | banner | sponsored')
    .requiredOption('--title <text>', 'nội dung dịch vụ / what the service is')
    .requiredOption('--value <đồng>', 'giá trị, đã gồm thuế / value, tax included')
    .option('--tax <percent>', 'thuế suất (%) / tax rate (%)', '10')
    .requiredOption('--from <dd/mm/yyyy>', 'ngày bắt đầu / first day')
    .requiredOption('--to <dd/mm/yyyy>', 'ngày kết thúc / last day')
    .requiredOption('--share <person=percent>', 'người thực hiện và tỷ lệ trong 40 % (lặp lại) / a person and their share of the 40 % (repeat)', collectShare)
    .option(...JSON_OPTION)
    .action(async (o: { site: string; partner: string; kind: string; title: string; value: string; tax: string; from: string; to: string; share: { person: string; sharePercent: number }[]; json?: boolean }) =>
      withStore(async (deps) => {
        const r = await proposeContract(deps, await actingOperator(deps), {
          site: o.site, partner: o.partner, kind: o.kind, title: o.title, value: amount(o.value), taxPercent: amount(o.tax), startDay: day(o.from), endDay: day(o.to), shares: o.share,
        });
        if (!r.ok) return fail(r);
        if (o.json) return console.log(JSON.stringify(r.value, null, 2));
        console.log(both('service_proposed', { code: r.value.code }));
      }),
    );
  service
    .command('list')
    .description('Hợp đồng, mới nhất trước / contracts, newest first')
    .option('--site <key>', 'chỉ một trang / one site only')
    .option('--state <state>', CONTRACT_STATES.join(' | '))
    .option(...JSON_OPTION)
    .action(async (o: { site?: string; state?: string; json?: boolean }) =>
      withStore(async (deps) => {
        const site = o.site === undefined ? null : ((await deps.store.siteByKey(o.site)) ?? fail({ ok: false, reason: 'unknown_site', detail: { site: o.site } }));
        const state = o.state === undefined ? undefined : (CONTRACT_STATES.find((s) => s === o.state) ?? fail({ ok: false, reason: 'service_bad_state', detail: { state: o.state } }));
        const all = await deps.store.contracts({ ...(site ? { siteId: site.id } : {}), ...(state ? { state: state satisfies ContractState } : {}) }, 500);
        if (o.json) return console.log(JSON.stringify(all, null, 2));
        if (all.length === 0) return console.log(both('service_none'));
        for (const c of all) console.log(contractLine(c));
      }),
    );
  service
    .command('show')
    .description('Một hợp đồng và các khoản thu / one contract and its payments')
    .argument('<code>', 'DV-yyyy-NNN')
    .option(...JSON_OPTION)
    .action(async (code: string, o: { json?: boolean }) =>
      withStore(async (deps) => {
        const c = await contractOrFail(deps, code);
        const payments = await deps.store.payments(c.id);
        if (o.json) return console.log(JSON.stringify({ ...c, payments }, null, 2));
        console.log(contractLine(c));
        if (c.priceDeviation) {
          const words = deviationWords(c.priceDeviation);
          console.log(`⚠ ${words.deviationVi}\n⚠ ${words.deviationEn}`);
        }
        const names = await namesOf(deps, c.shares.map((s) => s.personId));
        for (const s of c.shares) console.log(`  ${names.get(s.personId) ?? s.personId}\t${s.sharePercent} %`);
        for (const p of payments) console.log(await paymentLine(deps, p));
      }),
    );
  for (const [verb, state] of [['approve', 'approved'], ['refuse', 'refused']] as const) {
    service
      .command(verb)
      .description(verb === 'approve' ? 'Trưởng Ban / Phó Trưởng Ban thường trực duyệt (--as người duyệt) / the head or standing deputy approves (--as them)' : 'Không duyệt, có lý do (--as người duyệt) / refuse, with a reason (--as them)')
      .argument('<code>', 'DV-yyyy-NNN')
      .option('--reason <text>', 'lý do / reason')
      .option('--accept-price', 'chấp nhận giá ngoài bảng giá đang áp dụng / accept a price off the list in force')
      .action(async (code: string, o: { reason?: string; acceptPrice?: boolean }) =>
        withStore(async (deps) => {
          const r = await decideContract(deps, await actingOperator(deps), code, state, o.reason ?? null, undefined, o.acceptPrice === true);
          if (!r.ok) return fail(r);
          for (const lang of LANGS) console.log(message(lang, 'service_decided', { code: r.value.code, state: message(lang, `state_${state}`) }));
        }),
      );
  }
  service
    .command('pay')
    .description('Ghi khoản thu của hợp đồng đã duyệt và phân chia 40/30/20/10 / record money received on an approved contract and split it')
    .argument('<code>', 'DV-yyyy-NNN')
    .requiredOption('--amount <đồng>', 'số tiền nhận, đã gồm thuế / amount received, tax included')
    .requiredOption('--receipt <number>', 'số chứng từ (ghi một lần) / receipt number (recorded once)')
    .option('--day <dd/mm/yyyy>', 'ngày nhận (mặc định hôm nay) / day received (default today)')
    .option('--note <text>', 'ghi chú / note')
    .option(...JSON_OPTION)
    .action(async (code: string, o: { amount: string; receipt: string; day?: string; note?: string; json?: boolean }) =>
      withStore(async (deps) => {
        const r = await recordPayment(deps, await actingOperator(deps), { code, amount: amount(o.amount), receipt: o.receipt, day: o.day === undefined ? localDay(deps.clock(), deps.timeZone) : day(o.day), ...(o.note === undefined ? {} : { note: o.note }) });
        if (!r.ok) return fail(r);
        const p = r.value.payment;
        if (o.json) return console.log(JSON.stringify({ ...p, duplicate: r.value.duplicate }, null, 2));
        if (r.value.duplicate) return console.log(both('service_payment_duplicate', { receipt: p.receipt ?? '', code: p.contractCode }));
        const fund = p.lines.find((l) => l.account === 'royaltyFund')?.amount ?? 0;
        console.log(both('service_payment_recorded', { receipt: p.receipt ?? '', code: p.contractCode, amount: money.format(p.amount), tax: money.format(p.tax), afterTax: money.format(p.afterTax), fund: money.format(fund) }));
        console.log(await paymentLine(deps, p));
      }),
    );
  service
    .command('reverse')
    .description('Hủy một khoản thu ghi nhầm bằng bút toán đảo / reverse a payment entered by mistake')
    .argument('<payment>', 'mã khoản thu / payment id')
    .requiredOption('--reason <text>', 'lý do / reason')
    .action(async (id: string, o: { reason: string }) =>
      withStore(async (deps) => {
        const r = await reversePayment(deps, await actingOperator(deps), id, o.reason);
        if (!r.ok) return fail(r);
        console.log(both('service_payment_reversed', { id, amount: money.format(r.value.amount) }));
      }),
    );
  service
    .command('sponsor')
    .description('Gắn một tin bài làm bài giới thiệu của hợp đồng đã duyệt: duyệt như mọi tin, mang nhãn “Thông tin tài trợ” / tie an item to an approved sponsored-article contract')
    .argument('<item>', 'mã tin bài / item code')
    .requiredOption('--contract <code>', 'DV-yyyy-NNN')
    .option(...JSON_OPTION)
    .action(async (item: string, o: { contract: string; json?: boolean }) =>
      withStore(async (deps) => {
        const r = await sponsorItem(deps, await actingOperator(deps), { item, contract: o.contract });
        if (!r.ok) return fail(r);
        if (o.json) return console.log(JSON.stringify(r.value, null, 2));
        console.log(both('sponsor_done', { code: r.value.code, partner: visibleText(r.value.partner), contract: r.value.contract }));
        if (r.value.published) console.log(both('sponsor_live'));
      }),
    );
  service
    .command('statement')
    .description('Báo cáo thu chi dịch vụ của một quý cho Ban (Điều 14.4.a) / a quarter’s income and spending for the board')
    .requiredOption('--site <key>', 'mã trang / site key')
    .requiredOption('--quarter <yyyy-Qn>', 'quý, vd. 2026-Q3 / quarter, e.g. 2026-Q3')
    .option(...JSON_OPTION)
    .action(async (o: { site: string; quarter: string; json?: boolean }) =>
      withStore(async (deps) => {
        const q = quarter(o.quarter);
        const r = await moneyStatement(deps, o.site, q.from, q.until);
        if (!r.ok) return fail(r);
        if (o.json) return console.log(JSON.stringify({ quarter: q.quarter, ...r.value }, null, 2));
        const site = await deps.store.siteByKey(o.site);
        const { revenue, fund } = r.value;
        for (const lang of LANGS) {
          console.log(message(lang, 'service_statement_head', { period: q.quarter, site: (lang === 'vi' ? site?.nameVi : site?.nameEn) ?? o.site }));
          console.log(message(lang, 'service_statement_revenue', { payments: String(revenue.payments), amount: money.format(revenue.amount), tax: money.format(revenue.tax), afterTax: money.format(revenue.afterTax) }));
          if (revenue.reversals > 0) console.log(message(lang, 'service_statement_reversals', { reversals: String(revenue.reversals) }));
          for (const a of REVENUE_ACCOUNTS) console.log(`  ${message(lang, `account_${a}`)}: ${money.format(revenue.accounts[a])} đ`);
          printFund(lang, fund);
        }
        if (revenue.people.length > 0) console.log(both('service_statement_people'));
        for (const p of revenue.people) console.log(`  ${visibleText(p.name)}\t${money.format(p.amount)} đ`);
      }),
    );
}

function printFund(lang: 'vi' | 'en', fund: { opening: number; bySource: Record<string, number>; closing: number }): void {
  console.log(message(lang, 'fund_opening', { amount: money.format(fund.opening) }));
  for (const s of FUND_SOURCES) console.log(`  ${message(lang, `fund_source_${s}`)}: ${money.format(fund.bySource[s] ?? 0)} đ`);
  console.log(message(lang, 'fund_closing', { amount: money.format(fund.closing) }));
}

/** `royalty fund show|add`: the royalty fund's ledger — budget allocations entered here, media revenue's 10 % and approved sheets entered by themselves. */
export function addFundCommands(royalty: Command): void {
  const fund = royalty.command('fund').description('Quỹ nhuận bút: thu, chi, số dư / the royalty fund: in, out, balance');
  fund
    .command('show')
    .description('Số dư và các bút toán của một quý / balance and entries of a quarter')
    .requiredOption('--site <key>', 'mã trang / site key')
    .option('--quarter <yyyy-Qn>', 'quý (mặc định quý này) / quarter (default: this one)')
    .option(...JSON_OPTION)
    .action(async (o: { site: string; quarter?: string; json?: boolean }) =>
      withStore(async (deps) => {
        const today = localDay(deps.clock(), deps.timeZone);
        const q = quarter(o.quarter ?? `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`);
        const site = (await deps.store.siteByKey(o.site)) ?? fail({ ok: false, reason: 'unknown_site', detail: { site: o.site } });
        const totals = await deps.store.fundTotals(site.id, q.from, q.until);
        const entries = await deps.store.fundEntries(site.id, q.from, q.until, 500);
        if (o.json) return console.log(JSON.stringify({ quarter: q.quarter, ...totals, entries }, null, 2));
        for (const lang of LANGS) {
          console.log(message(lang, 'fund_head', { site: lang === 'vi' ? site.nameVi : site.nameEn, period: q.quarter }));
          printFund(lang, totals);
        }
        for (const e of entries) console.log(`${shownDay(e.day)}\t${e.source}\t${money.format(e.amount)} đ\t${visibleText(e.note ?? '')}`);
      }),
    );
  fund
    .command('add')
    .description('Ghi khoản ngân sách cấp cho quỹ (số âm để điều chỉnh, cần --note) / enter a budget allocation (negative corrects, needs --note)')
    .requiredOption('--site <key>', 'mã trang / site key')
    .requiredOption('--amount <đồng>', 'số tiền / amount')
    .option('--day <dd/mm/yyyy>', 'ngày (mặc định hôm nay) / day (default today)')
    .option('--note <text>', 'ghi chú, số quyết định / note, decision number')
    .action(async (o: { site: string; amount: string; day?: string; note?: string }) =>
      withStore(async (deps) => {
        const on = o.day === undefined ? localDay(deps.clock(), deps.timeZone) : day(o.day);
        const r = await addFundAllocation(deps, await actingOperator(deps), { site: o.site, amount: signedAmount(o.amount), day: on, ...(o.note === undefined ? {} : { note: o.note }) });
        if (!r.ok) return fail(r);
        console.log(both('fund_added', { amount: money.format(r.value.amount), day: shownDay(on) }));
      }),
    );
}
