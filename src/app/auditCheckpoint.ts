import { checkpointText, signCheckpoint, type Checkpoint } from '../core/auditCheckpoint.js';
import { formatLocal } from '../core/dates.js';
import { bilingual } from '../core/messages.js';
import type { Deps } from './deps.js';

/** Where checkpoints are kept outside the database (a file under data/). */
export interface CheckpointLog {
  read(): Promise<{ checkpoints: Checkpoint[]; unreadable: string[] }>;
  append(checkpoint: Checkpoint): Promise<void>;
}

/**
 * Anchors the audit head outside the database: signed, appended to the log and sent to the admins'
 * chat, where whoever edits the database cannot reach it. Rows cut from the end (with the head set
 * back to match) then fall below a checkpoint. Nothing is taken while the head has not moved.
 */
export async function takeCheckpoint(deps: Deps, log: CheckpointLog, key: Buffer, alert: (text: string) => Promise<void> | void): Promise<Checkpoint | null> {
  const seal = await deps.store.auditSeal();
  if (seal.seq === 0) return null;
  const last = (await log.read()).checkpoints.at(-1);
  if (last && last.seq === seal.seq && last.mac === seal.mac) return null;
  const checkpoint = signCheckpoint(key, seal.seq, seal.mac, deps.clock());
  await log.append(checkpoint);
  await alert(`${bilingual('audit_checkpoint_alert', { seq: String(seal.seq), at: formatLocal(checkpoint.at, deps.timeZone) })}\n${checkpointText(checkpoint)}`);
  return checkpoint;
}
