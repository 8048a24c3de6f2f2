import { ChainVerifier, ContentVerifier, type AuditFinding, type AuditKeys, type AuditReport } from '../core/audit.js';
import type { DecisionContent } from '../core/auditContent.js';
import { checkpointFindings, type Checkpoint } from '../core/auditCheckpoint.js';
import type { Db, Tx } from './client.js';

const PAGE = 1000;
const DECISION = { id: true, itemId: true, submissionId: true, itemVersion: true, action: true, step: true, actorId: true, role: true, delegationId: true, revisionId: true, revisionHash: true, note: true, createdAt: true, auditSeq: true } as const;

type DecisionRow = DecisionContent & { auditSeq: number };

/**
 * Where the operator keyed an older release's trail whose fingerprints were already broken, those
 * rows are checked by their seals alone. The row saying so is itself sealed: a forged one breaks the chain.
 */
async function sealsOnlyUpTo(db: Db): Promise<number> {
  const keyed = await db.auditEvent.findFirst({ where: { action: 'audit.keyed' }, orderBy: { seq: 'asc' } });
  if (!keyed) return 0;
  const data = JSON.parse(keyed.data) as { oldHead?: { seq?: number }; acceptedBreak?: unknown };
  return data.acceptedBreak && typeof data.oldHead?.seq === 'number' ? data.oldHead.seq : 0;
}

/** The decisions written with rows after..last, by the row that names them. */
export async function decisionsBySeq(client: Pick<Tx, 'decision'>, after: number, last: number): Promise<Map<number, DecisionRow[]>> {
  const bySeq = new Map<number, DecisionRow[]>();
  for (const d of await client.decision.findMany({ where: { auditSeq: { gt: after, lte: last } }, select: DECISION })) bySeq.set(d.auditSeq, [...(bySeq.get(d.auditSeq) ?? []), d]);
  return bySeq;
}

/**
 * Walks the whole trail: each row's fingerprint and seal, the head, the decisions and publications
 * the rows vouch for, and the checkpoints anchored outside the database. The chain is walked up to
 * its first break (rows after it cannot be trusted to vouch for anything); everything else is
 * reported in full, so the operator learns every decision and publication that changed.
 */
export async function verifyAudit(db: Db, keys: AuditKeys, checkpoints: readonly Checkpoint[]): Promise<AuditReport> {
  const head = (await db.auditHead.findUnique({ where: { id: 1 } })) ?? { seq: 0, hash: '', mac: null };
  const chain = new ChainVerifier(head, keys.rows, await sealsOnlyUpTo(db));
  const content = new ContentVerifier();
  let after = 0;
  let intact = true;
  while (intact) {
    const rows = await db.auditEvent.findMany({ where: { seq: { gt: after } }, orderBy: { seq: 'asc' }, take: PAGE });
    if (rows.length === 0) break;
    const last = rows[rows.length - 1]!.seq;
    const decisions = await decisionsBySeq(db, after, last);
    for (const row of rows) {
      if (!chain.push(row)) {
        intact = false;
        break;
      }
      content.row(row.seq, row.covers, decisions.get(row.seq) ?? []);
    }
    after = last;
    if (rows.length < PAGE) break;
  }
  const result = chain.finish();
  const findings: AuditFinding[] = result.break ? [result.break] : [];
  if (!result.break) {
    content.strays(await db.decision.findMany({ where: { OR: [{ auditSeq: { gt: result.verified } }, { auditSeq: { lt: 1 } }] }, select: DECISION }));
    for (let from = ''; ; ) {
      const page = await db.publication.findMany({ where: { itemId: { gt: from } }, orderBy: { itemId: 'asc' }, take: PAGE });
      content.publicationsNow(page);
      if (page.length < PAGE) break;
      from = page[page.length - 1]!.itemId;
    }
    findings.push(...content.finish());
  }
  const anchored = await db.auditEvent.findMany({ where: { seq: { in: [...new Set(checkpoints.map((c) => c.seq))] } }, select: { seq: true, mac: true } });
  const macAt = new Map(anchored.flatMap((r) => (r.mac === null ? [] : [[r.seq, r.mac] as const])));
  findings.push(...checkpointFindings(keys.checkpoints, checkpoints, head.seq, macAt));
  return { verified: result.verified, findings };
}
