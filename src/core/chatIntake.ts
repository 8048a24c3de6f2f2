/**
 * Chat semantics of intake, platform-neutral: what in a chat is content worth a submission, how a
 * sender's later answer or edit changes it, where a forwarded item came from, and how long lists
 * are cut into messages. The adapters describe a platform message in these terms.
 */
import type { SubmissionState } from './intake.js';
import type { ItemState } from './workflow.js';

/**
 * A message as intake sees it. `kind` is what the message carries; `media` is true for the kinds
 * whose file is the content itself.
 */
export type ChatMessageKind =
  | 'text'
  | 'photo'
  | 'video'
  | 'document'
  | 'audio'
  | 'animation'
  | 'voice'
  | 'videoNote'
  | 'sticker'
  | 'poll'
  | 'location'
  | 'contact'
  | 'dice'
  | 'story'
  | 'service'
  | 'other';

/**
 * Which kinds can be a news item, and why (the tests list the same table):
 * - text: the item itself, when it has substance (see `hasSubstance`);
 * - photo, video: the pictures and footage the portal publishes, with or without a caption;
 * - document: press releases, decisions and reports arrive as PDF/Word files;
 * - audio: a recorded interview or a radio piece is material for a podcast (Điều 10.3);
 * - animation (a GIF or a silent clip): only with a caption of substance; alone it is a reaction;
 * - voice, videoNote: spoken chat in the group, not material; the sender is asked to send a file;
 * - sticker, dice: reactions; poll: a question to the group; location, contact: chat;
 *   story: a link to someone's story, not content the desk can publish;
 * - service: members joining or leaving, pins, title or photo changes, topics, group upgrades.
 */
export const CONTENT_KINDS: Readonly<Record<ChatMessageKind, 'content' | 'withCaption' | 'askForFile' | 'never'>> = {
  text: 'withCaption',
  photo: 'content',
  video: 'content',
  document: 'content',
  audio: 'content',
  animation: 'withCaption',
  voice: 'askForFile',
  videoNote: 'askForFile',
  sticker: 'never',
  poll: 'never',
  location: 'never',
  contact: 'never',
  dice: 'never',
  story: 'never',
  service: 'never',
  other: 'never',
};

/** Letters and digits in any script: what makes a text more than a reaction. */
const WORDISH = /[\p{L}\p{N}]/gu;

/**
 * A text has substance when it could be an item: a headline and a body (two lines, ten letters or
 * digits), or one line of at least three words and twenty letters or digits. "ok", "cảm ơn admin
 * nhiều ạ", "👍👍", "đã nhận" do not; "Hội nghị chuyển đổi số tỉnh" does. A borderline text can
 * still be submitted on purpose with /submit.
 */
export function hasSubstance(text: string): boolean {
  const trimmed = text.trim();
  const letters = trimmed.match(WORDISH)?.length ?? 0;
  const words = trimmed.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  const lines = trimmed.split('\n').filter((l) => /[\p{L}\p{N}]/u.test(l)).length;
  return (lines >= 2 && letters >= 10) || (words >= 3 && letters >= 20);
}

export type IntakeVerdict = { take: true } | { take: false; why: 'not_content' | 'too_short' | 'ask_for_file' };

/**
 * Whether a message becomes (or adds to) a submission. `answering` is true for a reply to the
 * desk's question ("needs more information"): any text answers it, however short.
 */
export function intakeVerdict(kind: ChatMessageKind, text: string, answering = false): IntakeVerdict {
  const rule = CONTENT_KINDS[kind];
  if (rule === 'content') return { take: true };
  if (rule === 'askForFile') return { take: false, why: 'ask_for_file' };
  if (rule === 'never') return { take: false, why: 'not_content' };
  if (answering ? text.trim() !== '' : hasSubstance(text)) return { take: true };
  return { take: false, why: 'too_short' };
}

/** What each message gave to a submission's text; the text is their non-empty parts in order. */
export interface TextPart {
  messageId: string;
  text: string;
}

export function textOfParts(parts: readonly TextPart[]): string {
  return parts
    .map((p) => p.text.trim())
    .filter((t) => t !== '')
    .join('\n\n');
}

/** An edit replaces the part of the message edited; an answer adds a part. */
export function withPart(parts: readonly TextPart[], part: TextPart): TextPart[] {
  const at = parts.findIndex((p) => p.messageId === part.messageId);
  if (at < 0) return [...parts, part];
  return parts.map((p, i) => (i === at ? part : p));
}

