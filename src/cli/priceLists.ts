import type { Command } from 'commander';
import { decidePriceList, proposePriceList } from '../app/revenue/prices.js';
import type { PriceListRecord } from '../app/revenue/ports.js';
import { LANGS, message } from '../core/messages.js';
import type { PriceRowTerms } from '../core/revenue/prices.js';
import { actingOperator, fail, withStore } from './common.js';
import { amount } from './typed.js';

const money = new Intl.NumberFormat('vi-VN');
const both = (key: string, detail?: Record<string, string>) => LANGS.map((lang) => message(lang, key, detail)).join('\n');

/** KIND/ZONE/DAYS/PRICE/MAX_DISCOUNT, repeated: banner/sidebar/30/15.000.000/10. */
function collectRow(given: string, earlier: PriceRowTerms[] = []): PriceRowTerms[] {
  const parts = given.split('/').map((p) => p.trim());
  if (parts.length !== 5) return fail({ ok: false, reason: 'price_bad_row', detail: { row: String(earlier.length + 1), field: 'format' } });
  const [kind = '', zone = '', days = '', price = '', discount = ''] = parts;
  const whole = (text: string, field: string) => (/^\d{1,3}$/.test(text) ? Number(text) : fail({ ok: false, reason: 'price_bad_row', detail: { row: String(earlier.length + 1), field } }));
  return [...earlier, { kind, zone, days: whole(days, 'days'), price: amount(price), discountPercent: whole(discount, 'discount') }];
}

function printList(list: PriceListRecord): void {
  console.log(`${list.code}\t${list.year}\t${message('vi', `state_${list.state}`)} / ${message('en', `state_${list.state}`)}`);
  for (const r of list.rows) console.log(`  ${r.kind}\t${r.zone}\t${r.days}\t${money.format(r.price)} đ\t−${r.discountPercent} %`);
}

/** `price-list …`: the yearly price list of media services, proposed at the terminal, approved in chat (seed Điều 14.4.c). */
export function addPriceListCommands(program: Command): void {
  const prices = program.command('price-list').description('Bảng giá dịch vụ truyền thông hằng năm (Điều 14.4.c) / the yearly media-service price list');
  prices
    .command('propose')
    .description('Ghi bảng giá của một năm, chờ duyệt trong chat / file a year’s price list for approval in chat')
    .requiredOption('--site <key>', 'mã trang / site key')
    .requiredOption('--year <yyyy>', 'năm / year')
    .requiredOption('--row <kind/zone/days/price/discount>', 'một dòng, lặp lại; vd. banner/sidebar/30/15.000.000/10 / one row, repeat', collectRow)
    .option('--json', 'dạng JSON cho chương trình khác / in JSON, for scripts')
    .action(async (o: { site: string; year: string; row: PriceRowTerms[]; json?: boolean }) =>
      withStore(async (deps) => {
        const year = /^\d{4}$/.test(o.year.trim()) ? Number(o.year) : fail({ ok: false, reason: 'price_bad_year', detail: { given: o.year } });
        const r = await proposePriceList(deps, await actingOperator(deps), o.site, year, o.row);
        if (!r.ok) return fail(r);
        if (o.json) return console.log(JSON.stringify(r.value, null, 2));
        console.log(both('price_proposed', { code: r.value.code, year: String(year) }));
      }),
    );
  prices
    .command('list')
    .description('Các bảng giá, mới nhất trước / price lists, newest first')
    .option('--json', 'dạng JSON cho chương trình khác / in JSON, for scripts')
    .action(async (o: { json?: boolean }) =>
      withStore(async (deps) => {
        const all = await deps.store.priceLists({}, 200);
        if (o.json) return console.log(JSON.stringify(all, null, 2));
        for (const list of all) printList(list);
      }),
    );
  for (const [verb, state] of [['approve', 'approved'], ['refuse', 'refused']] as const) {
    prices
      .command(verb)
      .description(verb === 'approve' ? 'Trưởng Ban / Phó Trưởng Ban thường trực duyệt (--as) / the head or standing deputy approves (--as)' : 'Không duyệt (--as) / refuse (--as)')
      .argument('<code>', 'BG-yyyy-NNN')
      .option('--reason <text>', 'lý do / reason')
      .action(async (code: string, o: { reason?: string }) =>
        withStore(async (deps) => {
          const r = await decidePriceList(deps, await actingOperator(deps), code, state, o.reason ?? null);
          if (!r.ok) return fail(r);
          for (const lang of LANGS) console.log(message(lang, 'price_decided', { code: r.value.code, state: message(lang, `state_${state}`) }));
        }),
      );
  }
}
