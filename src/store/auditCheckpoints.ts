import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkpointText, parseCheckpoint } from '../core/auditCheckpoint.js';
import type { CheckpointLog } from '../app/auditCheckpoint.js';

/** data/audit-checkpoints: one checkpoint a line, appended, owner-only like the key beside it. */
export function checkpointFile(dataDir: string): CheckpointLog {
  const file = join(dataDir, 'audit-checkpoints');
  return {
    async read() {
      if (!existsSync(file)) return { checkpoints: [], unreadable: [] };
      const lines = readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '');
      const parsed = lines.map((line) => ({ line, checkpoint: parseCheckpoint(line) }));
      return {
        checkpoints: parsed.flatMap((p) => (p.checkpoint ? [p.checkpoint] : [])),
        unreadable: parsed.flatMap((p) => (p.checkpoint ? [] : [p.line])),
      };
    },
    async append(checkpoint) {
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      appendFileSync(file, `${checkpointText(checkpoint)}\n`, { mode: 0o600 });
    },
  };
}
