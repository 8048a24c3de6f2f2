import { weeklyDue } from '../core/dates.js';
import type { Deps } from './deps.js';

/** Weekly lists go out from Monday 08:00 in the province, once per week. */
const FROM_HOUR = 8;
const SENT = 1;
const NOT_SENT = 0;

/**
 * Sends the week's messages once: `marker` names the week's mark for this chat. The week is marked before the
 * messages go: a crash in between loses one week's list (the next week's says it again), where marking after
 * could send it twice. `send` says whether the platform took a message; the first it did not take ends the run,
 * and when none went out the week is open again for the next run. Returns how many went.
 */
export async function onceAWeek<T>(deps: Deps, marker: (monday: string) => string, due: () => Promise<readonly T[]>, send: (message: T) => Promise<boolean>): Promise<number> {
  const monday = weeklyDue(deps.clock(), deps.timeZone, FROM_HOUR);
  if (monday === null || (await deps.store.chatCursor(marker(monday))) === SENT) return 0;
  const messages = await due();
  await deps.store.setChatCursor(marker(monday), SENT);
  let sent = 0;
  try {
    for (const m of messages) {
      if (!(await send(m))) break;
      sent += 1;
    }
  } finally {
    // Nothing went out: the week is open again. Once one message went, the week stays marked (nothing twice).
    if (sent === 0 && messages.length > 0) await deps.store.setChatCursor(marker(monday), NOT_SENT);
  }
  return sent;
}
