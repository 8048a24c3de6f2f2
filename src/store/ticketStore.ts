import { randomUUID } from 'node:crypto';
import { isTicketChannel, isTicketKind, isTicketState, OPEN_STATES, ticketCode, type DueMove, type SenderContact, type TicketRecord } from '../core/tickets/model.js';
import { decodePublicCursor, encodePublicCursor } from '../core/interactions/publicCursor.js';
import type { PublicTicket, TicketReport, TicketStore } from '../app/tickets/ports.js';
import type { AuditTrail } from './audit.js';
import type { Db } from './client.js';
import { searchable } from '../core/search.js';
import { isUniqueViolation } from './errors.js';
import type { Prisma, Ticket } from './generated/sqlite/client.js';
import { nextCodeNumber } from './items.js';
import { queueMailIn } from './mailRows.js';
import { toInteraction } from './interactionStore.js';

function toTicket(row: Ticket): TicketRecord {
  const { kind, channel, state, lang } = row;
  if (!isTicketKind(kind) || !isTicketChannel(channel) || !isTicketState(state) || (lang !== 'vi' && lang !== 'en')) throw new Error(`database holds an unknown ticket: ${kind}/${channel}/${state}/${lang}`);
  const { searchText: _folded, ...rest } = row;
  return { ...rest, kind, channel, state, lang, senderContact: JSON.parse(row.senderContact) as SenderContact, dueMoves: JSON.parse(row.dueMoves) as DueMove[] };
}

/** Published: a person decided so, with something to show. The one statement of this rule. */
const PUBLIC: Prisma.TicketWhereInput = { publish: true, publicQuestion: { not: null }, publicAnswer: { not: null }, answeredAt: { not: null }, state: { in: ['answered', 'archived'] } };

function toPublic(row: Ticket): PublicTicket {
  const t = toTicket(row);
  return { code: t.code, kind: t.kind, field: t.field, unitSiteId: t.unitSiteId, publicName: t.publicName, subject: t.subject, publicQuestion: t.publicQuestion ?? '', publicAnswer: t.publicAnswer ?? '', receivedAt: t.receivedAt, answeredAt: t.answeredAt ?? t.receivedAt };
}

