/** How long something the bot sent but has not yet recorded is waited for: its row is written once Telegram took the message. */
export const RECORDED_WITHIN_MS = 2000;

/**
 * Reads what a press or a reply names (a card, a notice's submission). The row is written right after
 * Telegram answers the send, and a quick press or reply on a loaded machine can arrive first (seen in
 * CI). Only a message sent moments ago (`sentAt`, Telegram's seconds) is waited for: updates are handled
 * one at a time, and one naming a row that will never exist must not hold the desk.
 */
export async function onceRecorded<T>(sentAt: number | undefined, read: () => Promise<T | null | undefined>): Promise<T | null | undefined> {
  const began = Date.now();
  const fresh = sentAt !== undefined && began - sentAt * 1000 < RECORDED_WITHIN_MS + 5000;
  for (;;) {
    const found = await read();
    if (found || !fresh || Date.now() - began >= RECORDED_WITHIN_MS) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
