import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AuditFinding } from './audit.js';

/**
 * The head anchored outside the database: a row's sequence and seal at a time, signed. Kept as one
 * line of text, the same in data/audit-checkpoints and in the admins' chat, so a copy from the chat
 * can be handed back to `audit verify --checkpoint` when the file itself is suspect.
 */
export interface Checkpoint {
  seq: number;
  mac: string;
  at: Date;
  sig: string;
}

const PREFIX = 'ckpt1';

function signature(key: Buffer, seq: number, mac: string, at: Date): string {
  return createHmac('sha256', key).update(`${PREFIX}:${seq}:${at.getTime()}:${mac}`).digest('hex');
}

export function signCheckpoint(key: Buffer, seq: number, mac: string, at: Date): Checkpoint {
  return { seq, mac, at, sig: signature(key, seq, mac, at) };
}

export function checkpointText(c: Checkpoint): string {
  return `${PREFIX}:${c.seq}:${c.at.getTime()}:${c.mac}:${c.sig}`;
}

/** Null when the text is not a checkpoint at all; a well-formed but forged one parses and fails `signedBy`. */
export function parseCheckpoint(text: string): Checkpoint | null {
  const m = /^ckpt1:(\d+):(\d+):([0-9a-f]{64}):([0-9a-f]{64})$/.exec(text.trim());
  if (!m) return null;
  return { seq: Number(m[1]), at: new Date(Number(m[2])), mac: m[3]!, sig: m[4]! };
}

export function signedBy(key: Buffer, c: Checkpoint): boolean {
  return timingSafeEqual(Buffer.from(signature(key, c.seq, c.mac, c.at), 'hex'), Buffer.from(c.sig, 'hex'));
}

/**
 * What the checkpoints say of the trail as it is: a head below a checkpoint means rows were cut
 * from the end (and the head set back to match); a row whose seal differs from the checkpoint's
 * means the trail was cut and written on again. Checkpoints are numbered from 1 in the order given.
 */
export function checkpointFindings(key: Buffer, checkpoints: readonly Checkpoint[], headSeq: number, macAt: ReadonlyMap<number, string>): AuditFinding[] {
  const findings: AuditFinding[] = [];
  checkpoints.forEach((c, i) => {
    const checkpoint = i + 1;
    if (!signedBy(key, c)) findings.push({ kind: 'checkpoint_forged', checkpoint });
    else if (c.seq > headSeq) findings.push({ kind: 'checkpoint_truncated', checkpoint, seq: c.seq, head: headSeq });
    else if (macAt.get(c.seq) !== c.mac) findings.push({ kind: 'checkpoint_differs', checkpoint, seq: c.seq });
  });
  return findings;
}
