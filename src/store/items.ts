import { randomUUID } from 'node:crypto';
import { coverDecisions, coverPublications } from '../core/auditContent.js';
import { trackingCode } from '../core/tracking.js';
import type { Effect } from '../core/workflow.js';
import type { Applied, AuditEntry, ItemRecord, NewItem, RevisionInput } from '../app/ports.js';
import type { AuditTrail } from './audit.js';
import type { Db, Tx } from './client.js';
import { isUniqueViolationOn } from './errors.js';
import { ITEM_INCLUDE, toItem } from './mapping.js';
import { enqueueDeliveries } from './outbox.js';
import { projectPublication } from './publication.js';

/** Thrown inside a transaction to roll it back when another decision took the item first. */
export class VersionConflict extends Error {}

function revisionData(id: string, itemId: string, number: number, r: RevisionInput, at: Date) {
  return { id, itemId, number, ...r, mediaRefs: JSON.stringify(r.mediaRefs), createdAt: at };
}

export async function nextCodeNumber(tx: Tx, siteId: string, year: number): Promise<number> {
  const bumped = await tx.codeCounter.updateMany({ where: { siteId, year }, data: { last: { increment: 1 } } });
  if (bumped.count === 0) {
    await tx.codeCounter.create({ data: { siteId, year, last: 1 } });
    return 1;
  }
  const counter = await tx.codeCounter.findUniqueOrThrow({ where: { siteId_year: { siteId, year } } });
  return counter.last;
}

export async function allocateCode(tx: Tx, siteId: string, year: number): Promise<string> {
  const site = await tx.site.findUniqueOrThrow({ where: { id: siteId } });
  return trackingCode(site.codePrefix, year, await nextCodeNumber(tx, siteId, year));
}

export async function insertItem(tx: Tx, item: NewItem): Promise<ItemRecord> {
  const code = item.code ?? (await allocateCode(tx, item.siteId, item.codeYear));
  const id = randomUUID();
  const revision = revisionData(randomUUID(), id, 1, item.revision, item.at);
  await tx.item.create({
    data: {
      id,
      code,
      siteId: item.siteId,
      kind: item.kind,
      category: item.category,
      state: 'review',
      step: 'editor',
      originatorId: item.originatorId,
      submissionId: item.submissionId,
      scheduledAt: item.scheduledAt,
      createdAt: item.at,
    },
  });
  await tx.revision.create({ data: revision });
  return toItem(await tx.item.findUniqueOrThrow({ where: { id }, include: ITEM_INCLUDE }));
}

export async function loadItem(db: Db, code: string): Promise<ItemRecord | null> {
  const row = await db.item.findUnique({ where: { code }, include: ITEM_INCLUDE });
  return row ? toItem(row) : null;
}

function publicationFields(effect: Effect, revisionId: string, at: Date) {
  if (effect.action === 'correct') return { correctedAt: at, publishedRevisionId: revisionId };
  if (effect.action === 'takeDown') return { takenDownAt: at };
  if (effect.publishes) return { publishedAt: at, publishedRevisionId: revisionId };
  return {};
}

export async function applyDecision(
  db: Db,
  trail: AuditTrail,
  item: ItemRecord,
  effect: Effect,
  actorId: string,
  revision: RevisionInput | null,
  at: Date,
  audit: AuditEntry,
): Promise<Applied> {
  try {
    return await db.$transaction(async (tx) => {
      const version = item.version + 1;
      const revisionId = revision ? randomUUID() : item.revision.id;
      const taken = await tx.item.updateMany({
        where: { id: item.id, version: item.version },
        data: {
          version,
          state: effect.state,
          step: effect.nextStep,
          sensitive: effect.sensitive,
          chairmanRequired: effect.chairmanRequired,
          techRequired: effect.techRequired,
          scheduledAt: effect.scheduledAt,
          ...publicationFields(effect, revisionId, at),
        },
      });
      if (taken.count === 0) throw new VersionConflict();
      if (revision) await tx.revision.create({ data: revisionData(revisionId, item.id, item.revision.number + 1, revision, at) });
      const publication = await projectPublication(tx, item, effect, revision, at);
      await enqueueDeliveries(tx, item, effect, revision?.contentHash ?? item.revision.contentHash, at);
      const current = { id: revisionId, hash: revision?.contentHash ?? item.revision.contentHash };

      const kept = effect.approvals.map((a) => a.step);
      await tx.decision.updateMany({ where: { itemId: item.id, standing: true, step: { notIn: kept } }, data: { standing: false } });
      const fresh = effect.approvals.filter((a) => !item.approvals.some((b) => b.step === a.step && b.actorId === a.actorId && b.revisionHash === a.revisionHash));
      const common = { itemId: item.id, submissionId: null, actorId, role: effect.role, delegationId: effect.delegationId, revisionId: current.id, revisionHash: current.hash, createdAt: at };
      const decisions = [
        { ...common, id: randomUUID(), itemVersion: version, action: effect.action, step: effect.step, note: effect.note, standing: fresh.some((a) => a.step === effect.step) },
        // A secretary publishing under delegation also stands in for the deputy's step; that approval is its own row.
        ...fresh.filter((a) => a.step !== effect.step).map((extra) => ({ ...common, id: randomUUID(), itemVersion: null, action: 'approve', step: extra.step, delegationId: extra.delegationId, note: null, standing: true })),
      ];
      // The audit row vouches for the decisions and the public copy written with it.
      const auditSeq = await trail.append(tx, audit, { ...coverDecisions(decisions), ...coverPublications(publication ? [publication] : []) });
      for (const d of decisions) await tx.decision.create({ data: { ...d, auditSeq } });
      const row = await tx.item.findUniqueOrThrow({ where: { id: item.id }, include: ITEM_INCLUDE });
      return { applied: true as const, item: toItem(row) };
    });
  } catch (error) {
    // Two deciders on one item version meet at the item's version or the decision's key; any other
    // unique violation is a bug and is thrown, not passed off as a lost race.
    if (error instanceof VersionConflict || isUniqueViolationOn(error, ['Decision', 'Revision'])) return { applied: false };
    throw error;
  }
}
