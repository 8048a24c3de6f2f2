import type { TicketEnv } from './env.js';
import { receiveTicket } from './receive.js';

/** Interactions older than this that still wait are left to a person (the desk's list shows them). */
const LOOK_BACK_MS = 90 * 86_400_000;

/**
 * A comment or message a moderator turned into a question becomes a ticket: the sender as the platform
 * named them, the text as written, answered later back where it was written. Keyed by the interaction,
 * so a crash between the decision and this step, or two workers, make one ticket.
 */
export async function ticketsFromInteractions(env: TicketEnv): Promise<number> {
  const { deps } = env;
  const waiting = await deps.store.interactionsAwaitingTicket(new Date(deps.clock().getTime() - LOOK_BACK_MS), 50);
  let made = 0;
  for (const i of waiting) {
    const r = await receiveTicket(env, {
      kind: 'question',
      channel: 'interaction',
      dedupeKey: `interaction:${i.id}`,
      siteId: i.siteId,
      subject: i.code,
      question: i.text.trim() || '—',
      senderName: i.authorName?.trim() || '—',
      receivedById: i.decidedById,
      reference: `${i.source}:${i.externalId}`,
      interactionId: i.id,
      receivedAt: i.receivedAt,
    });
    if (r.ok && r.value.created) made += 1;
  }
  return made;
}
