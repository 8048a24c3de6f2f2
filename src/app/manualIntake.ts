import { grantActive } from '../core/grants.js';
import { MODERATOR_ROLES } from '../core/interactions/model.js';
import { message } from '../core/messages.js';
import { ok, refuse, type Outcome } from '../core/result.js';
import type { Deps } from './deps.js';
import { submit } from './intake.js';
import type { SubmissionRecord } from './ports.js';

/** How far back a day received may be typed in. */
const RECEIVED_WITHIN_MS = 366 * 86_400_000;

/**
 * News received on paper, through the document system or in person (seed Điều 10.1a): a staff member types
 * it in with the letter's reference number and it becomes a submission like one posted in an intake group,
 * walking the same approval chain from the editors' intake card.
 */
export const NEWS_BY_HAND_CHANNELS = ['post', 'document-system', 'in-person'] as const;
export type NewsByHandChannel = (typeof NEWS_BY_HAND_CHANNELS)[number];
export const isNewsByHandChannel = (v: string): v is NewsByHandChannel => (NEWS_BY_HAND_CHANNELS as readonly string[]).includes(v);

export interface NewsByHand {
  channel: string;
  /** The letter's number and symbol, or the entry number in the document register. */
  reference: string;
  title: string;
  body: string;
  /** The staff member who typed it in: the submitter on record, so they do not also accept it. */
  loggedById: string;
  /** The receiving site; null: the root (province) site. */
  siteKey: string | null;
  /** When it arrived; default now. */
  receivedAt?: Date;
}

export type NewsByHandRefusal = 'tdesk_received_out_of_range' | 'tdesk_news_channel_invalid' | 'tdesk_news_reference_required' | 'tdesk_news_title_required' | 'unknown_person' | 'unknown_site' | 'not_authorised';

const MAX_REFERENCE = 120;

/** The same reference through the same channel to the same site is the same letter: logged twice, one submission. */
export async function logNewsByHand(deps: Deps, input: NewsByHand): Promise<Outcome<{ submission: SubmissionRecord; created: boolean }, NewsByHandRefusal>> {
  const channel = input.channel.trim().toLowerCase();
  const reference = input.reference.trim().replace(/\s+/g, ' ');
  const title = input.title.trim().replace(/\s+/g, ' ');
  const body = input.body.trim();
  if (!isNewsByHandChannel(channel)) return refuse('tdesk_news_channel_invalid', { channel: input.channel });
  if (reference === '' || reference.length > MAX_REFERENCE) return refuse('tdesk_news_reference_required');
  if (title === '' || body === '') return refuse('tdesk_news_title_required');
  const sites = await deps.store.sites();
  const site = input.siteKey ? sites.find((s) => s.key === input.siteKey) : sites.find((s) => s.parentId === null);
  if (!site) return refuse('unknown_site', { site: input.siteKey ?? '(root)' });
  const staff = await deps.store.personById(input.loggedById);
  if (!staff) return refuse('unknown_person', { person: input.loggedById });
  const now = deps.clock();
  const roots = new Set([site.id, ...sites.filter((s) => s.parentId === null).map((s) => s.id)]);
  const grants = await deps.store.grantsOf(staff.id);
  if (!grants.some((g) => g.personId === staff.id && roots.has(g.siteId) && MODERATOR_ROLES.includes(g.role) && grantActive(g, now))) return refuse('not_authorised');

  const receivedAt = input.receivedAt ?? now;
  // A day ahead, or a letter from years back, is a typing slip: its code would carry the wrong year.
  if (receivedAt.getTime() > now.getTime() || now.getTime() - receivedAt.getTime() > RECEIVED_WITHIN_MS) return refuse('tdesk_received_out_of_range', { days: String(RECEIVED_WITHIN_MS / 86_400_000) });
  const done = await submit(deps, {
    siteId: site.id,
    channel,
    // One register per site: the reference is the message id, so the store's channel+chat+message key finds a repeat.
    chatId: `by-hand:${site.key}`,
    messageIds: [reference],
    senderPlatformId: reference,
    // The intake card shows this line: who typed it in, how it came and its number, for the editors' origin check.
    senderName: message('vi', 'tdesk_news_sender', { name: staff.displayName, channel: message('vi', `tdesk_news_channel_${channel}`), reference }),
    senderPersonId: staff.id,
    receivedAt,
    rawText: `${title}\n${body}`,
    attachments: [],
    replyRef: JSON.stringify({ reference, loggedById: staff.id }),
    origin: null,
    textParts: null,
  });
  return ok(done);
}
