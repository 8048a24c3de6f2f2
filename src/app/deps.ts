import type { Actor } from '../core/workflow.js';
import type { Clock, Store } from './ports.js';
import type { RefusalLog } from './refusals.js';

export interface Deps {
  store: Store;
  clock: Clock;
  /** The province's time zone: tracking-code years and dates people type are read in it. */
  timeZone: string;
  /** Where refused privileged attempts are recorded (the audit trail, bounded); absent in tools that take none. */
  refusals?: Pick<RefusalLog, 'refused'>;
}

/** Who the actor is for the rules: their grants and the delegations on the site. */
export async function loadActor(deps: Deps, personId: string, siteId: string): Promise<Actor> {
  const [grants, delegations] = await Promise.all([deps.store.grantsOf(personId), deps.store.delegationsOnSite(siteId)]);
  return { personId, grants, delegations };
}

export function yearIn(date: Date, timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone }).format(date));
}
