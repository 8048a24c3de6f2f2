import { message, type Lang } from '../messages.js';

/**
 * A sponsored article away from its page — feeds, posts on Facebook, Zalo and YouTube — says what it is
 * where a reader looks first: its title carries the label, its summary opens with the partner's name.
 */
export function labelled<P extends { title: string; summary: string; sponsor: string | null }>(lang: Lang, p: P): { title: string; summary: string } {
  if (p.sponsor === null) return { title: p.title, summary: p.summary };
  const by = message(lang, 'portal_sponsored_by', { partner: p.sponsor });
  return { title: `[${message(lang, 'portal_sponsored')}] ${p.title}`, summary: p.summary ? `${by}. ${p.summary}` : `${by}.` };
}
