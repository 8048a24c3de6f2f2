import { localDay } from '../../src/core/dates.js';
import { message, type Lang } from '../../src/core/messages.js';
import { FUND_SOURCES } from '../../src/app/revenue/ports.js';
import { MONEY_DESK, mayActOn } from '../../src/app/revenue/contracts.js';
import { moneyStatement } from '../../src/app/revenue/payments.js';
import { REVENUE_ACCOUNTS, quarterDays } from '../../src/core/revenue/split.js';
import type { Handler } from './commands.js';

const money = new Intl.NumberFormat('vi-VN');

/**
 * `/quy [2026-Q4]` (English `/fund`): the royalty fund and the media-service money of a quarter, for the
 * site's desk (secretary, leaders, admins) — in a private chat or the editorial chat, never a public group.
 */
const fund: Handler = async (env, ctx, args, { person, lang }) => {
  if (!person) return message(lang, 'not_linked');
  const chatId = String(ctx.chat?.id);
  const inDesk = ctx.chat?.type === 'private' || (env.editorialChat !== null && chatId === env.editorialChat);
  if (!inDesk) return message(lang, 'private_only');
  const today = localDay(env.deps.clock(), env.deps.timeZone);
  const typed = args.trim();
  const quarter = quarterDays(typed === '' ? `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}` : typed);
  if (!quarter) return message(lang, 'service_bad_quarter', { given: typed.slice(0, 40) });
  const site = await env.deps.store.siteByKey(await env.siteKeyFor(chatId));
  if (!site) return message(lang, 'unknown_site', { site: '' });
  if (!(await mayActOn(env.deps, { kind: 'person', personId: person.id }, site, MONEY_DESK, env.deps.clock()))) return message(lang, 'service_not_desk');
  const r = await moneyStatement(env.deps, site.key, quarter.from, quarter.until);
  if (!r.ok) return message(lang, 'unknown_site', { site: site.key });
  const { revenue, fund: f } = r.value;
  const l: Lang = lang;
  const siteName = l === 'vi' ? site.nameVi : site.nameEn;
  return [
    message(l, 'fund_head', { site: siteName, period: quarter.quarter }),
    message(l, 'fund_opening', { amount: money.format(f.opening) }),
    ...FUND_SOURCES.map((s) => `• ${message(l, `fund_source_${s}`)}: ${money.format(f.bySource[s])} đ`),
    message(l, 'fund_closing', { amount: money.format(f.closing) }),
    '',
    message(l, 'service_statement_revenue', { payments: String(revenue.payments), amount: money.format(revenue.amount), tax: money.format(revenue.tax), afterTax: money.format(revenue.afterTax) }),
    ...(revenue.reversals > 0 ? [message(l, 'service_statement_reversals', { reversals: String(revenue.reversals) })] : []),
    ...REVENUE_ACCOUNTS.map((a) => `• ${message(l, `account_${a}`)}: ${money.format(revenue.accounts[a])} đ`),
  ].join('\n');
};

export const MONEY_COMMANDS: Record<string, Handler> = { quy: fund, fund };
