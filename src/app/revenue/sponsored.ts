import { localDay, shownDay } from '../../core/dates.js';
import { ok, refuse, type Outcome } from '../../core/result.js';
import type { Deps } from '../deps.js';
import type { Operator } from '../people.js';
import { deskContract, stateWords } from './contracts.js';

export type SponsorRefusal =
  | 'service_unknown_contract' | 'service_not_desk' | 'unknown_item' | 'sponsor_not_sponsored' | 'sponsor_contract_not_approved' | 'sponsor_other_site' | 'sponsor_item_closed'
  | 'sponsor_outside_contract' | 'sponsor_already' | 'sponsor_after_approval';

/** An item marked as the sponsored article of a contract: what readers will see on it. */
export interface Sponsored {
  code: string;
  contract: string;
  partner: string;
  /** Whether the label is on the portal already (the item is published). */
  published: boolean;
}

const actorOf = (op: Operator) => (op.kind === 'person' ? op.personId : null);

/**
 * Marks an item as the sponsored article ("bài giới thiệu", seed Điều 14.3.b) of an approved contract. The item
 * still goes through the three-step approval like any news; wherever it is shown it carries the label
 * "Thông tin tài trợ / Sponsored" and the partner's name — from the moment it is published, or at once if it is.
 */
export async function sponsorItem(deps: Deps, op: Operator, input: { item: string; contract: string }): Promise<Outcome<Sponsored, SponsorRefusal>> {
  const desk = await deskContract(deps, op, input.contract, 'service.sponsor');
  if (!desk.ok) return desk;
  const { contract, now } = desk.value;
  if (contract.kind !== 'sponsored') return refuse('sponsor_not_sponsored', { code: contract.code });
  if (contract.state !== 'approved') return refuse('sponsor_contract_not_approved', { code: contract.code, ...stateWords(contract.state) });
  const code = input.item.trim().toUpperCase();
  const item = code === '' ? null : await deps.store.itemByCode(code);
  if (!item) return refuse('unknown_item', { code: code === '' ? '""' : code });
  if (item.siteId !== contract.siteId) return refuse('sponsor_other_site', { code: item.code, contract: contract.code });
  if (item.state === 'rejected' || item.state === 'takenDown') return refuse('sponsor_item_closed', { code: item.code });
  const today = localDay(now, deps.timeZone);
  if (today < contract.startDay || today > contract.endDay) return refuse('sponsor_outside_contract', { code: contract.code, start: shownDay(contract.startDay), end: shownDay(contract.endDay) });
  // Every reviewer must see that it is paid content: once someone approved it as news, it goes back to the editor first.
  if (item.state === 'scheduled' || (item.state === 'review' && item.step !== 'editor')) return refuse('sponsor_after_approval', { code: item.code });
  const tied = await deps.store.sponsorOfItem(item.id);
  if (tied && tied.contract !== contract.code) return refuse('sponsor_already', { code: item.code, contract: tied.contract, partner: tied.partner });
  const published = await deps.store.sponsorItem(item.id, contract.id, contract.partnerName, {
    at: now, actorId: actorOf(op), action: 'portal.sponsor', subjectType: 'item', subjectId: item.id, data: { code: item.code, contract: contract.code, partner: contract.partnerName },
  });
  return ok({ code: item.code, contract: contract.code, partner: contract.partnerName, published });
}
