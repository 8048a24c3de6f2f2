import { createHash } from 'node:crypto';
import type { InboundInteraction, InteractionRecord } from '../../core/interactions/model.js';
import type { Deps } from '../deps.js';
import { reachedOurAccount, receiveInteraction } from './moderation.js';

/**
 * A platform that pushes interactions by webhook. Its route checks the signature, stores the raw
 * event in the durable inbox and answers at once; the events are read from the inbox afterwards,
 * so a slow database or a crash never loses one and the platform never waits.
 */
export interface WebhookSource {
  /** Inbox keys of this source start with it (`facebook:`, `zalo-oa:`). */
  prefix: string;
  /** The interactions one stored event holds; none for events that are not interactions. */
  events(payload: unknown): InboundInteraction[];
}

/** Stores a verified event; a platform's retry of the same body is the same key and stored once. */
export async function acceptWebhook(deps: Deps, source: WebhookSource, raw: Buffer): Promise<boolean> {
  const key = `${source.prefix}${createHash('sha256').update(raw).digest('hex')}`;
  return deps.store.takeInbound(key, raw.toString('utf8'), deps.clock());
}

/** Reads what the webhooks stored; each event is done once its interactions are saved. Returns the records that are new or changed. */
export async function drainWebhooks(deps: Deps, sources: readonly WebhookSource[], onBadEvent: (prefix: string, key: string, error: unknown) => void = () => undefined): Promise<InteractionRecord[]> {
  const touched: InteractionRecord[] = [];
  for (const source of sources) {
    for (const row of await deps.store.unfinishedInbound(source.prefix)) {
      let events: InboundInteraction[] = [];
      try {
        events = source.events(JSON.parse(row.payload) as unknown);
      } catch (error) {
        // A verified body we cannot read is kept (done, with its payload) for a person to look at, never retried forever.
        onBadEvent(source.prefix, row.key, error);
      }
      for (const event of events) {
        if (!(await reachedOurAccount(deps, event))) continue;
        const { record, change } = await receiveInteraction(deps, event);
        if (change !== 'none') touched.push(record);
      }
      await deps.store.finishInbound([row.key], 'waiting', deps.clock());
    }
  }
  return touched;
}
