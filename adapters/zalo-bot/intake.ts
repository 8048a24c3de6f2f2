import { submit } from '../../src/app/intake.js';
import { mergedNoticeText, tellWithinBudget, type NoticeSend } from '../../src/app/budgetedNotices.js';
import { openOutcomeCursor, outcomeText } from '../../src/app/submitters.js';
import type { BudgetStatus } from '../../src/core/sendBudget.js';
import type { Deps } from '../../src/app/deps.js';
import { fetchChatFiles } from '../../src/app/chatAttachments.js';
import { PLATFORM, type BotSendResult, type ZaloBotEnv } from './env.js';
import type { BotEvent } from './mapping.js';

const CURSOR = 'zalo-bot:outcomes';

/** From the first start on, every outcome is told (after restarts too). */
export const openBotNotices = (deps: Deps) => openOutcomeCursor(deps, CURSOR);

/** One submission from a sender's messages that came together; media problems are told, the rest is kept. */
export async function takeBotBatch(env: ZaloBotEnv, siteId: string, parts: BotEvent[]): Promise<void> {
  const first = parts[0]!;
  const { deps } = env;
  const now = deps.clock();
  const files = parts.flatMap((p) => (p.photoUrl ? [{ url: p.photoUrl, name: `photo-${p.messageId}.jpg`, kind: 'photo', messageId: p.messageId, from: p.from, chat: p.chatId }] : []));
  const { attachments, problems } = await fetchChatFiles(files, env.media, env.download, now, env.log);
  const person = await deps.store.personByIdentity(PLATFORM, first.from);
  const { submission, created } = await submit(deps, {
    siteId,
    channel: PLATFORM,
    chatId: first.chatId,
    messageIds: parts.map((p) => p.messageId),
    senderPlatformId: first.from,
    senderName: first.name,
    senderPersonId: person?.id ?? null,
    receivedAt: first.at,
    rawText: parts.map((p) => p.text.trim()).filter((t) => t !== '').join('\n\n'),
    attachments,
    replyRef: null,
  });
  if (!created) return;
  const code = submission.code ?? '?';
  await env.acknowledge();
  for (const problem of problems) await env.reply(first.chatId, problem.text(code));
  env.hooks.submitted(submission);
}

/** A send the platform asks to slow down for, the budget has no room for, or a refused token stopped, is tried again at a later run. */
const sorted = (result: BotSendResult): NoticeSend => (result.kind === 'sent' ? 'sent' : result.kind === 'retryLater' || result.kind === 'needsReauth' ? 'later' : 'failed');

/**
 * Tells senders, in the chat they wrote from, that their submission arrived and how it ended. Read from
 * the audit trail in order, so a decision taken anywhere is told once, after a restart too. When the
 * send budget is tight the notices owed to one chat go as one message; when it is spent, or the
 * platform answers 429, they stay owed for a later run (src/app/budgetedNotices.ts).
 */
export function tellBotOutcomes(env: ZaloBotEnv, budget: { status(): Promise<BudgetStatus> }): Promise<number> {
  return tellWithinBudget(env.deps, {
    cursorKey: CURSOR,
    channel: PLATFORM,
    budget,
    async sendOne(notice) {
      const result = await env.say(notice.submission.chatId, outcomeText(notice, env.portalBaseUrl));
      if (sorted(result) === 'failed') env.log.error({ code: notice.code, outcome: notice.outcome, result }, 'Zalo Bot sender not told of the outcome');
      return sorted(result);
    },
    async sendMerged(chatId, notices) {
      const result = await env.say(chatId, mergedNoticeText(notices, env.portalBaseUrl));
      if (sorted(result) === 'failed') env.log.error({ codes: notices.map((n) => n.code), result }, 'Zalo Bot senders not told of the outcomes');
      return sorted(result);
    },
  });
}
