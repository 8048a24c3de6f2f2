import { describe, expect, it } from 'vitest';
import { auditKeys } from '../../src/core/audit.js';
import { checkpointFindings, checkpointText, parseCheckpoint, signCheckpoint } from '../../src/core/auditCheckpoint.js';

const KEYS = auditKeys('core-checkpoint-test-secret-0123456789abcdef');
const MAC = 'a'.repeat(64);
const AT = new Date('2026-12-01T03:00:00Z');

describe('audit checkpoints', () => {
  it('read back from their one-line text, as kept in the file and posted to the chat', () => {
    const c = signCheckpoint(KEYS.checkpoints, 40, MAC, AT);
    expect(parseCheckpoint(`  ${checkpointText(c)}\n`)).toEqual(c);
    expect(parseCheckpoint('ckpt1:40:oops')).toBeNull();
  });

  it('a trail still holding the anchored row says nothing', () => {
    const c = signCheckpoint(KEYS.checkpoints, 40, MAC, AT);
    expect(checkpointFindings(KEYS.checkpoints, [c], 45, new Map([[40, MAC]]))).toEqual([]);
  });

  it('a head below a checkpoint is truncation; a different row at its place was written again', () => {
    const c = signCheckpoint(KEYS.checkpoints, 40, MAC, AT);
    expect(checkpointFindings(KEYS.checkpoints, [c], 37, new Map())).toEqual([{ kind: 'checkpoint_truncated', checkpoint: 1, seq: 40, head: 37 }]);
    expect(checkpointFindings(KEYS.checkpoints, [c], 44, new Map([[40, 'b'.repeat(64)]]))).toEqual([{ kind: 'checkpoint_differs', checkpoint: 1, seq: 40 }]);
  });

  it('a checkpoint signed with another key, or edited, is named as forged', () => {
    const other = signCheckpoint(auditKeys('another-hub-secret-0123456789abcdef0123').checkpoints, 40, MAC, AT);
    const edited = { ...signCheckpoint(KEYS.checkpoints, 40, MAC, AT), seq: 30 };
    expect(checkpointFindings(KEYS.checkpoints, [other, edited], 45, new Map([[40, MAC], [30, MAC]]))).toEqual([
      { kind: 'checkpoint_forged', checkpoint: 1 },
      { kind: 'checkpoint_forged', checkpoint: 2 },
    ]);
  });
});
