import { visibleText } from '../core/names.js';
import { bilingual } from '../core/messages.js';
import { auditKeys, type AuditKeys } from '../core/audit.js';
import type { Refused } from '../core/result.js';
import { userInfo } from 'node:os';
import type { Deps } from '../app/deps.js';
import { OPERATOR, type Operator } from '../app/people.js';
import type { AuditEntry, Store } from '../app/ports.js';
import { configOrExit, type Config } from '../config.js';
import { HubSecretRefused, ensureHubSecret } from '../secret.js';
import { migrate } from '../store/migrate.js';
import { prepareTrail } from '../trailStart.js';
import { createPrismaStore } from '../store/prismaStore.js';
import { shiftedClock } from '../clock.js';

/** Who sits at the terminal: the OS account, and the person (`--as`, id or e-mail) the action is done for. */
let operator: { osUser: string; as: string | null } = { osUser: osUser(), as: null };

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    // No passwd entry for this uid (some containers): the uid still names the account.
    return `uid:${process.getuid?.() ?? '?'}`;
  }
}

/**
 * Who a use case sees at the terminal: the person `--as` names when given (a signature such as checking a
 * royalty sheet is that person's, checked against their roles), or the operator.
 */
export async function actingOperator(deps: Deps): Promise<Operator> {
  return operator.as === null ? OPERATOR : { kind: 'person', personId: await personId(deps, operator.as) };
}

/** Set from the command line before the action runs (`--as`). */
export function actingFor(person: string | null): void {
  operator = { ...operator, as: person };
}

/** The audit keys from the hub secret; a refused key file ends the command with what to do. */
export function cliAuditKeys(config: Config): AuditKeys {
  return cliSecret(config).keys;
}

function cliSecret(config: Config): { keys: AuditKeys; source: 'environment' | 'file' | 'generated' } {
  try {
    const secret = ensureHubSecret(config.dataDir, config.hubSecret);
    return { keys: auditKeys(secret.secret), source: secret.source };
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
export async function openStore(config: Config, options: { acceptBreak?: boolean; keyTrail?: boolean } = {}): Promise<Store> {
  // The database first: one that cannot be opened stops the command before a key file is made beside it.
  await migrate(config.databaseUrl);
  const { keys, source } = cliSecret(config);
  const store = createPrismaStore(config.databaseUrl, keys);
  const trail = await prepareTrail(store, { dataDir: config.dataDir, timeZone: config.timeZone, secretSource: source, keys }, options);
  if (!trail.ok) {
    console.error(trail.reason);
    await store.close();
    process.exit(1);
  }
  if (trail.upgraded) console.error(bilingual('audit_keyed', { rows: String(trail.upgraded.rows), seq: String(trail.upgraded.oldHead.seq), hash: trail.upgraded.oldHead.hash }));
  return store;
}

/** The command's clock: the machine's, or a drill's from CLOCK_START, which is said on stderr. */
export function cliClock(config: Config): () => Date {
  if (config.clockStart) console.error(bilingual('cli_clock_moved', { at: config.clockStart.toISOString() }));
  return shiftedClock(config.clockStart);
}

/** `keyTrail: false` for commands that only read the trail (`audit verify` reports unsealed rows, it never seals them). */
export async function withStore<T>(run: (deps: Deps, config: Config) => Promise<T>, options: { acceptBreak?: boolean; keyTrail?: boolean } = {}): Promise<T> {
  const config = configOrExit();
  const store = await openStore(config, options);
  try {
    const plain: Deps = { store, clock: cliClock(config), timeZone: config.timeZone, documentDeadlines: config.documentDeadlines };
    const asId = operator.as === null ? null : await personId(plain, operator.as);
    return await run({ ...plain, store: operatedStore(store, { via: 'cli', osUser: operator.osUser, as: asId }) }, config);
  } finally {
    await store.close();
  }
}

const isAuditEntry = (value: unknown): value is AuditEntry =>
  typeof value === 'object' && value !== null && 'action' in value && 'subjectType' in value && 'at' in value && 'data' in value;

/**
 * The CLI's store: every audit row written through it names the operator, whatever the command,
 * so a command added later cannot forget to. With `--as`, a row without an actor of its own is
 * recorded as that person's (the operator acted on their behalf).
 */
function operatedStore(store: Store, stamp: { via: 'cli'; osUser: string; as: string | null }): Store {
  const operatorData = stamp.as === null ? { via: stamp.via, osUser: stamp.osUser } : stamp;
  const stamped = (entry: AuditEntry): AuditEntry => ({ ...entry, actorId: entry.actorId ?? stamp.as, data: { ...entry.data, operator: operatorData } });
  const pass = (arg: unknown): unknown => {
    if (isAuditEntry(arg)) return stamped(arg);
    // Entries made inside the store's transaction (a link code's owner is known only there).
    if (typeof arg === 'function') {
      return (...inner: unknown[]): unknown => {
        const made: unknown = Reflect.apply(arg, undefined, inner);
        return isAuditEntry(made) ? stamped(made) : made;
      };
    }
    return arg;
  };
  return new Proxy(store, {
    get(target, name) {
      const member: unknown = Reflect.get(target, name);
      if (typeof member !== 'function') return member;
      return (...args: unknown[]): unknown => Reflect.apply(member, target, args.map(pass));
    },
  });
}

/** Past this, a value typed on the command line is not echoed whole: a pasted file would fill the terminal. */
const ECHO_MAX = 200;

/** A typed value as a refusal shows it: whole when short, its start and its length when not. */
export function echoed(value: string): string {
  const shown = visibleText(value);
  return shown.length <= ECHO_MAX ? shown : `${shown.slice(0, 60)}… (${shown.length} ký tự / characters)`;
}

export function fail(refusal: Refused): never {
  const detail = refusal.detail === undefined ? undefined : Object.fromEntries(Object.entries(refusal.detail).map(([k, v]) => [k, echoed(v)]));
  console.error(bilingual(refusal.reason, detail));
  process.exit(1);
}

/** People are named by id or e-mail at the terminal. */
export async function personId(deps: Deps, ref: string): Promise<string> {
  const byId = await deps.store.personById(ref);
  if (byId) return byId.id;
  const byEmail = await deps.store.peopleByEmail(ref);
  if (byEmail.length === 1) return byEmail[0]!.id;
  // Two people under one address (from before addresses were unique): never one of them at random.
  if (byEmail.length > 1) return fail({ ok: false, reason: 'person_ambiguous', detail: { email: ref, ids: byEmail.map((p) => `${p.id} (${p.displayName})`).join(', ') } });
  return fail({ ok: false, reason: 'unknown_person', detail: { person: ref } });
}

