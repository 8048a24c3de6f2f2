import { ChainVerifier, GENESIS_MAC, auditMac, type ChainBreak, type KeyingOutcome } from '../core/audit.js';
import { coverDecisions, coverPublications, coversText } from '../core/auditContent.js';
import { appendAudits, type AuditTrail } from './audit.js';
import { decisionsBySeq } from './auditVerify.js';
import type { Db, Tx } from './client.js';

const PAGE = 500;


/**
 * Brings a trail written by a release without keys (fingerprints only) under the key. The old chain
 * is checked first, so a trail edited before the upgrade is not sealed as if it were sound (unless
 * the operator accepts the break, which is then recorded). Rows are sealed in order, a batch per
 * transaction: a crash leaves a sealed prefix and the next start goes on from it. The last
 * transaction, under the head's lock, records the old head and the publications as they stand.
 * Every entry point that writes runs it after migrating (src/trailStart.ts; `audit verify` only reads);
 * on a keyed trail it is one read.
 */
export async function keyAuditTrail(db: Db, trail: AuditTrail, at: Date, options: { acceptBreak?: boolean; anchored?: boolean } = {}): Promise<KeyingOutcome> {
  const start = await db.auditHead.findUnique({ where: { id: 1 } });
  if (!start || start.mac !== null) return { kind: 'keyed' };
  // An older release never wrote checkpoints. With checkpoints beside it, a trail without seals had
  // them stripped (to rewrite it and have it sealed anew): that is tampering, never an upgrade.
  if (options.anchored) return { kind: 'sealsRemoved' };
  const broken = await oldChainBreak(db, start);
  if (broken && !options.acceptBreak) return { kind: 'broken', break: broken };
  let rows = 0;
  for (;;) {
    const sealed = await db.$transaction((tx) => sealBatch(tx, trail.keys.rows));
    if (sealed === null) return { kind: 'keyed' };
    if (sealed === 0) break;
    rows += sealed;
  }
  return db.$transaction(async (tx) => {
    const head = await tx.auditHead.update({ where: { id: 1 }, data: { seq: { increment: 0 } } });
    if (head.mac !== null) return { kind: 'keyed' as const };
    const last = await tx.auditEvent.findFirst({ orderBy: { seq: 'desc' } });
    if (last && last.mac === null) throw new Error('the audit trail changed while it was being keyed; start again');
    // Rows cut from the end of the old trail are a break like any other: accepted, the head follows the last row.
    if (!broken && (last?.seq ?? 0) !== head.seq) throw new Error('the audit trail changed while it was being keyed; start again');
    await tx.auditHead.update({ where: { id: 1 }, data: { seq: last?.seq ?? 0, hash: last?.hash ?? head.hash, mac: last?.mac ?? GENESIS_MAC } });
    const oldHead = { seq: head.seq, hash: head.hash };
    const publications = await tx.publication.findMany({ orderBy: { itemId: 'asc' } });
    const chunks = Array.from({ length: Math.max(1, Math.ceil(publications.length / PAGE)) }, (_, i) => publications.slice(i * PAGE, (i + 1) * PAGE));
    await appendAudits(
      tx,
      trail.keys.rows,
      chunks.map((chunk, part) => ({
        entry: { at, actorId: null, action: 'audit.keyed', subjectType: 'audit', subjectId: 'trail', data: { oldHead, sealedRows: rows, part: part + 1, parts: chunks.length, ...(broken ? { acceptedBreak: broken } : {}) } },
        covers: coverPublications(chunk),
      })),
    );
    return { kind: 'upgraded' as const, rows, oldHead };
  });
}

async function oldChainBreak(db: Db, head: { seq: number; hash: string }): Promise<ChainBreak | null> {
  const chain = new ChainVerifier({ ...head, mac: null }, null);
  for (let after = 0; ; ) {
    const rows = await db.auditEvent.findMany({ where: { seq: { gt: after } }, orderBy: { seq: 'asc' }, take: PAGE });
    for (const row of rows) if (!chain.push(row)) return chain.finish().break;
    if (rows.length < PAGE) return chain.finish().break;
    after = rows[rows.length - 1]!.seq;
  }
}

/** Seals the next rows after the sealed prefix; null when another process finished the keying. */
async function sealBatch(tx: Tx, key: Buffer): Promise<number | null> {
  const head = await tx.auditHead.update({ where: { id: 1 }, data: { seq: { increment: 0 } } });
  if (head.mac !== null) return null;
  const sealed = await tx.auditEvent.findFirst({ where: { mac: { not: null } }, orderBy: { seq: 'desc' }, select: { seq: true, mac: true } });
  const after = sealed?.seq ?? 0;
  const rows = await tx.auditEvent.findMany({ where: { seq: { gt: after } }, orderBy: { seq: 'asc' }, take: PAGE });
  if (rows.length === 0) return 0;
  const decisions = await decisionsBySeq(tx, after, rows[rows.length - 1]!.seq);
  let prevMac = sealed?.mac ?? GENESIS_MAC;
  for (const row of rows) {
    // The decisions are vouched for as they stand at the upgrade, as the old fingerprints vouch for the rows.
    const covers = coversText(coverDecisions(decisions.get(row.seq) ?? []));
    prevMac = auditMac(key, prevMac, row, covers);
    await tx.auditEvent.update({ where: { seq: row.seq }, data: { covers, mac: prevMac } });
  }
  return rows.length;
}
