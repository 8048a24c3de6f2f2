import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditFields {
  seq: number;
  at: Date;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  data: string;
}

export interface AuditRow extends AuditFields {
  prevHash: string;
  hash: string;
}

export function auditHash(prevHash: string, fields: AuditFields): string {
  const canonical = JSON.stringify([
    prevHash,
    fields.seq,
    fields.at.toISOString(),
    fields.actorId,
    fields.action,
    fields.subjectType,
    fields.subjectId,
    fields.data,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export type ChainBreak =
  | { kind: 'altered'; seq: number }
  | { kind: 'missing'; seq: number }
  | { kind: 'inserted'; seq: number }
  | { kind: 'truncated'; seq: number };

/**
 * Walks the chain in sequence order, one row at a time, so a large trail is checked in pages.
 * `finish` takes the sequence the store recorded for its last append, so rows deleted from
 * the end are noticed too.
 */
export class ChainVerifier {
  private prev = GENESIS_HASH;
  private expected = 1;
  private broken: ChainBreak | null = null;

  constructor(private readonly headSeq: number) {}

  /** Returns false once the chain is found broken; the break is kept. */
  push(row: AuditRow): boolean {
    if (this.broken) return false;
    this.broken = this.check(row);
    if (this.broken) return false;
    this.prev = row.hash;
    this.expected += 1;
    return true;
  }

  private check(row: AuditRow): ChainBreak | null {
    if (row.seq > this.expected) return { kind: 'missing', seq: this.expected };
    if (row.seq < this.expected || row.seq > this.headSeq) return { kind: 'inserted', seq: row.seq };
    if (auditHash(row.prevHash, row) !== row.hash) return { kind: 'altered', seq: row.seq };
    if (row.prevHash !== this.prev) return { kind: 'altered', seq: row.seq - 1 };
    return null;
  }

  finish(): { verified: number; break: ChainBreak | null } {
    if (!this.broken && this.expected - 1 < this.headSeq) this.broken = { kind: 'truncated', seq: this.expected };
    return { verified: this.expected - 1, break: this.broken };
  }
}
