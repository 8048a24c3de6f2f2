import { grantActive } from '../../core/grants.js';
import { answerPublishes, MAX_ANSWER_CHARS, MODERATOR_ROLES, moderate, type InboundInteraction, type InteractionRecord, type ModerationCommand } from '../../core/interactions/model.js';
import { ok, refuse, type Outcome } from '../../core/result.js';
import type { Deps } from '../deps.js';
import type { InteractionChange, MirrorPlace, PlatformActionKind } from './ports.js';

/**
 * What a platform is asked follows from the record, never from the platform's name: whatever came through a
 * channel is answered there; what is public there (a comment, not a private message or a reaction) is hidden there too.
 */
const PRIVATE_KINDS: ReadonlySet<string> = new Set(['message', 'reaction']);

/**
 * Stores what a source reported, placed under the item it belongs to. A bare rating has nothing a
 * moderator must read, so it counts at once; anything with words waits for a moderator.
 */
export async function receiveInteraction(deps: Deps, event: InboundInteraction): Promise<{ record: InteractionRecord; change: InteractionChange }> {
  const place = await placeOf(deps, event);
  const bareRating = event.kind === 'rating' && event.text.trim() === '';
  const channelId = event.channelId ?? (await channelOfAccount(deps, event));
  return deps.store.takeInteraction({ ...event, channelId }, place, bareRating ? { state: 'published', publicText: '' } : { state: 'new', publicText: null }, deps.clock());
}

/**
 * Whether a pushed event reached an account the hub is connected to. A correctly signed webhook may still
 * be about another Page or OA of the same app, or name none: it is not stored (no one could answer it).
 */
export async function reachedOurAccount(deps: Deps, event: InboundInteraction): Promise<boolean> {
  return Boolean(event.channelAccount) && (await channelOfAccount(deps, event)) !== null;
}

/** The hub's channel on the event's platform for the account it reached (a message to a Zalo OA); null when not connected. */
async function channelOfAccount(deps: Deps, event: InboundInteraction): Promise<string | null> {
  if (!event.channelAccount) return null;
  return (await deps.store.channels()).find((c) => c.platform === event.source && c.accountId === event.channelAccount)?.id ?? null;
}

async function placeOf(deps: Deps, event: InboundInteraction): Promise<Omit<MirrorPlace, 'externalId'> | null> {
  if (event.source === 'portal' && event.itemCode) {
    const item = await deps.store.itemByCode(event.itemCode);
    return item ? { itemId: item.id, code: item.code, siteId: item.siteId, channelId: '' } : null;
  }
  if (event.mirrorExternalId) {
    const place = await deps.store.mirrorPlace(event.source, event.mirrorExternalId);
    if (place) return place;
  }
  return null;
}

/** Whether the person moderates the site now; interactions under no item belong to the top-level sites. */
export async function mayModerate(deps: Deps, personId: string, siteId: string | null): Promise<boolean> {
  const grants = await deps.store.grantsOf(personId);
  const now = deps.clock();
  const sites = siteId ? [siteId] : (await deps.store.sites()).filter((s) => s.parentId === null).map((s) => s.id);
  return grants.some((g) => g.personId === personId && sites.includes(g.siteId) && MODERATOR_ROLES.includes(g.role) && grantActive(g, now));
}

const AUDIT_ACTION: Record<ModerationCommand['type'], string> = { publish: 'interaction_published', answer: 'interaction_answered', hide: 'interaction_hid', toTicket: 'interaction_to_ticket' };

/**
 * A moderator's decision: publish, answer (posted back on the platform through the outbox, once),
 * hide with a reason (hidden on the platform too where it allows), or turn into a question/complaint.
 */
export async function moderateInteraction(deps: Deps, personId: string, interactionId: string, command: ModerationCommand): Promise<Outcome<InteractionRecord>> {
  const record = await deps.store.interactionById(interactionId);
  if (!record) return refuse('unknown_interaction');
  if (!(await mayModerate(deps, personId, record.siteId))) return refuse('not_moderator');
  const next = moderate(record, command);
  if (!next.ok) return refuse(next.reason, next.reason === 'answer_too_long' ? { limit: String(MAX_ANSWER_CHARS) } : undefined);
  const at = deps.clock();
  const channelId = record.channelId || null;
  let action: { action: PlatformActionKind; channelId: string; text: string | null } | null = null;
  if (command.type === 'answer' && channelId) action = { action: 'reply', channelId, text: command.text.trim() };
  if (command.type === 'hide' && channelId && !PRIVATE_KINDS.has(record.kind)) action = { action: 'hide', channelId, text: null };
  const decided = await deps.store.decideInteraction(
    record.id,
    {
      state: next.state,
      fromState: record.state,
      actorId: personId,
      at,
      // Publishing, or answering a public comment, lets out the text as it reads now; a later edit waits for a
      // moderator again. A private message stays private when answered: only publishing lets it out.
      ...(command.type === 'publish' || (command.type === 'answer' && answerPublishes(record)) ? { publicText: record.text } : {}),
      ...(command.type === 'answer' ? { answerText: command.text.trim() } : {}),
      ...(command.type === 'hide' ? { reason: command.reason.trim() } : {}),
    },
    action,
    {
      at,
      actorId: personId,
      action: AUDIT_ACTION[command.type],
      subjectType: 'interaction',
      subjectId: record.id,
      data: { source: record.source, item: record.code, from: record.state, to: next.state, ...(command.type === 'hide' ? { reason: command.reason.trim() } : {}), ...(action ? { platform: action.action } : {}) },
    },
  );
  return decided ? ok(decided) : refuse('interaction_moved');
}
