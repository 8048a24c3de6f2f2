import { InputFile } from 'grammy';
import { message, type Lang } from '../../src/core/messages.js';
import type { MadeReport, ReportSender } from '../../src/app/reports/calendar.js';
import { reportFileName, reportOnDemand } from '../../src/app/reports/onDemand.js';
import type { ReportWriter } from '../../src/app/reports/ports.js';
import { reportText } from '../../src/app/reports/text.js';
import type { DeskEnv } from './cards.js';
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
 * The report's Word file and spreadsheet, then its text, in one chat. The files go first: the send is marked before
 * it goes (never doubled), so a crash part-way leaves the files without their summary rather than a summary naming
 * files that never came; both are in the store (`/baocao` sends them again).
 */
async function post(env: DeskEnv, chatId: string, r: Pick<MadeReport, 'period' | 'site' | 'figures' | 'files'>, head: string): Promise<void> {
  const caption = (key: string) => `${message('vi', key, { period: r.period.key })} / ${message('en', key, { period: r.period.key })}`;
  await env.queue.call(chatId, () => env.api.sendDocument(chatId, new InputFile(r.files.docx, reportFileName(r.period, r.site, 'docx')), { caption: caption('report_caption_docx') }));
  await env.queue.call(chatId, () => env.api.sendDocument(chatId, new InputFile(r.files.xlsx, reportFileName(r.period, r.site, 'xlsx')), { caption: caption('report_caption_xlsx') }));
  await env.queue.call(chatId, () => env.api.sendMessage(chatId, `${head}\n${summary(r, ['vi', 'en'])}`));
}

/**
 * Where the calendar's reports go on Telegram (issue 20.8): the province's to the editorial chat (the board's and
 * the standing agency's), a component site's to its own groups (TELEGRAM_INTAKE_CHATS naming its key).
 */
export function telegramReportSender(env: DeskEnv, intakeChats: readonly { chatId: string; siteKey: string | null }[]): ReportSender {
  return async (report) => {
    const chats = report.site ? intakeChats.filter((c) => c.siteKey === report.site?.key).map((c) => c.chatId) : env.editorialChat ? [env.editorialChat] : [];
    if (chats.length === 0) return 'noChat';
    const head = `${message('vi', 'report_scheduled_head')} / ${message('en', 'report_scheduled_head')}`;
    for (const chatId of chats) await post(env, chatId, report, head);
    return 'sent';
  };
}

/**
 * `/baocao 2026-Q3 [site]` (English `/report`): a period's report made now for a person whose role covers the scope,
 * in a private chat with the bot or in the editorial chat.
 */
export function reportCommand(maker: ReportWriter, staleDays: number): Handler {
  return async (env, ctx, args, { person, lang }) => {
    if (!person) return message(lang, 'not_linked');
    const inDesk = ctx.chat?.type === 'private' || (env.editorialChat !== null && String(ctx.chat?.id) === env.editorialChat);
    if (!inDesk) return message(lang, 'report_private_only');
    const [typed, siteKey, ...rest] = args.trim().split(/\s+/).filter((w) => w !== '');
    if (!typed || rest.length > 0) return message(lang, 'report_usage');
    const made = await reportOnDemand(env.deps, maker, person.id, typed, siteKey ?? null, staleDays);
    if (!made.ok) return message(lang, made.reason, made.detail);
    const chatId = String(ctx.chat?.id);
    const caption = (key: string) => message(lang, key, { period: made.period.key });
    await env.queue.call(chatId, () => env.api.sendDocument(chatId, new InputFile(made.files.docx, reportFileName(made.period, made.site, 'docx')), { caption: caption('report_caption_docx') }));
    await env.queue.call(chatId, () => env.api.sendDocument(chatId, new InputFile(made.files.xlsx, reportFileName(made.period, made.site, 'xlsx')), { caption: caption('report_caption_xlsx') }));
    return summary(made, [lang]);
  };
}
