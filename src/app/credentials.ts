import { channelCredentialsPlace, chatAccountCredentialsPlace, isLegacySealed, seal, unsealLegacy, type SealedPlace } from '../core/sealing.js';
import type { SealedValue } from './sealedPorts.js';
import type { Deps } from './deps.js';

const placeOf = (v: SealedValue): SealedPlace => (v.kind === 'channel' ? channelCredentialsPlace(v.key) : chatAccountCredentialsPlace(v.key));

export interface ResealReport {
  /** Rows whose `v1` value now is `v2`, bound to its place. */
  resealed: string[];
  /** `v1` values this HUB_SECRET does not open (sealed under another, or altered): left as they are, they need a reconnect. */
  unreadable: string[];
}

/**
 * Re-seals every credential sealed before values were bound to their place (`v1`) as `v2` at the row
 * it is in, before anything reads them: afterwards a `v1` value opens nowhere, so one copied in from
 * an old backup or another row is refused. Safe to run by every process at every start: a row that
 * changed meanwhile (a token rotation, a new sign-in) is left to the writer that changed it.
 */
export async function resealLegacyCredentials(deps: Deps, key: Buffer): Promise<ResealReport> {
  const report: ResealReport = { resealed: [], unreadable: [] };
  for (const value of await deps.store.sealedValues()) {
    if (!isLegacySealed(value.sealed)) continue;
    const name = `${value.kind}:${value.key}`;
    const plain = unsealLegacy(key, value.sealed);
    if (plain === null) {
      report.unreadable.push(name);
      continue;
    }
    if (await deps.store.replaceSealed(value, seal(key, plain, placeOf(value)))) report.resealed.push(name);
  }
  return report;
}
