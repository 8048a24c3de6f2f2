import { delegationActive, delegationInForce } from '../core/delegation.js';
import { holdsRole, type Grant } from '../core/grants.js';
import type { DeadlineTable } from '../core/documents/timeliness.js';
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
  /** Documents' update deadlines in working days as the province set them (DOCUMENT_DEADLINES); absent: the regulation's defaults. */
  documentDeadlines?: DeadlineTable;
}

/** Who the actor is for the rules: their grants and the delegations on the site. */
export async function loadActor(deps: Deps, personId: string, siteId: string): Promise<Actor> {
  const [grants, delegations] = await Promise.all([deps.store.grantsOf(personId), deps.store.delegationsOnSite(siteId)]);
  const now = deps.clock();
  const held = delegations.filter((d) => d.toPersonId === personId && delegationActive(d, now));
  const grantsBy = new Map<string, readonly Grant[]>([[personId, grants]]);
  for (const d of held) if (!grantsBy.has(d.fromPersonId)) grantsBy.set(d.fromPersonId, await deps.store.grantsOf(d.fromPersonId));
  const holds = (who: string, role: 'deputy' | 'secretary') => holdsRole(grantsBy.get(who) ?? [], who, siteId, role, now);
  return { personId, grants, delegations: held.filter((d) => delegationInForce(d, holds, now)) };
}

export function yearIn(date: Date, timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone }).format(date));
}
