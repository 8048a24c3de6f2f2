import { documentStore } from './documentStore.js';
import { randomUUID } from 'node:crypto';
import { auditMac } from '../core/audit.js';
import { availableParallelism } from 'node:os';
import type { AuditEntry, GrantRecord, Store, SubmissionRecord } from '../app/ports.js';
import type { AuditKeys } from '../core/audit.js';
import { coverDecisions } from '../core/auditContent.js';
import { auditTrail } from './audit.js';
import { verifyAudit } from './auditVerify.js';
import { keyAuditTrail } from './auditUpgrade.js';
import { deskStore } from './desk.js';
import { portalStore } from './portal.js';
import { outboxStore } from './outbox.js';
import { chatStore } from './chat.js';
import { inboxStore } from './inboxStore.js';
import { leaseStore } from './lease.js';
import { openClient, type QueryObserver } from './client.js';
import { isUniqueViolation, isUniqueViolationOn } from './errors.js';
import { allocateCode, applyDecision, insertItem, loadItem } from './items.js';
import { asRole, asStep, emailKeyOf, ITEM_INCLUDE, toDelegation, toGrant, toItem, toPerson, toSubmission } from './mapping.js';
import { sealedStore } from './sealed.js';
import { interactionStore } from './interactionStore.js';
import { ticketStore } from './ticketStore.js';
import { calendarStore } from './calendarStore.js';
import { royaltyFrameStore } from './royaltyFrameStore.js';
import { royaltySheetStore } from './royaltySheetStore.js';
import { revenueStore } from './revenueStore.js';
import { adStore } from './adStore.js';
import { analyticsStore } from './analyticsStore.js';
import { reportStore } from './reportStore.js';
import { reportActivityStore } from './reportActivityStore.js';
import { uptimeStore } from './uptimeStore.js';
import { reportRunStore } from './reportRunStore.js';
import { workRoyaltyStore } from './workRoyaltyStore.js';
import { mailStore } from './mailStore.js';
import { consultationStore } from './consultationStore.js';
import { changeLogStore } from './changeLog.js';
import { databaseSearchEngine, searchStore } from './search/index.js';
import { Gate } from '../core/gate.js';

/**
 * Searches running at once in one process. SQLite's worker takes one at a time (the next waits ready);
 * PostgreSQL runs each in a server process of its own, at the machine's normal priority: half the cores
 * at most, so the pages everyone else reads keep the rest (two at once on two cores put the cached
 * home's p99 at 2.7x its calm figure).
 */
export const searchesRunning = (provider: 'sqlite' | 'postgresql') => (provider === 'sqlite' ? 2 : Math.max(1, Math.floor(availableParallelism() / 2)));
/**
 * While searches queue, PostgreSQL's place rests as long as each search took before the next begins: a
 * server process cannot be given a lower priority from here (SQLite's worker thread is, at nice 10), so a
 * flood of searches gets half of one core and the pages everyone else reads keep the rest.
 */
export const searchRestShare = (provider: 'sqlite' | 'postgresql') => (provider === 'sqlite' ? 0 : 1);
/** Searches waiting their turn before the next is answered "busy". */
export const SEARCH_QUEUE = 32;
import { bulkStore } from './bulkPublications.js';
import { providerOf } from './url.js';

/** Rolls a transaction back with a value the caller expected (not a bug). */
class Refusal<R> extends Error {
  constructor(readonly refusal: R) {
    super('refused');
  }
}

/** Retries a transaction that lost a first-insert race (tracking-code counters of a new year). */
async function withRaceRetry<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= 3 || !isUniqueViolation(error)) throw error;
    }
  }
}

