import { mergedNoticeText, tellWithinBudget, type NoticeSend } from '../../src/app/budgetedNotices.js';
import { openOutcomeCursor, outcomeText } from '../../src/app/submitters.js';
import type { Deps } from '../../src/app/deps.js';
import { PLATFORM, type ZaloDeskEnv } from './env.js';
import type { SendResult } from './gateway.js';
import { quoteFrom } from './mapping.js';

const CURSOR = 'zalo-group:outcomes';

/** From the first start on, every outcome is told (after restarts too). */
export const openNotices = (deps: Deps) => openOutcomeCursor(deps, CURSOR);

/** A send Zalo asks to slow down for, or the budget has no room for, is tried again at a later run. */
const sorted = (result: SendResult): NoticeSend => (result.kind === 'sent' ? 'sent' : result.kind === 'retryLater' ? 'later' : 'failed');

/**
 * Tells senders in their group how their submissions ended. Decisions are read from the audit trail
 * in order, so one made on Telegram, on Zalo, or by the clock is told once, after a restart too. Each
 * notice quotes what the sender sent; when the account's send budget is tight, the notices owed to a
 * group go as one message (src/app/budgetedNotices.ts), and when it is spent they wait for room.
 */
export function tellOutcomes(env: ZaloDeskEnv): Promise<number> {
  return tellWithinBudget(env.deps, {
    cursorKey: CURSOR,
    channel: PLATFORM,
    budget: env.budget,
    async sendOne(notice) {
      const text = outcomeText(notice, env.portalBaseUrl);
      const chat = notice.submission.chatId;
      let result = await env.tell(chat, text, quoteFrom(notice.submission.replyRef));
      // The quoted message may be gone (recalled, too old): the notice goes out without the quote.
      if (result.kind === 'rejected') result = await env.tell(chat, text);
      if (result.kind !== 'sent' && result.kind !== 'retryLater') env.log.error({ code: notice.code, outcome: notice.outcome, result }, 'sender not told of the outcome');
      return sorted(result);
    },
    async sendMerged(chatId, notices) {
      const result = await env.tell(chatId, mergedNoticeText(notices, env.portalBaseUrl));
      if (result.kind !== 'sent' && result.kind !== 'retryLater') env.log.error({ codes: notices.map((n) => n.code), result }, 'senders not told of the outcomes');
      else if (result.kind === 'sent') env.log.info({ chat: chatId, codes: notices.map((n) => n.code) }, 'Zalo notices merged into one message (send budget tight)');
      return sorted(result);
    },
  });
}
