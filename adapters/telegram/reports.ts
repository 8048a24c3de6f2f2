import { InputFile } from 'grammy';
import { message, type Lang } from '../../src/core/messages.js';
import type { MadeReport, ReportSender } from '../../src/app/reports/calendar.js';
import { reportFileName, reportOnDemand } from '../../src/app/reports/onDemand.js';
import type { ReportWriter } from '../../src/app/reports/ports.js';
import { reportText } from '../../src/app/reports/text.js';
import { siteOfDeskChat, type DeskEnv } from './cards.js';
import type { Handler } from './commands.js';

/** Sites named in a report's chat text; the files hold them all. */
const SITE_LINES = 15;
/** The longest text Telegram takes in one message. */
const TEXT_LIMIT = 4096;

const summary = (r: Pick<MadeReport, 'figures'>, langs: readonly Lang[]) => {
  const text = langs.map((lang) => reportText(r.figures, lang, SITE_LINES)).join('\n\n');
  // Room for the calendar's heading line above it.
  const room = TEXT_LIMIT - 100;
  return text.length > room ? `${text.slice(0, room - 1)}…` : text;
};

/**
 * The report's Word file and spreadsheet, then its text, in one chat: three parts, in that order, so the summary
 * never names files that did not come. Parts before `from` went already (a resumed send); each is recorded as it goes.
 */
async function post(env: DeskEnv, chatId: string, r: Pick<MadeReport, 'period' | 'site' | 'figures' | 'files'>, head: string, progress: { from: number; sent: (parts: number) => Promise<void> }): Promise<void> {
  const caption = (key: string) => `${message('vi', key, { period: r.period.key })} / ${message('en', key, { period: r.period.key })}`;
  const parts: (() => Promise<unknown>)[] = [
    () => env.api.sendDocument(chatId, new InputFile(r.files.docx, reportFileName(r.period, r.site, 'docx')), { caption: caption('report_caption_docx') }),
    () => env.api.sendDocument(chatId, new InputFile(r.files.xlsx, reportFileName(r.period, r.site, 'xlsx')), { caption: caption('report_caption_xlsx') }),
    () => env.api.sendMessage(chatId, `${head}\n${summary(r, ['vi', 'en'])}`),
  ];
  for (const [i, send] of parts.entries()) {
    if (i < progress.from) continue;
    await env.queue.call(chatId, send);
    await progress.sent(i + 1);
  }
}

/**
 * Where the calendar's reports go on Telegram (issue 20.8): the province's to the editorial chat (the board's and
 * the standing agency's), a component site's to its own desk chat (TELEGRAM_SITE_DESK_CHATS), never to a group
 * collaborators write in. A site without a desk chat has its report stored, for `/baocao`.
 */
export function telegramReportSender(env: DeskEnv): ReportSender {
  return async (report, progress) => {
    const chat = report.site ? (env.siteDeskChats?.get(report.site.key) ?? null) : env.editorialChat;
    if (chat === null) return 'noChat';
    const head = `${message('vi', 'report_scheduled_head')} / ${message('en', 'report_scheduled_head')}`;
    await post(env, chat, report, head, progress);
    return 'sent';
  };
}

/**
 * `/baocao 2026-Q3 [site]` (English `/report`): a period's report made now for a person whose role covers the scope,
 * in a private chat with the bot or in the editorial chat.
 */
export function reportCommand(maker: ReportWriter, staleDays: number): Handler {
  const making = new Set<string>();
  return async (env, ctx, args, { person, lang }) => {
    if (!person) return message(lang, 'not_linked');
    const here = String(ctx.chat?.id);
    // A site's own desk chat makes that site's report (its members are its reviewers), no other's.
    const deskSite = siteOfDeskChat(env, here);
    const inDesk = ctx.chat?.type === 'private' || (env.editorialChat !== null && here === env.editorialChat) || deskSite !== null;
    if (!inDesk) return message(lang, 'report_private_only');
    const [typed, typedSite, ...rest] = args.trim().split(/\s+/).filter((w) => w !== '');
    if (!typed || rest.length > 0) return message(lang, 'report_usage');
    // Site keys are lower case: "SO-Y-TE" is so-y-te, as "2026-q3" is 2026-Q3.
    const siteKey = typedSite?.toLowerCase() ?? deskSite;
    if (deskSite !== null && siteKey !== deskSite) return message(lang, 'report_desk_own_site', { site: deskSite });
    // One report at a time per person: a yearly report over a large archive takes seconds and a few hundred MB.
    if (making.has(person.id)) return message(lang, 'report_busy');
    making.add(person.id);
    let made: Awaited<ReturnType<typeof reportOnDemand>>;
    try {
      made = await reportOnDemand(env.deps, maker, person.id, typed, siteKey, staleDays);
    } finally {
      making.delete(person.id);
    }
    if (!made.ok) {
      const own = made.reason === 'report_not_allowed' && made.detail.own ? `\n${message(lang, 'report_own_sites', { commands: made.detail.own.split(' ').map((key) => `/baocao ${made.detail.period ?? typed} ${key}`).join(', ') })}` : '';
      return message(lang, made.reason, made.detail) + own;
    }
    const chatId = String(ctx.chat?.id);
    const caption = (key: string) => message(lang, key, { period: made.period.key });
    await env.queue.call(chatId, () => env.api.sendDocument(chatId, new InputFile(made.files.docx, reportFileName(made.period, made.site, 'docx')), { caption: caption('report_caption_docx') }));
    await env.queue.call(chatId, () => env.api.sendDocument(chatId, new InputFile(made.files.xlsx, reportFileName(made.period, made.site, 'xlsx')), { caption: caption('report_caption_xlsx') }));
    return summary(made, [lang]);
  };
}
