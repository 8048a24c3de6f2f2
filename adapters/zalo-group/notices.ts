import { openOutcomeCursor, outcomeText, untoldOutcomes } from '../../src/app/submitters.js';
import type { Deps } from '../../src/app/deps.js';
import { PLATFORM, type ZaloDeskEnv } from './env.js';
import { quoteFrom } from './mapping.js';

const CURSOR = 'zalo-group:outcomes';

/** From the first start on, every outcome is told (after restarts too). */
export const openNotices = (deps: Deps) => openOutcomeCursor(deps, CURSOR);

/**
 * Tells senders in their group how their submissions ended, quoting what they sent. Decisions are
 * read from the audit trail in order, so one made on Telegram, on Zalo, or by the clock is told
 * once, after a restart too. A send Zalo asks to slow down for is tried again at the next run.
 */
export async function tellOutcomes(env: ZaloDeskEnv): Promise<number> {
  const { notices, told, done } = await untoldOutcomes(env.deps, PLATFORM, CURSOR);
  let sent = 0;
  for (const notice of notices) {
    const text = outcomeText(notice, env.portalBaseUrl);
    const chat = notice.submission.chatId;
    let result = await env.say(chat, text, quoteFrom(notice.submission.replyRef));
    // The quoted message may be gone (recalled, too old): the notice goes out without the quote.
    if (result.kind === 'rejected') result = await env.say(chat, text);
    if (result.kind === 'retryLater') return sent;
    if (result.kind === 'sent') sent += 1;
    else env.log.error({ code: notice.code, outcome: notice.outcome, result }, 'sender not told of the outcome');
    await told(notice);
  }
  await done();
  return sent;
}
