import { auditHash, ChainVerifier, type ChainBreak } from '../core/audit.js';
import type { AuditEntry } from '../app/ports.js';
import type { Db, Tx } from './client.js';

/**
 * Appends to the hash chain. Incrementing the head row first takes its row lock, so appends
 * from any number of processes line up one after another; callers that must check something
 * under that lock (team caps) append first.
 */
export function appendAudit(tx: Tx, entry: AuditEntry): Promise<number> {
  return appendAudits(tx, [entry]);
}

/**
 * Appends several entries under one take of the head: three statements for any number of rows
 * (a batch of settled deliveries), chained exactly as one append after another would chain them.
 */
export async function appendAudits(tx: Tx, entries: readonly AuditEntry[]): Promise<number> {
  if (entries.length === 0) return 0;
  const head = await tx.auditHead.update({ where: { id: 1 }, data: { seq: { increment: entries.length } } });
  let prevHash = head.hash;
  const rows = entries.map((entry, i) => {
    const fields = { seq: head.seq - entries.length + 1 + i, at: entry.at, actorId: entry.actorId, action: entry.action, subjectType: entry.subjectType, subjectId: entry.subjectId, data: JSON.stringify(entry.data) };
    const hash = auditHash(prevHash, fields);
    const row = { ...fields, prevHash, hash };
    prevHash = hash;
    return row;
  });
  await tx.auditEvent.createMany({ data: rows });
  await tx.auditHead.update({ where: { id: 1 }, data: { hash: prevHash } });
  return head.seq;
}

const PAGE = 1000;

export async function verifyAudit(db: Db): Promise<{ verified: number; break: ChainBreak | null }> {
  const head = await db.auditHead.findUnique({ where: { id: 1 } });
  const verifier = new ChainVerifier(head?.seq ?? 0);
  let after = 0;
  for (;;) {
    const rows = await db.auditEvent.findMany({ where: { seq: { gt: after } }, orderBy: { seq: 'asc' }, take: PAGE });
    for (const row of rows) if (!verifier.push(row)) return verifier.finish();
    if (rows.length < PAGE) return verifier.finish();
    after = rows[rows.length - 1]!.seq;
  }
}
