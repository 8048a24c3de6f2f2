import { grantActive } from '../../core/grants.js';
import { MODERATOR_ROLES } from '../../core/interactions/model.js';
import { message } from '../../core/messages.js';
import { ok, refuse, type Outcome } from '../../core/result.js';
import { checkAnswerToken } from '../../core/tickets/links.js';
import { stepTicket, type TicketCommand, type TicketRecord } from '../../core/tickets/model.js';
import { publicNameOf, withoutSenderData } from '../../core/tickets/privacy.js';
import type { Deps } from '../deps.js';
import type { TicketEnv } from './env.js';
import { answerOnPlatform, answerRoute, replyPlatform, assigneeNotice, senderMail, type AssigneeNotice } from './notices.js';
import type { MailToSend } from '../mail/ports.js';
import type { TicketPatch } from './ports.js';

/** Who acts: a person at the desk, or an assignee through their signed answer link. */
export type TicketActor = { kind: 'person'; personId: string } | { kind: 'link'; personId: string; token: string };

/** Desk roles on the receiving site or the handling unit, or on the root site. */
export async function mayHandleTickets(deps: Deps, personId: string, ticket: Pick<TicketRecord, 'siteId' | 'unitSiteId'> | null): Promise<boolean> {
  const grants = await deps.store.grantsOf(personId);
  const now = deps.clock();
  const roots = (await deps.store.sites()).filter((s) => s.parentId === null).map((s) => s.id);
  const sites = new Set([...roots, ...(ticket ? [ticket.siteId, ticket.unitSiteId].filter((s): s is string => s !== null) : [])]);
  return grants.some((g) => g.personId === personId && sites.has(g.siteId) && MODERATOR_ROLES.includes(g.role) && grantActive(g, now));
}

const AUDIT: Record<TicketCommand['type'], string> = {
  verify: 'ticket_verified',
  assign: 'ticket_assigned',
  moveDue: 'ticket_due_moved',
  answer: 'ticket_answered',
  decide: 'ticket_publish_decided',
  archive: 'ticket_archived',
  decline: 'ticket_declined',
};

/**
 * One step of the five, taken by a person at the desk (or by the assignee through their link: answer only),
 * written against the version they saw, audited, and followed by what the step owes people: the sender told
 * of an answer, a refusal or a moved date by the channel it came from; the assignee told of the assignment.
 */
export async function actOnTicket(env: TicketEnv, actor: TicketActor, code: string, command: TicketCommand, seenVersion?: number): Promise<Outcome<TicketRecord>> {
  const { deps } = env;
  const ticket = await deps.store.ticketByCode(code);
  if (!ticket) return refuse('ticket_unknown', { code: code.toUpperCase() });
  const now = deps.clock();
  if (actor.kind === 'link') {
    const checked = checkAnswerToken(env.linkKey, ticket.code, actor.personId, actor.token, now.getTime());
    if (!checked.ok) return refuse(checked.reason);
    if (command.type !== 'answer' || ticket.assigneeId !== actor.personId) return refuse('ticket_not_assignee', { code: ticket.code });
  } else if (!(await mayHandleTickets(deps, actor.personId, ticket))) {
    return refuse('not_authorised');
  }
  if (seenVersion !== undefined && seenVersion !== ticket.version) return refuse('ticket_stale', { code: ticket.code });
  const step = stepTicket(ticket, command, now);
  if (!step.ok) return refuse(step.reason, { code: ticket.code, state: message(ticket.lang, `ticket_state_${ticket.state}`) });

  const patch: TicketPatch = { state: step.state, announcedAt: null };
  const data: Record<string, unknown> = { code: ticket.code, from: ticket.state, to: step.state };
  switch (command.type) {
    case 'verify':
      patch.verifiedAt = now;
      break;
    case 'assign': {
      const [unit, person] = await Promise.all([deps.store.siteById(command.unitSiteId), deps.store.personById(command.assigneeId)]);
      if (!unit) return refuse('ticket_unknown_unit', { site: command.unitSiteId });
      if (!person) return refuse('unknown_person', { person: command.assigneeId });
      Object.assign(patch, { unitSiteId: unit.id, assigneeId: person.id, assignedAt: now, dueAt: command.dueAt, remindedAt: null });
      Object.assign(data, { unit: unit.key, assignee: person.id, due: command.dueAt.toISOString() });
      break;
    }
    case 'moveDue':
      patch.dueAt = command.dueAt;
      patch.remindedAt = null;
      patch.dueMoves = [...ticket.dueMoves, { from: ticket.dueAt?.toISOString() ?? null, to: command.dueAt.toISOString(), reason: command.reason.trim(), at: now.toISOString() }];
      Object.assign(data, { due: command.dueAt.toISOString(), reason: command.reason.trim() });
      break;
    case 'answer':
      Object.assign(patch, { answerText: command.text.trim(), answeredById: actor.personId, answeredAt: now });
      data.via = actor.kind;
      break;
    case 'decide': {
      const published = command.publish;
      const sender = { name: ticket.senderName, email: ticket.senderEmail, ...ticket.senderContact };
      Object.assign(patch, {
        publish: published,
        publishReason: command.reason.trim(),
        decidedById: actor.personId,
        decidedAt: now,
        publicName: published ? publicNameOf(ticket.senderName, env.settings.publicName) : null,
        publicQuestion: published ? withoutSenderData(ticket.question, sender) : null,
        publicAnswer: published ? withoutSenderData(ticket.answerText ?? '', sender) : null,
      });
      Object.assign(data, { publish: published, reason: command.reason.trim() });
      break;
    }
    case 'archive':
      patch.archivedAt = now;
      break;
    case 'decline':
      patch.declinedReason = command.reason.trim();
      data.reason = command.reason.trim();
      break;
  }
  // What the step owes people by mail is built from the ticket as the step leaves it and queued in the same
  // transaction: a crash cannot keep the step and lose the mail (nor send a mail for a step not taken).
  const after: TicketRecord = { ...ticket, ...patch, version: ticket.version + 1 } as TicketRecord;
  const mails: MailToSend[] = [];
  if (command.type === 'answer' || command.type === 'decline' || command.type === 'moveDue') {
    const mail = senderMail(env, after, command.type);
    if (mail) mails.push(mail);
  }
  if (command.type === 'answer') patch.answerSentVia = answerRoute(after, await replyPlatform(env, after));
  let assignee: AssigneeNotice | null = null;
  let inChat = false;
  if (command.type === 'assign' && after.assigneeId) {
    const [person, unit] = await Promise.all([deps.store.personById(after.assigneeId), after.unitSiteId ? deps.store.siteById(after.unitSiteId) : null]);
    if (person) {
      assignee = assigneeNotice(env, after, person, unit);
      // One the chat can reach hears there; anyone else is mailed their link with the step.
      inChat = Boolean(env.notifier) && (await deps.store.identityOf(person.id, 'telegram')) !== null;
      if (!inChat && assignee.mail) mails.push(assignee.mail);
    }
  }
  const written = await deps.store.updateTicket(ticket.id, ticket.version, patch, { at: now, actorId: actor.personId, action: AUDIT[command.type], subjectType: 'ticket', subjectId: ticket.id, data }, mails);
  if (!written) return refuse('ticket_stale', { code: ticket.code });

  if (command.type === 'answer') await answerOnPlatform(env, written, actor.personId);
  if (assignee && inChat && written.assigneeId && env.notifier) {
    const reached = await env.notifier.toPerson(written.assigneeId, assignee.chatText);
    if (!reached && assignee.mail) await deps.store.queueMail(assignee.mail, deps.clock());
  }
  return ok(written);
}
