import { bilingual, message } from '../../core/messages.js';
import { dueAfterWorkingDays } from '../../core/tickets/calendar.js';
import { OPEN_STATES } from '../../core/tickets/model.js';
import type { TicketEnv } from './env.js';
import { answerLink } from './links.js';
import { dueDay } from './receive.js';

const BATCH = 200;

/**
 * Before the answer date, the assignee is reminded once (in chat, else by mail with their link);
 * past it, the standing deputy heads of the receiving site are told once, and that is on record.
 */
export async function remindAndEscalate(env: TicketEnv): Promise<{ reminded: number; escalated: number }> {
  const { deps } = env;
  const now = deps.clock();
  const calendar = await env.calendar();
  // A ticket due before the end of the reminder window's last working day is reminded now.
  const horizon = dueAfterWorkingDays(now, env.settings.remindWorkingDays, calendar, deps.timeZone);
  let reminded = 0;
  let escalated = 0;

  for (const t of await deps.store.listTickets({ states: OPEN_STATES, dueBefore: horizon, notReminded: true, limit: BATCH })) {
    if (!t.assigneeId || !t.dueAt || t.dueAt.getTime() <= now.getTime()) continue;
    const person = await deps.store.personById(t.assigneeId);
    if (!person) continue;
    const expiresMs = now.getTime() + env.settings.linkDays * 86_400_000;
    const detail = { code: t.code, due: dueDay(t.dueAt, deps.timeZone), link: answerLink(env, t.code, person.id, expiresMs) };
    const text = message(person.lang, 'ticket_remind', detail);
    const reached = env.notifier ? await env.notifier.toPerson(person.id, text) : false;
    if (!reached && person.email) await deps.store.queueMail({ purpose: `ticket:${t.code}:remind:${t.dueAt.toISOString()}`, to: person.email, subject: `[${t.code}] ${message(person.lang, 'ticket_remind', { ...detail, link: '' }).trim()}`, text }, now);
    await deps.store.markTicket(t.id, { remindedAt: now });
    reminded += 1;
  }

  for (const t of await deps.store.listTickets({ dueBefore: now, notEscalated: true, limit: BATCH })) {
    const [unit, person] = await Promise.all([t.unitSiteId ? deps.store.siteById(t.unitSiteId) : null, t.assigneeId ? deps.store.personById(t.assigneeId) : null]);
    // On record first, written against the version read: two workers racing escalate once.
    const written = await deps.store.updateTicket(t.id, t.version, { escalatedAt: now }, { at: now, actorId: null, action: 'ticket_escalated', subjectType: 'ticket', subjectId: t.id, data: { code: t.code, due: t.dueAt?.toISOString() ?? null } });
    if (!written) continue;
    const text = bilingual('ticket_escalate', { code: t.code, unit: unit?.nameVi ?? '—', person: person?.displayName ?? '—', due: t.dueAt ? dueDay(t.dueAt, deps.timeZone) : '' });
    if (env.notifier) await env.notifier.toDeputies(t.siteId, text);
    escalated += 1;
  }
  return { reminded, escalated };
}
