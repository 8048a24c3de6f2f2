import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { takeCheckpoint } from './app/auditCheckpoint.js';
import type { Store } from './app/ports.js';
import type { AuditKeys } from './core/audit.js';
import { findingMessage } from './core/auditMessages.js';
import { bilingual, LANGS, message } from './core/messages.js';
import { checkpointFile } from './store/auditCheckpoints.js';

export type TrailStart = { ok: true; upgraded: { rows: number; oldHead: { seq: number; hash: string } } | null } | { ok: false; reason: string };

/**
 * What every entry point does with the audit trail before it writes, after migrating: refuse a key
 * made up over existing data, key an older release's trail (anchoring the result at once), and stop
 * on a trail that was altered before its upgrade or had its seals stripped after.
 */
export async function prepareTrail(
  store: Store,
  setting: { dataDir: string; timeZone: string; secretSource: 'environment' | 'file' | 'generated'; keys: AuditKeys },
  options: { acceptBreak?: boolean; keyTrail?: boolean } = {},
): Promise<TrailStart> {
  if (setting.secretSource === 'generated') {
    const seal = await store.auditSeal();
    if (seal.seq > 0) {
      // The key just made protects nothing here and would be mistaken for the real one next time.
      const file = join(setting.dataDir, 'hub-secret');
      rmSync(file, { force: true });
      return { ok: false, reason: bilingual('secret_missing_with_rows', { file, rows: String(seal.seq) }) };
    }
  }
  if (options.keyTrail === false) return { ok: true, upgraded: null };
  // A key other than the one the data was written with: refused before anything is written under it
  // (its rows would break the trail, and the channels' tokens would not open).
  if ((await store.auditKeyFits(setting.keys.rows)) === false) return { ok: false, reason: bilingual('secret_mismatch', { source: setting.secretSource === 'environment' ? 'HUB_SECRET' : join(setting.dataDir, 'hub-secret') }) };
  const anchors = checkpointFile(setting.dataDir);
  const anchored = (await anchors.read()).checkpoints.length > 0;
  const deps = { store, clock: () => new Date(), timeZone: setting.timeZone };
  const keyed = await store.keyAuditTrail(deps.clock(), { acceptBreak: options.acceptBreak, anchored });
  if (keyed.kind === 'sealsRemoved') return { ok: false, reason: bilingual('audit_seals_removed', { file: join(setting.dataDir, 'audit-checkpoints') }) };
  if (keyed.kind === 'broken') {
    const f = findingMessage(keyed.break);
    return { ok: false, reason: LANGS.map((lang) => message(lang, 'audit_unkeyed_broken', { finding: message(lang, f.key, f.detail) })).join('\n') };
  }
  if (keyed.kind !== 'upgraded') return { ok: true, upgraded: null };
  // Anchored at once: from now on a trail without seals beside this file is a stripped one.
  await takeCheckpoint(deps, anchors, setting.keys.checkpoints, (text) => store.raiseAlert(text, deps.clock()));
  return { ok: true, upgraded: { rows: keyed.rows, oldHead: keyed.oldHead } };
}
