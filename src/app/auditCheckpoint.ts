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
/**
 * The service's anchoring: into the file often (a cut since the last anchor loses minutes, not an
 * hour), into the admins' chat at most hourly (one message an hour, not one every few minutes), and
 * into the file once more at shutdown. The chat gets the latest anchor unless it already has it.
 * The chat's job runs every minute so that a run that failed (a busy database, a slow start) is made
 * good a minute later, not an hour later; the hour is counted from the last anchor the chat got.
 */
export function anchoring(deps: Deps, log: CheckpointLog, key: Buffer, alert: (text: string) => Promise<void> | void) {
  let posted: { text: string; at: number } | null = null;
  const toFile = () => takeCheckpoint(deps, log, key, () => undefined);
  return {
    toFile,
    async toChat(): Promise<void> {
      const now = deps.clock().getTime();
      if (posted && now - posted.at < CHAT_EVERY_MS) return;
      await toFile();
      const last = (await log.read()).checkpoints.at(-1);
      if (!last || checkpointText(last) === posted?.text) return;
      await alert(checkpointAlert(last, deps.timeZone));
      posted = { text: checkpointText(last), at: now };
    },
  };
}

const CHAT_EVERY_MS = 3_600_000;

const checkpointAlert = (checkpoint: Checkpoint, timeZone: string) =>
  `${bilingual('audit_checkpoint_alert', { seq: String(checkpoint.seq), at: formatLocal(checkpoint.at, timeZone) })}\n${checkpointText(checkpoint)}`;

export async function takeCheckpoint(deps: Deps, log: CheckpointLog, key: Buffer, alert: (text: string) => Promise<void> | void): Promise<Checkpoint | null> {
  const seal = await deps.store.auditSeal();
  if (seal.seq === 0) return null;
  const last = (await log.read()).checkpoints.at(-1);
  if (last && last.seq === seal.seq && last.mac === seal.mac) return null;
  const checkpoint = signCheckpoint(key, seal.seq, seal.mac, deps.clock());
  await log.append(checkpoint);
  await alert(checkpointAlert(checkpoint, deps.timeZone));
  return checkpoint;
}