/** Tickets over Prisma: every step audited with the row it writes. */
export function ticketStore(db: Db, trail: AuditTrail): TicketStore {
  return {
    async takeTicket(input, audit, receipt) {
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await db.$transaction(async (t) => {
            const existing = await t.ticket.findUnique({ where: { dedupeKey: input.dedupeKey } });
            if (existing) return { ticket: toTicket(existing), created: false };
            const { year, senderContact, ...fields } = input;
            const code = ticketCode(input.kind, year, await nextCodeNumber(t, `ticket:${input.kind}`, year));
            const id = randomUUID();
            const row = await t.ticket.create({ data: { ...fields, id, code, state: 'received', senderContact: JSON.stringify(senderContact), updatedAt: input.receivedAt } });
            await trail.append(t, { ...audit, subjectId: id, data: { ...audit.data, code, kind: input.kind, channel: input.channel, due: input.dueAt.toISOString() } });
            const ticket = toTicket(row);
            const mail = receipt?.(ticket);
            if (mail) await queueMailIn(t, mail, audit.at);
            return { ticket, created: true };
          });
        } catch (error) {
          // Two deliveries of one receipt racing: the second finds the first's row on its next try.
          if (attempt >= 3 || !isUniqueViolation(error)) throw error;
        }
      }
    },

    async ticketByCode(code) {
      const row = await db.ticket.findUnique({ where: { code: code.toUpperCase() } });
      return row && toTicket(row);
    },
    async ticketById(id) {
      const row = await db.ticket.findUnique({ where: { id } });
      return row && toTicket(row);
    },
    async ticketByDedupeKey(key) {
      const row = await db.ticket.findUnique({ where: { dedupeKey: key } });
      return row && toTicket(row);
    },

    async updateTicket(id, fromVersion, patch, audit, mails = []) {
      return db.$transaction(async (t) => {
        const { dueMoves, ...rest } = patch;
        const data: Prisma.TicketUpdateManyMutationInput = { ...rest, ...(dueMoves ? { dueMoves: JSON.stringify(dueMoves) } : {}), version: { increment: 1 }, updatedAt: audit.at };
        if (patch.publicQuestion !== undefined || patch.publicAnswer !== undefined) {
          data.searchText = patch.publicQuestion && patch.publicAnswer ? searchableTicket(patch.publicQuestion, patch.publicAnswer) : null;
        }
        const moved = await t.ticket.updateMany({ where: { id, version: fromVersion }, data });
        if (moved.count !== 1) return null;
        for (const mail of mails) await queueMailIn(t, mail, audit.at);
        await trail.append(t, audit);
        return toTicket(await t.ticket.findUniqueOrThrow({ where: { id } }));
      });
    },

    async markTicket(id, marks) {
      await db.ticket.update({ where: { id }, data: marks });
    },

    async listTickets(f) {
      const and: Prisma.TicketWhereInput[] = [];
      if (f.states) and.push({ state: { in: [...f.states] } });
      if (f.assigneeId) and.push({ assigneeId: f.assigneeId });
      if (f.unitSiteId) and.push({ unitSiteId: f.unitSiteId });
      if (f.dueBefore) and.push({ state: { in: [...OPEN_STATES] }, dueAt: { lt: f.dueBefore } });
      if (f.notReminded) and.push({ remindedAt: null });
      if (f.notEscalated) and.push({ escalatedAt: null });
      const rows = await db.ticket.findMany({ where: { AND: and }, orderBy: [{ dueAt: 'asc' }, { receivedAt: 'asc' }], take: f.limit });
      return rows.map(toTicket);
    },

    async unannouncedTickets(limit) {
      const rows = await db.ticket.findMany({ where: { announcedAt: null }, orderBy: { receivedAt: 'asc' }, take: limit });
      return rows.map(toTicket);
    },

    async interactionsAwaitingTicket(since, limit) {
      const turned = await db.interaction.findMany({ where: { state: 'ticket', receivedAt: { gte: since } }, orderBy: { receivedAt: 'asc' }, take: limit, select: { id: true } });
      if (!turned.length) return [];
      const done = new Set((await db.ticket.findMany({ where: { interactionId: { in: turned.map((r) => r.id) } }, select: { interactionId: true } })).map((r) => r.interactionId));
      const waiting = turned.filter((r) => !done.has(r.id)).map((r) => r.id);
      const rows = await db.interaction.findMany({ where: { id: { in: waiting } } });
      return rows.map(toInteraction);
    },

    async addTicketMessage(m) {
      try {
        await db.ticketMessage.create({ data: { ...m, id: randomUUID() } });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
    async ticketMessages(ticketId) {
      const rows = await db.ticketMessage.findMany({ where: { ticketId }, orderBy: { at: 'asc' } });
      return rows.map((r) => ({ ...r, direction: r.direction === 'out' ? ('out' as const) : ('in' as const) }));
    },

    async publicTickets(q) {
      const and: Prisma.TicketWhereInput[] = [PUBLIC];
      for (const word of q.words ?? []) and.push({ searchText: { contains: word } });
      if (q.field) and.push({ field: q.field });
      if (q.unitSiteId) and.push({ unitSiteId: q.unitSiteId });
      const after = decodePublicCursor(q.cursor);
      if (after) and.push({ OR: [{ answeredAt: { lt: after.at } }, { answeredAt: after.at, id: { lt: after.id } }] });
      const rows = await db.ticket.findMany({ where: { AND: and }, orderBy: [{ answeredAt: 'desc' }, { id: 'desc' }], take: q.limit + 1 });
      const page = rows.slice(0, q.limit);
      const last = page[page.length - 1];
      return { rows: page.map(toPublic), next: rows.length > q.limit && last?.answeredAt ? encodePublicCursor(last.answeredAt, last.id) : null };
    },
    async publicTicket(code) {
      const row = await db.ticket.findFirst({ where: { AND: [PUBLIC, { code: code.toUpperCase() }] } });
      return row && toPublic(row);
    },

    async ticketReport({ from, to, now, siteIds }) {
      const where: Prisma.TicketWhereInput = { receivedAt: { gte: from, lt: to }, ...(siteIds ? { OR: [{ siteId: { in: [...siteIds] } }, { unitSiteId: { in: [...siteIds] } }] } : {}) };
      // Everything is counted by the database: one grouping gives the totals by state, channel, kind and
      // unit (a few hundred groups at most), three give timeliness per unit. Reading the period's rows
      // instead grows with the period: with an index on receivedAt, a year of 50 000 tickets took 2.0 s
      // that way against 0.7 s counted here (bench/tickets.ts). Without that index every query scans.
      const due = db.ticket.fields.dueAt;
      const perUnit = async (extra: Prisma.TicketWhereInput) =>
        (await db.ticket.groupBy({ by: ['unitSiteId'], where: { AND: [where, extra] }, _count: { _all: true } })).map((g) => ({ unit: g.unitSiteId, n: g._count._all }));
      const [groups, onTime, late, overdue] = await Promise.all([
        db.ticket.groupBy({ by: ['state', 'channel', 'kind', 'unitSiteId'], where, _count: { _all: true } }),
        perUnit({ answeredAt: { not: null }, OR: [{ dueAt: null }, { answeredAt: { lte: due } }] }),
        perUnit({ answeredAt: { gt: due } }),
        perUnit({ answeredAt: null, state: { in: [...OPEN_STATES] }, dueAt: { lt: now } }),
      ]);
      const byState: Record<string, number> = {};
      const byChannel: Record<string, number> = {};
      const byKind: Record<string, number> = {};
      const units = new Map<string | null, TicketReport['byUnit'][number]>();
      const unitOf = (id: string | null) => {
        let unit = units.get(id);
        if (!unit) units.set(id, (unit = { unitSiteId: id, count: 0, onTime: 0, late: 0, overdue: 0 }));
        return unit;
      };
      let total = 0;
      for (const g of groups) {
        const n = g._count._all;
        total += n;
        byState[g.state] = (byState[g.state] ?? 0) + n;
        byChannel[g.channel] = (byChannel[g.channel] ?? 0) + n;
        byKind[g.kind] = (byKind[g.kind] ?? 0) + n;
        unitOf(g.unitSiteId).count += n;
      }
      const totals = { onTime: 0, late: 0, overdue: 0 };
      for (const [field, rows] of [['onTime', onTime], ['late', late], ['overdue', overdue]] as const) {
        for (const { unit, n } of rows) {
          unitOf(unit)[field] += n;
          totals[field] += n;
        }
      }
      return { total, byState, byChannel, byKind, byUnit: [...units.values()], ...totals };
    },
  };
}

/** Folded question and answer, as the public search reads them. */
function searchableTicket(question: string, answer: string): string {
  return searchable(`${question}\n${answer}`);
}
