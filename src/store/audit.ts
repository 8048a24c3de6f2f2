import { auditHash, auditMac, type AuditKeys } from '../core/audit.js';
import { coversText, type Covers } from '../core/auditContent.js';
import type { AuditEntry } from '../app/ports.js';
import type { Tx } from './client.js';

/** Appends to the audit trail, sealing each row with the key; given to every store that writes. */
export interface AuditTrail {
  /** `covers`: the decisions and publication written in the same transaction. */
  append(tx: Tx, entry: AuditEntry, covers?: Covers): Promise<number>;
  appendMany(tx: Tx, entries: readonly AuditEntry[]): Promise<number>;
  readonly keys: AuditKeys;
}

export function auditTrail(keys: AuditKeys): AuditTrail {
  return {
    keys,
    append: (tx, entry, covers = {}) => appendAudits(tx, keys.rows, [{ entry, covers }]),
    appendMany: (tx, entries) => appendAudits(tx, keys.rows, entries.map((entry) => ({ entry, covers: {} }))),
  };
}

/**
 * Appends several entries under one take of the head: three statements for any number of rows
 * (a batch of settled deliveries), chained exactly as one append after another would chain them.
 * Incrementing the head row first takes its row lock, so appends from any number of processes line
 * up one after another; callers that must check something under that lock (team caps) append first.
 */
export async function appendAudits(tx: Tx, key: Buffer, entries: readonly { entry: AuditEntry; covers: Covers }[]): Promise<number> {
  if (entries.length === 0) return 0;
  const head = await tx.auditHead.update({ where: { id: 1 }, data: { seq: { increment: entries.length } } });
  // Every entry point keys an older release's trail before it writes (keyAuditTrail); reaching here without is a bug.
  if (head.mac === null) throw new Error('the audit trail is not keyed yet: run `portal-hub migrate` first');
  let prevHash = head.hash;
  let prevMac = head.mac;
  const rows = entries.map(({ entry, covers }, i) => {
    const fields = { seq: head.seq - entries.length + 1 + i, at: entry.at, actorId: entry.actorId, action: entry.action, subjectType: entry.subjectType, subjectId: entry.subjectId, data: JSON.stringify(entry.data) };
    const hash = auditHash(prevHash, fields);
    const text = coversText(covers);
    const mac = auditMac(key, prevMac, fields, text);
    const row = { ...fields, prevHash, hash, covers: text, mac };
    prevHash = hash;
    prevMac = mac;
    return row;
  });
  await tx.auditEvent.createMany({ data: rows });
  await tx.auditHead.update({ where: { id: 1 }, data: { hash: prevHash, mac: prevMac } });
  return head.seq;
}