/**
 * What a sender's answer or edit does, by where the submission stands:
 * - revise: before triage (received) or when the desk asked for more (needsInfo): a new revision,
 *   back in the intake queue;
 * - toEditors: accepted and still in review or scheduled: the editors own the text now; they are
 *   shown the change and decide;
 * - askCorrection: published: only a correction decision changes it; the sender is told how to ask;
 * - closed: rejected, withdrawn or taken down: nothing changes; the sender is told.
 */
export type SenderChange = 'revise' | 'toEditors' | 'askCorrection' | 'closed';

export function senderChange(submission: SubmissionState, item: ItemState | null): SenderChange {
  if (submission === 'received' || submission === 'needsInfo') return 'revise';
  if (submission !== 'accepted' || item === null) return 'closed';
  if (item === 'review' || item === 'scheduled') return 'toEditors';
  if (item === 'published') return 'askCorrection';
  return 'closed';
}

/**
 * Where a submission came from when it is not simply its sender's own words: forwarded from a
 * person, a hidden account, a group or a channel (editors must check the source, Quy trình 1), or
 * sent by a group's anonymous admin rather than by a named person.
 */
export interface SubmissionOrigin {
  forwardedFrom?: {
    type: 'user' | 'hiddenUser' | 'chat' | 'channel';
    name: string;
    username?: string;
    /** A public link to the original post, when the platform gives one (public channels). */
    link?: string;
    /** When the original was posted. */
    date: string;
  };
  /** The message was posted under the group's name by one of its admins, who stays anonymous. */
  anonymousAdminOf?: { chatTitle: string };
  /** Posted under a channel's name (a linked channel, or a member speaking as their channel). */
  asChannel?: { title: string; username?: string };
  /** Sent by e-mail from this address; `outside`: no person of the hub has it, so the source is to verify. */
  byMail?: { address: string; name: string; outside: boolean };
}

/** The message keys and details that describe an origin on a card, in reading order. */
export function originLines(origin: SubmissionOrigin | null): { key: string; detail: Record<string, string> }[] {
  if (!origin) return [];
  const out: { key: string; detail: Record<string, string> }[] = [];
  const f = origin.forwardedFrom;
  if (f) {
    const name = f.username ? `${f.name} (@${f.username})` : f.name;
    out.push({ key: `origin_forward_${f.type}`, detail: { name, date: f.date } });
    if (f.link) out.push({ key: 'origin_link', detail: { link: f.link } });
  }
  if (origin.anonymousAdminOf) out.push({ key: 'origin_anonymous_admin', detail: { chat: origin.anonymousAdminOf.chatTitle } });
  if (origin.asChannel) out.push({ key: 'origin_as_channel', detail: { chat: origin.asChannel.username ? `${origin.asChannel.title} (@${origin.asChannel.username})` : origin.asChannel.title } });
  if (origin.byMail) out.push({ key: origin.byMail.outside ? 'mail_origin_outside' : 'mail_origin_person', detail: { address: origin.byMail.address, name: origin.byMail.name } });
  return out;
}

/**
 * Cuts a list into messages under a platform's length limit (Telegram: 4096 characters). Every page
 * starts with the header and ends with the footer of its position; no line is split unless a single
 * line is longer than a page, which is then clipped.
 */
export function pageLines(lines: readonly string[], maxChars: number, header: (page: number, pages: number) => string, footer: (page: number, pages: number) => string): string[] {
  // Headers and footers are measured at their longest (large page numbers, a page that has a next one),
  // so the cut does not move when they are filled in.
  const reserve = header(9999, 9999).length + footer(9998, 9999).length + 2;
  const room = maxChars - reserve;
  if (room <= 20) throw new Error('page too small for its header and footer');
  const pages: string[][] = [[]];
  let used = 0;
  for (const raw of lines) {
    const line = raw.length > room ? `${raw.slice(0, room - 1)}…` : raw;
    const current = pages.at(-1)!;
    if (current.length > 0 && used + line.length + 1 > room) {
      pages.push([line]);
      used = line.length + 1;
    } else {
      current.push(line);
      used += line.length + 1;
    }
  }
  const total = pages.length;
  return pages.map((body, i) => [header(i + 1, total), ...body, footer(i + 1, total)].filter((l) => l !== '').join('\n'));
}
