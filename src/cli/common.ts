import { bilingual } from '../core/messages.js';
import type { Refused } from '../core/result.js';
import type { Deps } from '../app/deps.js';
import { configOrExit } from '../config.js';
import { migrate } from '../store/migrate.js';
import { createPrismaStore } from '../store/prismaStore.js';

export async function withStore<T>(run: (deps: Deps) => Promise<T>): Promise<T> {
  const config = configOrExit();
  await migrate(config.databaseUrl);
  const store = createPrismaStore(config.databaseUrl);
  try {
    return await run({ store, clock: () => new Date(), timeZone: config.timeZone });
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

