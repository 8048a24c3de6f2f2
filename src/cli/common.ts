import { bilingual, LANGS, message } from '../core/messages.js';
import { auditKeys, type AuditKeys } from '../core/audit.js';
import { findingMessage } from '../core/auditMessages.js';
import type { Refused } from '../core/result.js';
import type { Deps } from '../app/deps.js';
import type { Store } from '../app/ports.js';
import { configOrExit, type Config } from '../config.js';
import { HubSecretRefused, ensureHubSecret } from '../secret.js';
import { migrate } from '../store/migrate.js';
import { createPrismaStore } from '../store/prismaStore.js';

/** The audit keys from the hub secret; a refused key file ends the command with what to do. */
export function cliAuditKeys(config: Config): AuditKeys {
  try {
    return auditKeys(ensureHubSecret(config.dataDir, config.hubSecret).secret);
  } catch (error) {
    if (!(error instanceof HubSecretRefused)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

/**
 * The database brought up to date, as every entry point does before it writes: migrations, then
 * an older release's audit trail keyed. A trail broken before its upgrade stops the command.
 */
export async function openStore(config: Config, options: { acceptBreak?: boolean } = {}): Promise<Store> {
  const keys = cliAuditKeys(config);
  await migrate(config.databaseUrl);
  const store = createPrismaStore(config.databaseUrl, keys);
  const keyed = await store.keyAuditTrail(new Date(), options);
  if (keyed.kind === 'broken') {
    const f = findingMessage(keyed.break);
    console.error(LANGS.map((lang) => message(lang, 'audit_unkeyed_broken', { finding: message(lang, f.key, f.detail) })).join('\n'));
    await store.close();
    process.exit(1);
  }
  if (keyed.kind === 'upgraded') console.error(bilingual('audit_keyed', { rows: String(keyed.rows), seq: String(keyed.oldHead.seq), hash: keyed.oldHead.hash }));
  return store;
}

export async function withStore<T>(run: (deps: Deps, config: Config) => Promise<T>, options: { acceptBreak?: boolean } = {}): Promise<T> {
  const config = configOrExit();
  const store = await openStore(config, options);
  try {
    return await run({ store, clock: () => new Date(), timeZone: config.timeZone }, config);
  } finally {
    await store.close();
  }
}

export function fail(refusal: Refused): never {
  console.error(bilingual(refusal.reason, refusal.detail));
  process.exit(1);
}

/** People are named by id or e-mail at the terminal. */
export async function personId(deps: Deps, ref: string): Promise<string> {
  const person = (await deps.store.personById(ref)) ?? (await deps.store.personByEmail(ref));
  if (person) return person.id;
  return fail({ ok: false, reason: 'unknown_person', detail: { person: ref } });
}
