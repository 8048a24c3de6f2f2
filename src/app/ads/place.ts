import { randomUUID } from 'node:crypto';
import { localDay, shownDay } from '../../core/dates.js';
import { isAdZone, targetProblem } from '../../core/ads/rules.js';
import { cleanText } from '../../core/names.js';
import { ok, refuse, type Outcome } from '../../core/result.js';
import type { Deps } from '../deps.js';
import type { Operator } from '../people.js';
import { refusedForRole } from '../refusals.js';
import { MONEY_DESK, deskContract, mayActOn, stateWords } from '../revenue/contracts.js';
import type { AdCounts, AdRecord, AdReportRecord } from './ports.js';

export type AdRefusal =
  | 'service_unknown_contract' | 'service_not_desk' | 'ad_contract_not_approved' | 'ad_sponsored_is_news' | 'ad_bad_zone' | 'ad_bad_weight' | 'ad_bad_target'
  | 'ad_bad_alt' | 'ad_outside_contract' | 'ad_bad_days' | 'ad_unknown' | 'ad_not_live' | 'ad_report_text';

const actorOf = (op: Operator) => (op.kind === 'person' ? op.personId : null);

export interface AdInput {
  contract: string;
  zone: string;
  alt: string;
  targetUrl: string;
  weight: number;
  startDay: string;
  endDay: string;
  fixed: boolean;
  image: { file: string; type: string; width: number; height: number };
}

/**
 * Places an ad for an approved contract, in a zone outside article content, between days inside the
 * contract's. A sponsored article is not an ad: it is news, and goes through the three-step approval.
 */
export async function placeAd(deps: Deps, op: Operator, input: AdInput): Promise<Outcome<AdRecord, AdRefusal>> {
  const desk = await deskContract(deps, op, input.contract, 'ad.place');
  if (!desk.ok) return desk;
  const { contract, site, now } = desk.value;
  if (contract.state !== 'approved') return refuse('ad_contract_not_approved', { code: contract.code, ...stateWords(contract.state) });
  if (contract.kind === 'sponsored') return refuse('ad_sponsored_is_news', { code: contract.code });
  if (!isAdZone(input.zone)) return refuse('ad_bad_zone', { zone: input.zone });
  if (!Number.isInteger(input.weight) || input.weight < 1 || input.weight > 100) return refuse('ad_bad_weight', { given: String(input.weight) });
  if (targetProblem(input.targetUrl)) return refuse('ad_bad_target', { given: input.targetUrl.slice(0, 80) });
  const alt = cleanText(input.alt, 200);
  if (alt === null) return refuse('ad_bad_alt', { max: '200' });
  if (input.startDay > input.endDay) return refuse('ad_bad_days', { start: shownDay(input.startDay), end: shownDay(input.endDay) });
  if (input.startDay < contract.startDay || input.endDay > contract.endDay) return refuse('ad_outside_contract', { code: contract.code, start: shownDay(contract.startDay), end: shownDay(contract.endDay) });
  const actor = actorOf(op);
  const ad = await deps.store.placeAd(
    {
      contractId: contract.id, siteId: site.id, zone: input.zone, alt, imageFile: input.image.file, imageType: input.image.type, width: input.image.width, height: input.image.height,
      targetUrl: input.targetUrl, weight: input.weight, startDay: input.startDay, endDay: input.endDay, fixed: input.fixed, state: 'live', createdById: actor, createdAt: now,
    },
    Number(localDay(now, deps.timeZone).slice(0, 4)),
    { at: now, actorId: actor, action: 'service.adPlaced', subjectType: 'ad', subjectId: '', data: { contract: contract.code, zone: input.zone, startDay: input.startDay, endDay: input.endDay, weight: input.weight, targetUrl: input.targetUrl } },
  );
  return ok(ad);
}

/** Takes an ad down at once (the portal stops serving it at the next reading of the book, within 30 s). */
export async function stopAd(deps: Deps, op: Operator, code: string): Promise<Outcome<AdRecord, AdRefusal>> {
  const ad = await deps.store.adByCode(code);
  if (!ad) return refuse('ad_unknown', { code: code.trim().toUpperCase() });
  const site = await deps.store.siteById(ad.siteId);
  if (!site) throw new Error(`ad ${ad.code} names a site that is gone`);
  const now = deps.clock();
  if (!(await mayActOn(deps, op, site, MONEY_DESK, now))) return refusedForRole(deps, actorOf(op) ?? '', 'ad.stop', refuse('service_not_desk'));
  const actor = actorOf(op);
  if (!(await deps.store.stopAd(ad.id, { at: now, actorId: actor, action: 'service.adStopped', subjectType: 'ad', subjectId: ad.id, data: { code: ad.code } }))) return refuse('ad_not_live', { code: ad.code });
  return ok({ ...ad, state: 'stopped' });
}

/** A campaign's figures a partner can be sent: days live so far, and per day impressions, views and clicks. */
export async function campaignReport(deps: Deps, code: string): Promise<Outcome<{ ad: AdRecord; daysLive: number; total: AdCounts; days: (AdCounts & { day: string })[] }, AdRefusal>> {
  const ad = await deps.store.adByCode(code);
  if (!ad) return refuse('ad_unknown', { code: code.trim().toUpperCase() });
  const days = await deps.store.adDays(ad.id, (hour) => localDay(new Date(`${hour}:00:00Z`), deps.timeZone));
  const today = localDay(deps.clock(), deps.timeZone);
  const last = today < ad.endDay ? today : ad.endDay;
  // Live from its first day or the day it was placed, whichever is later: an ad booked from the 1st on the 5th was not seen before the 5th.
  const placed = localDay(ad.createdAt, deps.timeZone);
  const first = placed > ad.startDay ? placed : ad.startDay;
  const daysLive = first > last ? 0 : Math.round((Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / 86_400_000) + 1;
  const total = days.reduce((a, d) => ({ impressions: a.impressions + d.impressions, views: a.views + d.views, clicks: a.clicks + d.clicks }), { impressions: 0, views: 0, clicks: 0 });
  return ok({ ad, daysLive, total, days });
}

/** A reader's report on an ad: kept for the desk with the reason they gave, nothing of who they are. */
export async function reportAd(deps: Deps, adId: string, reason: string): Promise<Outcome<AdReportRecord, AdRefusal>> {
  const ad = await deps.store.adById(adId);
  if (!ad) return refuse('ad_unknown', { code: adId });
  const said = cleanText(reason.replace(/\r?\n/g, ' '), 1000);
  if (said === null) return refuse('ad_report_text', { max: '1000' });
  const report = { id: randomUUID(), adId: ad.id, reason: said, createdAt: deps.clock(), toldAt: null };
  await deps.store.addAdReport(report);
  return ok(report);
}
