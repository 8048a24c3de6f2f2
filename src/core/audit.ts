import { createHash, createHmac, hkdfSync } from 'node:crypto';
import { decisionDigest, parseCovers, publicationDigest, type DecisionContent, type PublicationContent } from './auditContent.js';

export const GENESIS_HASH = '0'.repeat(64);
/** The key seal before the first row; an empty trail's head carries it. */
export const GENESIS_MAC = '0'.repeat(64);

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
  covers: string | null;
  /** Null only on rows written before the trail was keyed, until the upgrade seals them. */
  mac: string | null;
}

/**
 * Two keys derived from HUB_SECRET, each for one purpose (as the sealing key is): a copy of the
 * database alone cannot forge a row, and a checkpoint signature is not a row seal.
 */
export interface AuditKeys {
  rows: Buffer;
  checkpoints: Buffer;
}

export function auditKeys(hubSecret: string): AuditKeys {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', hubSecret, 'portal-hub', info, 32));
  return { rows: derive('audit trail v1'), checkpoints: derive('audit checkpoints v1') };
}

/** The row's fingerprint; anyone can recompute it, so it shows accidents, not forgery. */
export function auditHash(prevHash: string, fields: AuditFields): string {
  const canonical = JSON.stringify([prevHash, fields.seq, fields.at.toISOString(), fields.actorId, fields.action, fields.subjectType, fields.subjectId, fields.data]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * The row's seal: chains the previous seal, the row's fields and what it vouches for, under the key.
 * It covers the fields themselves, not the fingerprint, so it stands on its own where an older
 * release's fingerprints were found broken and the operator keyed the trail anyway.
 */
export function auditMac(key: Buffer, prevMac: string, fields: AuditFields, covers: string | null): string {
  const canonical = JSON.stringify([prevMac, fields.seq, fields.at.toISOString(), fields.actorId, fields.action, fields.subjectType, fields.subjectId, fields.data, covers]);
  return createHmac('sha256', key).update(canonical).digest('hex');
}

export type ChainBreak =
  | { kind: 'altered'; seq: number }
  | { kind: 'missing'; seq: number }
  | { kind: 'inserted'; seq: number }
  | { kind: 'truncated'; seq: number }
  /** The stored head does not name the last row (rows deleted from the end, the head set back by hand). */
  | { kind: 'head'; seq: number }
  /** A row without a seal: the trail was never keyed, or a row was slipped in without the key. */
  | { kind: 'unsealed'; seq: number };

export type AuditFinding =
  | ChainBreak
  | { kind: 'decision_edited' | 'decision_deleted' | 'decision_inserted'; seq: number; decision: string }
  | { kind: 'publication_edited' | 'publication_deleted' | 'publication_inserted'; code: string }
  | { kind: 'checkpoint_truncated'; checkpoint: number; seq: number; head: number }
  | { kind: 'checkpoint_differs'; checkpoint: number; seq: number }
  | { kind: 'checkpoint_forged'; checkpoint: number };

export interface AuditReport {
  verified: number;
  findings: AuditFinding[];
}

export type KeyingOutcome =
  | { kind: 'keyed' }
  | { kind: 'upgraded'; rows: number; oldHead: { seq: number; hash: string } }
  | { kind: 'broken'; break: ChainBreak }
  /** Unsealed rows where checkpoints show a keyed trail: seals were stripped, not an old release. */
  | { kind: 'sealsRemoved' };

export interface AuditHeadState {
  seq: number;
  hash: string;
  mac: string | null;
}

/**
 * Walks the chain in sequence order, one row at a time, so a large trail is checked in pages.
 * The head is what the store recorded at its last append: rows deleted from the end are noticed,
 * and with the seals, a rewritten row is noticed even when every later fingerprint was recomputed.
 * `keyed` false checks the fingerprints only (the trail of an older release, before its upgrade).
 */
export class ChainVerifier {
  private prev = GENESIS_HASH;
  private prevMac = GENESIS_MAC;
  private expected = 1;
  private broken: ChainBreak | null = null;

  /**
   * `sealsOnlyUpTo`: rows up to this sequence are checked by their seals alone: an older release's
   * trail whose fingerprints were already broken when the operator keyed it (the break is recorded).
   */
  constructor(
    private readonly head: AuditHeadState,
    private readonly key: Buffer | null,
    private readonly sealsOnlyUpTo = 0,
  ) {}

  /** Returns false once the chain is found broken; the break is kept. */
  push(row: AuditRow): boolean {
    if (this.broken) return false;
    this.broken = this.check(row);
    if (this.broken) return false;
    this.prev = row.hash;
    if (row.mac !== null) this.prevMac = row.mac;
    this.expected = row.seq + 1;
    return true;
  }

  private check(row: AuditRow): ChainBreak | null {
    const sealsOnly = this.key !== null && row.seq <= this.sealsOnlyUpTo;
    if (row.seq > this.expected && !sealsOnly) return { kind: 'missing', seq: this.expected };
    if (row.seq < this.expected || row.seq > this.head.seq) return { kind: 'inserted', seq: row.seq };
    if (!sealsOnly && auditHash(row.prevHash, row) !== row.hash) return { kind: 'altered', seq: row.seq };
    if (!sealsOnly && row.prevHash !== this.prev) return { kind: 'altered', seq: row.seq - 1 };
    if (!this.key) return null;
    if (row.mac === null) return { kind: 'unsealed', seq: row.seq };
    if (auditMac(this.key, this.prevMac, row, row.covers) !== row.mac) return { kind: 'altered', seq: row.seq };
    return null;
  }

  finish(): { verified: number; break: ChainBreak | null } {
    const last = this.expected - 1;
    if (!this.broken && last < this.head.seq) this.broken = { kind: 'truncated', seq: this.expected };
    if (!this.broken && (this.head.hash !== this.prev || (this.key && this.head.mac !== this.prevMac))) this.broken = { kind: 'head', seq: last };
    return { verified: last, break: this.broken };
  }
}

/**
 * Compares the decisions and publications in the database with what the sealed rows vouch for.
 * Rows are given in sequence order with the decisions that name them; publications at the end.
 */
export class ContentVerifier {
  readonly findings: AuditFinding[] = [];
  private readonly publications = new Map<string, { code: string; hash: string }>();

  row(seq: number, covers: string | null, decisions: readonly DecisionContent[]): void {
    const vouched = parseCovers(covers);
    const expected = vouched.decisions ?? {};
    const live = new Map(decisions.map((d) => [d.id, decisionDigest(d)]));
    for (const [id, hash] of Object.entries(expected)) {
      const now = live.get(id);
      if (now === undefined) this.findings.push({ kind: 'decision_deleted', seq, decision: id });
      else if (now !== hash) this.findings.push({ kind: 'decision_edited', seq, decision: id });
    }
    for (const id of live.keys()) if (!(id in expected)) this.findings.push({ kind: 'decision_inserted', seq, decision: id });
    for (const [itemId, p] of Object.entries(vouched.publications ?? {})) this.publications.set(itemId, p);
  }

  /** Decisions that name no row of the chain at all. */
  strays(decisions: readonly (DecisionContent & { auditSeq: number })[]): void {
    for (const d of decisions) this.findings.push({ kind: 'decision_inserted', seq: d.auditSeq, decision: d.id });
  }

  private readonly seen = new Set<string>();

  /** The live publications, in pages. */
  publicationsNow(rows: readonly PublicationContent[]): void {
    for (const p of rows) {
      this.seen.add(p.itemId);
      const vouched = this.publications.get(p.itemId);
      if (!vouched) this.findings.push({ kind: 'publication_inserted', code: p.code });
      else if (vouched.hash !== publicationDigest(p)) this.findings.push({ kind: 'publication_edited', code: vouched.code });
    }
  }

  /** After the last page of publications: those vouched for and gone. */
  finish(): AuditFinding[] {
    for (const [itemId, p] of this.publications) if (!this.seen.has(itemId)) this.findings.push({ kind: 'publication_deleted', code: p.code });
    return this.findings;
  }
}