/** The store port over Prisma, for SQLite or PostgreSQL as the URL says. */
export function createPrismaStore(url: string, keys: AuditKeys, options: { observe?: QueryObserver } = {}): Store {
  const db = openClient(url, options.observe ?? null);
  const trail = auditTrail(keys);
  const tx = db.$transaction.bind(db);
  const running = searchesRunning(providerOf(url));
  const { closeSearch, ...search } = searchStore(db, databaseSearchEngine(url, db, running, running + SEARCH_QUEUE), new Gate(running, SEARCH_QUEUE), searchRestShare(providerOf(url)));

  const store: Store = {
    async ping() {
      await db.auditHead.findUnique({ where: { id: 1 } });
    },
    async close() {
      await closeSearch();
      await db.$disconnect();
    },

    async createSite(site, audit) {
      return tx(async (t) => {
        // Its creation is the portal's clock's, as the trail's: the reports owed start from it (src/app/reports/calendar.ts).
        const row = await t.site.create({ data: { id: randomUUID(), ...site, createdAt: audit.at } });
        await trail.append(t, { ...audit, subjectId: row.id });
        return row;
      });
    },
    siteByKey: (key) => db.site.findUnique({ where: { key } }),
    siteById: (id) => db.site.findUnique({ where: { id } }),
    siteCount: () => db.site.count(),
    async setTeamCaps(siteId, caps, audit) {
      return tx(async (t) => {
        const row = await t.site.update({ where: { id: siteId }, data: caps });
        await trail.append(t, audit);
        return row;
      });
    },

    async editSite(siteId, changes, audit) {
      return tx(async (t) => {
        const row = await t.site.update({ where: { id: siteId }, data: changes });
        await trail.append(t, audit);
        return row;
      });
    },

    async setSiteContact(siteId, contact, audit) {
      return tx(async (t) => {
        const row = await t.site.update({ where: { id: siteId }, data: contact });
        await trail.append(t, audit);
        return row;
      });
    },

    async setSiteProcedures(siteId, expected, next, audit) {
      return tx(async (t) => {
        const { count } = await t.site.updateMany({ where: { id: siteId, procedures: expected }, data: { procedures: next } });
        if (count === 1) await trail.append(t, audit);
        return count === 1;
      });
    },

    async setSiteLook(siteId, look, audit) {
      return tx(async (t) => {
        const row = await t.site.update({ where: { id: siteId }, data: look });
        await trail.append(t, audit);
        return row;
      });
    },

    async createPerson(person, audit) {
      try {
        return await tx(async (t) => {
          const row = await t.person.create({ data: { id: randomUUID(), ...person, emailKey: emailKeyOf(person.email) } });
          await trail.append(t, { ...audit, subjectId: row.id });
          return toPerson(row);
        });
      } catch (error) {
        if (isUniqueViolationOn(error, ['Person'])) return 'email_taken';
        throw error;
      }
    },
    async updatePerson(id, changes, audit) {
      try {
        return await tx(async (t) => {
          const row = await t.person.update({ where: { id }, data: { ...changes, ...(changes.email !== undefined ? { emailKey: emailKeyOf(changes.email) } : {}) } });
          await trail.append(t, audit);
          return toPerson(row);
        });
      } catch (error) {
        if (isUniqueViolationOn(error, ['Person'])) return 'email_taken';
        throw error;
      }
    },
    async personById(id) {
      const row = await db.person.findUnique({ where: { id } });
      return row && toPerson(row);
    },
    async personByEmail(email) {
      const found = await store.peopleByEmail(email);
      return found.length === 1 ? found[0]! : null;
    },
    async peopleByEmail(email) {
      // Case folded here, alike on both databases (SQLite's LIKE and PostgreSQL's ILIKE differ): people are few.
      const wanted = emailKeyOf(email);
      const rows = await db.person.findMany({ where: { email: { not: null } }, orderBy: { createdAt: 'asc' } });
      return rows.filter((r) => wanted !== null && emailKeyOf(r.email) === wanted).map(toPerson);
    },
    async sharedAddresses() {
      // The upgrade gave each shared address to its first holder: the others are left with an address and no key.
      const later = await db.person.findMany({ where: { email: { not: null }, emailKey: null }, select: { email: true } });
      return [...new Set(later.map((p) => emailKeyOf(p.email)).filter((key): key is string => key !== null))].sort();
    },
    people: async () => (await db.person.findMany({ orderBy: [{ displayName: 'asc' }, { createdAt: 'asc' }] })).map(toPerson),
    async personByIdentity(platform, platformUserId) {
      const row = await db.identity.findUnique({ where: { platform_platformUserId: { platform, platformUserId } }, include: { person: true } });
      return row && toPerson(row.person);
    },

    grantsOnSite: async (siteId) => (await db.roleGrant.findMany({ where: { siteId } })).map(toGrant),
    grantsOf: async (personId) => (await db.roleGrant.findMany({ where: { personId } })).map(toGrant),
    async addGrant<R>(grant: Parameters<Store['addGrant']>[0], check: (existing: GrantRecord[]) => R | null, audit: AuditEntry) {
      try {
        return await tx(async (t) => {
          // Appending first takes the audit head's lock: concurrent grants are checked one at a time.
          const id = randomUUID();
          await trail.append(t, { ...audit, subjectId: id });
          const existing = (await t.roleGrant.findMany({ where: { siteId: grant.siteId } })).map(toGrant);
          const refusal = check(existing);
          if (refusal !== null) throw new Refusal(refusal);
          const row = await t.roleGrant.create({ data: { id, ...grant } });
          return { ok: true as const, grant: toGrant(row) };
        });
      } catch (error) {
        if (error instanceof Refusal) return { ok: false as const, refusal: error.refusal as R };
        throw error;
      }
    },
    async revokeGrant(grantId, by, at, audit, endDelegations) {
      await tx(async (t) => {
        await t.roleGrant.update({ where: { id: grantId }, data: { revokedAt: at, revokedById: by } });
        const ended = [];
        for (const d of endDelegations) {
          const done = await t.delegation.updateMany({ where: { id: d.id, revokedAt: null }, data: { revokedAt: at, revokedById: by } });
          if (done.count > 0) ended.push(d.audit);
        }
        await trail.appendMany(t, [audit, ...ended]);
      });
    },

    async closeAccess(personId, at, audit) {
      return tx(async (t) => {
        const chats = (await t.identity.findMany({ where: { personId }, select: { platform: true } })).map((i) => i.platform).sort();
        await t.identity.deleteMany({ where: { personId } });
        await t.person.update({ where: { id: personId }, data: { deactivatedAt: at } });
        const codes = (await t.linkCode.updateMany({ where: { personId, usedAt: null, expiresAt: { gt: at } }, data: { expiresAt: at } })).count;
        await trail.appendMany(t, [audit({ chats, codes })]);
        return { chats, codes };
      });
    },

    delegationsOnSite: async (siteId) => (await db.delegation.findMany({ where: { siteId } })).map(toDelegation),
    async addDelegation(d, audit) {
      return tx(async (t) => {
        const row = await t.delegation.create({ data: { id: randomUUID(), ...d } });
        await trail.append(t, { ...audit, subjectId: row.id });
        return toDelegation(row);
      });
    },
    async revokeDelegation(id, by, at, audit) {
      return tx(async (t) => {
        const done = await t.delegation.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at, revokedById: by } });
        if (done.count === 0) return false;
        await trail.append(t, audit);
        return true;
      });
    },

    async addLinkCode(personId, codeHash, expiresAt, audit) {
      await tx(async (t) => {
        await t.linkCode.create({ data: { id: randomUUID(), personId, codeHash, expiresAt, createdAt: audit.at } });
        await trail.append(t, audit);
      });
    },
    async useLinkCode(codeHash, identity, at, audit) {
      type Reason = 'invalid_code' | 'identity_taken' | 'person_has_identity';
      try {
        return await tx(async (t) => {
          const code = await t.linkCode.findUnique({ where: { codeHash } });
          if (!code) throw new Refusal<Reason>('invalid_code');
          const used = await t.linkCode.updateMany({ where: { id: code.id, usedAt: null, expiresAt: { gt: at } }, data: { usedAt: at } });
          if (used.count === 0) throw new Refusal<Reason>('invalid_code');
          const taken = await t.identity.findUnique({ where: { platform_platformUserId: { platform: identity.platform, platformUserId: identity.platformUserId } } });
          if (taken) throw new Refusal<Reason>('identity_taken');
          const existing = await t.identity.findUnique({ where: { personId_platform: { personId: code.personId, platform: identity.platform } } });
          if (existing) throw new Refusal<Reason>('person_has_identity');
          await t.identity.create({ data: { id: randomUUID(), personId: code.personId, ...identity, linkedAt: at } });
          await trail.append(t, audit(code.personId));
          return { ok: true as const, personId: code.personId };
        });
      } catch (error) {
        if (error instanceof Refusal) return { ok: false as const, reason: error.refusal as Reason };
        if (isUniqueViolation(error)) return { ok: false as const, reason: 'identity_taken' as const };
        throw error;
      }
    },

    async addSubmission(s, codeYear, audit) {
      const dedupeKey = `${s.channel}:${s.chatId}:${s.messageIds[0] ?? ''}`;
      const include = { item: { select: { id: true } } };
      const existing = await db.submission.findUnique({ where: { dedupeKey }, include });
      if (existing) return { submission: toSubmission(existing), created: false };
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await tx(async (t) => {
            const code = await allocateCode(t, s.siteId, codeYear);
            const data = {
              id: randomUUID(), ...s, code, dedupeKey, messageIds: JSON.stringify(s.messageIds), attachments: JSON.stringify(s.attachments), state: 'received',
              origin: s.origin ? JSON.stringify(s.origin) : null, textParts: s.textParts ? JSON.stringify(s.textParts) : null,
            };
            const row = await t.submission.create({ data, include });
            await trail.append(t, { ...audit, subjectId: row.id, data: { ...audit.data, code } });
            return { submission: toSubmission(row), created: true };
          });
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
          // Either the same message arrived twice at once, or two first codes of a year raced.
          const row = await db.submission.findUnique({ where: { dedupeKey }, include });
          if (row) return { submission: toSubmission(row), created: false };
          if (attempt >= 3) throw error;
        }
      }
    },

    async submissionById(id): Promise<SubmissionRecord | null> {
      const row = await db.submission.findUnique({ where: { id }, include: { item: { select: { id: true } } } });
      return row && toSubmission(row);
    },
    async triageSubmission(id, to, note, decision, item, audit) {
      return withRaceRetry(() =>
        tx(async (t) => {
          const moved = await t.submission.updateMany({ where: { id, state: 'received' }, data: { state: to, triageNote: note } });
          if (moved.count === 0) return { ok: false as const };
          const created = item ? await insertItem(t, item) : null;
          // The accepting decision takes item version 0: the item's first recorded step.
          const itemLink = created ? { itemId: created.id, itemVersion: 0 } : { itemId: null, itemVersion: null };
          const row = { id: randomUUID(), submissionId: id, ...itemLink, action: to, step: null, actorId: decision.actorId, role: decision.role, delegationId: null, revisionId: null, revisionHash: null, note, createdAt: audit.at };
          const auditSeq = await trail.append(t, { ...audit, data: { ...audit.data, item: created?.code ?? null } }, coverDecisions([row]));
          await t.decision.create({ data: { ...row, auditSeq } });
          return { ok: true as const, item: created };
        }),
      );
    },

    async createItem(item, audit) {
      return withRaceRetry(() =>
        tx(async (t) => {
          const created = await insertItem(t, item);
          await trail.append(t, { ...audit, subjectId: created.id, data: { ...audit.data, code: created.code } });
          return created;
        }),
      );
    },
    itemByCode: (code) => loadItem(db, code),
    applyDecision: (item, effect, actorId, revision, at, audit) => applyDecision(db, trail, item, effect, actorId, revision, at, audit),
    async latestDecision(itemId) {
      const rows = await store.decisionsOf(itemId);
      return rows.at(-1) ?? null;
    },
    async decisionsOf(itemId) {
      // A delegated approval shares its audit row with the decision that made it, and follows it.
      const rows = await db.decision.findMany({ where: { itemId }, orderBy: [{ auditSeq: 'asc' }, { itemVersion: { sort: 'asc', nulls: 'last' } }] });
      const people = await db.person.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.actorId))] } } });
      const names = new Map(people.map((p) => [p.id, p.displayName]));
      return rows.map((r) => ({
        id: r.id,
        action: r.action,
        step: r.step === null ? null : asStep(r.step),
        actorId: r.actorId,
        actorName: names.get(r.actorId) ?? r.actorId,
        role: r.role === 'system' ? 'system' : asRole(r.role),
        delegationId: r.delegationId,
        revisionHash: r.revisionHash,
        note: r.note,
        createdAt: r.createdAt,
      }));
    },
    async dueScheduled(now, limit = 200) {
      const rows = await db.item.findMany({ where: { state: 'scheduled', scheduledAt: { lte: now } }, include: ITEM_INCLUDE, orderBy: [{ scheduledAt: 'asc' }, { id: 'asc' }], take: limit });
      return rows.map(toItem);
    },

    verifyAudit: (checkpoints) => verifyAudit(db, keys, checkpoints),
    keyAuditTrail: (at, options) => keyAuditTrail(db, trail, at, options),
    async auditSeal() {
      const head = await db.auditHead.findUniqueOrThrow({ where: { id: 1 } });
      if (head.mac === null) throw new Error('the audit trail is not keyed yet');
      return { seq: head.seq, mac: head.mac };
    },
    async auditKeyFits(rowKey) {
      const head = await db.auditHead.findUniqueOrThrow({ where: { id: 1 } });
      if (head.seq < 2 || head.mac === null) return null;
      const [prev, last] = await Promise.all([db.auditEvent.findUnique({ where: { seq: head.seq - 1 } }), db.auditEvent.findUnique({ where: { seq: head.seq } })]);
      if (!prev?.mac || !last?.mac) return null;
      const fields = { seq: last.seq, at: last.at, actorId: last.actorId, action: last.action, subjectType: last.subjectType, subjectId: last.subjectId, data: last.data };
      return auditMac(rowKey, prev.mac, fields, last.covers) === last.mac;
    },
    async recordAudit(entries) {
      await tx(async (t) => {
        await trail.appendMany(t, entries);
      });
    },
    ...deskStore(db, trail),
    ...documentStore(db, trail),
    ...portalStore(db, trail),
    ...changeLogStore(db),
    ...outboxStore(db, trail),
    ...chatStore(db, trail),
    ...inboxStore(db),
    ...leaseStore(db),
    ...sealedStore(db),
    ...interactionStore(db, trail),
    ...ticketStore(db, trail),
    ...calendarStore(db, trail),
    ...royaltyFrameStore(db, trail),
    ...workRoyaltyStore(db, trail),
    ...royaltySheetStore(db, trail),
    ...revenueStore(db, trail),
    ...adStore(db, trail),
    ...analyticsStore(db),
    ...reportStore(db),
    ...reportActivityStore(db),
    ...uptimeStore(db),
    ...reportRunStore(db),
    ...mailStore(db, trail),
    ...consultationStore(db, trail),
    ...search,
    ...bulkStore(db, trail, providerOf(url)),
  };
  return store;
}
