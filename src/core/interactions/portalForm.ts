import { RATING_ASPECTS, cleanRating, type InboundInteraction, type RatingScores } from './model.js';

/**
 * The portal's comment and rating form, pure: what its fields are called, what it accepts, and the
 * interaction a valid post becomes. A citizen may send a comment, a rating, or both.
 */

export const FORM_NAME_MAX = 80;
export const FORM_TEXT_MAX = 2000;
/** Whole body, as sent: the fields above in multipart or URL encoding fit well within it. */
export const FORM_BODY_MAX = 16 * 1024;

export const FORM_FIELDS = { token: 'token', name: 'name', text: 'text', honeypot: 'website' } as const;

/** What was typed, as typed (normalised), so that a refused form can be drawn again with it. */
export interface FormInput {
  name: string;
  text: string;
  scores: Partial<Record<(typeof RATING_ASPECTS)[number], string>>;
  token: string;
}

export type FormRefusal = 'form_empty' | 'form_name_too_long' | 'form_text_too_long' | 'form_bad_rating';

export interface FormSubmission {
  name: string | null;
  text: string;
  rating: RatingScores | null;
}

/** Counted as people read them: code points, after composing (Vietnamese typed on some phones arrives decomposed). */
const lengthOf = (text: string) => [...text].length;
const tidy = (text: string) => text.normalize('NFC').replace(/\r\n?/g, '\n');

/** Reads the posted fields; anything missing is empty, a repeated field counts once (its first). */
export function readForm(get: (field: string) => string | null): { input: FormInput; honeypot: boolean } {
  const scores: FormInput['scores'] = {};
  for (const aspect of RATING_ASPECTS) {
    const v = (get(aspect) ?? '').trim();
    if (v !== '') scores[aspect] = v;
  }
  return {
    input: { name: tidy(get(FORM_FIELDS.name) ?? '').trim(), text: tidy(get(FORM_FIELDS.text) ?? '').trim(), scores, token: (get(FORM_FIELDS.token) ?? '').trim() },
    // People never see the field: anything in it was put there by a program.
    honeypot: (get(FORM_FIELDS.honeypot) ?? '') !== '',
  };
}

export function checkForm(input: FormInput): { ok: true; value: FormSubmission } | { ok: false; reason: FormRefusal } {
  if (lengthOf(input.name) > FORM_NAME_MAX) return { ok: false, reason: 'form_name_too_long' };
  if (lengthOf(input.text) > FORM_TEXT_MAX) return { ok: false, reason: 'form_text_too_long' };
  const given = Object.keys(input.scores).length;
  const rating = cleanRating(input.scores);
  // A score that is not 1–5 is a mistake to point out, not one to drop quietly.
  if (given !== Object.keys(rating ?? {}).length || Object.values(input.scores).some((v) => !/^[1-5]$/.test(v))) return { ok: false, reason: 'form_bad_rating' };
  if (input.text === '' && rating === null) return { ok: false, reason: 'form_empty' };
  return { ok: true, value: { name: input.name === '' ? null : input.name, text: input.text, rating } };
}

/** A comment (with its rating, if any) waits for a moderator; a bare rating counts at once (receiveInteraction). */
/**
 * What one post becomes. A rating never carries a name: posted with a comment, it is a record of its own
 * (counted at once, anonymous, with an id of its own), so the named comment let out later never moves the
 * average, and nothing ties a score to a person.
 */
export function portalInteractions(submission: FormSubmission, code: string, ids: { comment: string; rating: string }, at: Date): InboundInteraction[] {
  // Nothing identifies a citizen on the portal: no address, no cookie.
  const base = { source: 'portal' as const, verb: 'add' as const, itemCode: code, authorRef: null, occurredAt: at };
  const comment: InboundInteraction[] = submission.text === '' ? [] : [{ ...base, kind: 'comment', externalId: ids.comment, authorName: submission.name, text: submission.text, rating: null }];
  const rating: InboundInteraction[] = submission.rating ? [{ ...base, kind: 'rating', externalId: ids.rating, authorName: null, text: '', rating: submission.rating }] : [];
  return [...comment, ...rating];
}
