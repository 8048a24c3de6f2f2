import { InlineKeyboard } from 'grammy';
import { originLines } from '../../src/core/chatIntake.js';
import { formatLocal } from '../../src/core/dates.js';
import { mediaWarning } from '../../src/core/mediaRef.js';
import { message, type Lang } from '../../src/core/messages.js';
import type { Step } from '../../src/core/roles.js';
import type { DecisionRecord, ItemRecord, SubmissionRecord } from '../../src/app/ports.js';
import type { CallbackSigner, PressAction } from './callbackData.js';
import { royaltyLine, type CardRoyalty } from '../../src/app/royalties/cardTerms.js';

const PREVIEW_CHARS = 700;
export type CardStep = Step | 'intake';

/** The buttons each step's reviewer may press (a return needs a step before it). */
const BUTTONS: Readonly<Record<CardStep, readonly (readonly [PressAction, string])[][]>> = {
  intake: [[['accept', 'btn_accept'], ['needsInfo', 'btn_needsInfo'], ['reject', 'btn_reject']]],
  editor: [[['approve', 'btn_approve'], ['reject', 'btn_reject'], ['flagSensitive', 'btn_sensitive']], [['toTech', 'btn_tech']]],
  tech: [[['approve', 'btn_approve'], ['return', 'btn_return'], ['reject', 'btn_reject']]],
  secretary: [[['approve', 'btn_approve'], ['return', 'btn_return'], ['reject', 'btn_reject']], [['flagSensitive', 'btn_sensitive']]],
  deputy: [[['approve', 'btn_publish'], ['return', 'btn_return'], ['reject', 'btn_reject']], [['flagSensitive', 'btn_sensitive']]],
  head: [[['approve', 'btn_approve'], ['return', 'btn_return'], ['reject', 'btn_reject']], [['requireChairman', 'btn_chairman']]],
  chairman: [[['approve', 'btn_approve'], ['reject', 'btn_reject']]],
};

export function keyboard(lang: Lang, step: CardStep, cardId: string, signer: CallbackSigner): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const row of BUTTONS[step]) {
    for (const [action, label] of row) kb.text(message(lang, label), signer.sign(action, cardId));
    kb.row();
  }
  return kb;
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function decisionLine(lang: Lang, d: Pick<DecisionRecord, 'action' | 'actorName' | 'role' | 'note' | 'createdAt'>, timeZone: string): string {
  const line = message(lang, 'card_decided', { action: message(lang, `act_${d.action}`), name: d.actorName, role: message(lang, `role_${d.role}`), time: formatLocal(d.createdAt, timeZone) });
  return d.note ? `${line}: ${d.note}` : line;
}

export function submissionCard(lang: Lang, s: SubmissionRecord, timeZone: string): string {
  const [title = '', ...rest] = s.rawText.split('\n');
  const origin = originLines(s.origin ?? null).map(({ key, detail }) => message(lang, key, { ...detail, ...(detail.date ? { date: formatLocal(new Date(detail.date), timeZone) } : {}) }));
  const head = message(lang, 'card_title', { code: s.code ?? '?', step: message(lang, 'step_intake') });
  return [
    s.revision > 1 ? `${head} · ${message(lang, 'card_revision', { number: String(s.revision) })}` : head,
    message(lang, 'card_from', { name: s.senderName ?? s.senderPlatformId }),
    ...origin,
    '',
    title,
    clip(rest.join('\n').trim(), PREVIEW_CHARS),
    s.attachments.length > 0 ? `\n${message(lang, 'card_media', { count: String(s.attachments.length) })}` : '',
    mediaWarning(lang, s.attachments),
  ]
    .join('\n')
    .trim();
}

/** A sponsored article's contract and partner, as its review card names them. */
export interface CardSponsor {
  contract: string;
  partner: string;
}

export function itemCard(
  lang: Lang, item: ItemRecord, history: DecisionRecord[], timeZone: string, open = item.state === 'review', royalty: CardRoyalty | null = null, sponsor: CardSponsor | null = null,
): string {
  const step = item.step ?? 'editor';
  const lines = [
    message(lang, 'card_title', { code: item.code, step: message(lang, `step_${step}`) }) + ` · ${message(lang, 'card_revision', { number: String(item.revision.number) })}`,
    item.sensitive ? message(lang, 'card_sensitive') : '',
    sponsor ? message(lang, 'card_sponsored', { partner: sponsor.partner, contract: sponsor.contract }) : '',
    '',
    item.revision.title,
    clip(item.revision.body, PREVIEW_CHARS),
    item.revision.mediaRefs.length > 0 ? `\n${message(lang, 'card_media', { count: String(item.revision.mediaRefs.length) })}` : '',
    mediaWarning(lang, item.revision.mediaRefs.map((ref) => ({ ref }))),
  ];
  if (open) lines.push('', royaltyLine(lang, item.code, royalty));
  const recent = history.slice(-5);
  if (recent.length > 0) lines.push('', message(lang, 'card_history'), ...recent.map((d) => decisionLine(lang, d, timeZone)));
  if (open) lines.push('', message(lang, 'card_reply_hint'));
  return clip(lines.filter((l, i) => l !== '' || lines[i - 1] !== '').join('\n').trim(), 4000);
}
