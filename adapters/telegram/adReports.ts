import { message } from '../../src/core/messages.js';
import { visibleText } from '../../src/core/names.js';
import type { DeskEnv } from './cards.js';

/** Reports told per run: one message, inside Telegram's 4,096 characters. */
const PER_MESSAGE = 8;

/**
 * Readers' "report this ad" reaching the editorial chat: one message for what came in since the last
 * run, each report with the command that takes the ad down. Marked told once Telegram took the message;
 * a crash between the two tells them again rather than never.
 */
export async function tellAdReports(env: Pick<DeskEnv, 'deps' | 'api' | 'queue' | 'editorialChat'>): Promise<number> {
  const { deps, editorialChat } = env;
  if (editorialChat === null) return 0;
  const reports = await deps.store.untoldAdReports(PER_MESSAGE);
  if (reports.length === 0) return 0;
  const lines: string[] = [];
  for (const r of reports) {
    const ad = await deps.store.adById(r.adId);
    const detail = { code: ad?.code ?? r.adId, alt: visibleText(ad?.alt ?? ''), reason: visibleText(r.reason).slice(0, 400) };
    lines.push(`${message('vi', 'ad_reported', detail)}\n${message('en', 'ad_reported', detail)}`);
  }
  await env.queue.call(editorialChat, () => env.api.sendMessage(editorialChat, lines.join('\n\n')));
  await deps.store.markAdReportsTold(reports.map((r) => r.id), deps.clock());
  return reports.length;
}
