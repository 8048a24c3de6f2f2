import { channelCredentialsPlace, chatAccountCredentialsPlace, isLegacySealed, seal, unsealLegacy, type SealedPlace } from '../core/sealing.js';
import type { SealedValue } from './sealedPorts.js';
import type { Deps } from './deps.js';

const placeOf = (v: SealedValue): SealedPlace => (v.kind === 'channel' ? channelCredentialsPlace(v.key) : chatAccountCredentialsPlace(v.key));
const nameOf = (v: SealedValue) => `${v.kind}:${v.key}`;

export interface ResealReport {
  /** Rows whose `v1` value now is `v2`, bound to its place. */
  resealed: string[];
  /** `v1` values this HUB_SECRET does not open (sealed under another, or altered): left as they are, they need a reconnect. */
  unreadable: string[];
  /**
   * `v1` values found after the upgrade (some row already holds a `v2` one): not re-sealed, since only
   * a copy (from a backup, or moved from another row) can be of the old form now. They need a reconnect.
   */
  refused: string[];
}

/**
 * Re-seals every credential sealed before values were bound to their place (`v1`) as `v2` at the row
 * it is in, once, in one transaction, before anything reads them: afterwards a `v1` value opens
 * nowhere. Every process runs it at start; once any `v2` value exists the database counts as upgraded.
 */
export async function resealLegacyCredentials(deps: Deps, key: Buffer): Promise<ResealReport> {
  const values = await deps.store.sealedValues();
  const legacy = values.filter((v) => isLegacySealed(v.sealed));
  const report: ResealReport = { resealed: [], unreadable: [], refused: [] };
  if (legacy.length === 0) return report;
  if (values.some((v) => !isLegacySealed(v.sealed) && v.sealed.startsWith('v2.'))) {
    report.refused = legacy.map(nameOf);
    return report;
  }
  const changes: { value: SealedValue; to: string }[] = [];
  for (const value of legacy) {
    const plain = unsealLegacy(key, value.sealed);
    if (plain === null) report.unreadable.push(nameOf(value));
    else changes.push({ value, to: seal(key, plain, placeOf(value)) });
  }
  report.resealed = (await deps.store.replaceSealed(changes)).map(nameOf);
  return report;
}
