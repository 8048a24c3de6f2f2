import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { endOfDay } from '../core/dates.js';
import { NEWS_BY_HAND_CHANNELS, logNewsByHand } from '../app/manualIntake.js';
import { fail, personId, withStore } from './common.js';

interface SubmitOptions {
  channel: string;
  reference: string;
  title: string;
  body: string;
  by?: string;
  site?: string;
  received?: string;
}

/**
 * News received on paper, through the document system or in person, typed in at the terminal: the same
 * use case as `/nhap` in chat. `--body -` reads the body from standard input (a scanned letter's text, say).
 */
export function addSubmitCommand(program: Command): void {
  program
    .command('submit')
    .description('Nhập tin nhận qua bưu chính, hệ thống văn bản hoặc trực tiếp (kèm số văn bản) / log a news item received on paper, through the document system or in person')
    .requiredOption('--channel <channel>', NEWS_BY_HAND_CHANNELS.join(' | '))
    .requiredOption('--reference <ref>', 'số, ký hiệu văn bản hoặc số vào sổ / the letter’s reference number')
    .requiredOption('--title <title>', 'tiêu đề / title')
    .requiredOption('--body <text>', 'nội dung (“-”: đọc từ đầu vào chuẩn) / body (“-”: read from standard input)')
    .option('--by <person>', 'cán bộ nhập tin (mã hoặc thư điện tử; mặc định: --as) / the staff member who logs it (id or e-mail; default: --as)')
    .option('--site <key>', 'trang nhận tin (mặc định: trang cấp tỉnh) / receiving site (default: the province site)')
    .option('--received <date>', 'ngày nhận, dd/mm/yyyy (mặc định: hôm nay) / day received (default: today)')
    .action(async (o: SubmitOptions, command: Command) =>
      withStore(async (deps) => {
        const by = o.by ?? (command.optsWithGlobals() as { as?: string }).as;
        if (!by) return fail({ ok: false, reason: 'unknown_person', detail: { person: '--by' } });
        const body = o.body === '-' ? readFileSync(0, 'utf8') : o.body;
        // A day typed in is the letter's day: the end of it would be tomorrow, so the day's start is kept.
        const receivedAt = o.received ? endOfDay(o.received, deps.timeZone) : null;
        if (o.received && !receivedAt) return fail({ ok: false, reason: 'tdesk_bad_date', detail: { date: o.received } });
        const done = await logNewsByHand(deps, {
          channel: o.channel, reference: o.reference, title: o.title, body, loggedById: await personId(deps, by), siteKey: o.site ?? null,
          ...(receivedAt ? { receivedAt: new Date(receivedAt.getTime() - 86_400_000) } : {}),
        });
        if (!done.ok) return fail(done);
        const { submission, created } = done.value;
        console.log(created ? `${submission.code}\nĐã nhập tin / logged: ${submission.code} (${submission.channel}, ${o.reference.trim()})` : `${submission.code}\nĐã nhập trước đó / logged already: ${submission.code}`);
      }),
    );
}
