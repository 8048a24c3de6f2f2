import type { DeliveryResult } from '../../src/core/delivery.js';
import { USAGE_MEMORY_MS, type GraphClient } from './client.js';

/** Past this share of any Graph limit, calls wait instead of running into the limit. */
export const BACK_OFF_AT = 80;

/** A `retryLater` while Graph's usage headers say the Page (or the app) is near its limit; null when calls may go. */
export function tooBusy(graph: GraphClient, pageId: string): Extract<DeliveryResult, { kind: 'retryLater' }> | null {
  const p = graph.pressure(pageId);
  if (!p || p.percent < BACK_OFF_AT) return null;
  return { kind: 'retryLater', reason: `Graph usage at ${p.percent}% for this Page: waiting before the limit`, afterMs: Math.max(USAGE_MEMORY_MS, p.regainMinutes * 60_000) };
}
