import type { Lang } from '../messages.js';

/**
 * Where questions and complaints live on the portal, per language. The status path is also written
 * by src/app/tickets/links.ts (`statusLink`), which mails it: the two must stay the same.
 */
const WORDS = {
  vi: { questions: 'hoi-dap', ask: 'gui', status: 'trang-thai', sent: 'da-gui', contact: 'lien-he' },
  en: { questions: 'questions', ask: 'ask', status: 'status', sent: 'sent', contact: 'contact' },
} as const satisfies Record<Lang, Record<string, string>>;

export type TicketForm = 'question' | 'contact';

export const questionsPath = (lang: Lang) => `/${lang}/${WORDS[lang].questions}`;
export const questionPath = (lang: Lang, code: string) => `${questionsPath(lang)}/${encodeURIComponent(code)}`;
export const formPath = (lang: Lang, form: TicketForm) => (form === 'question' ? `${questionsPath(lang)}/${WORDS[lang].ask}` : `/${lang}/${WORDS[lang].contact}`);
export const statusPath = (lang: Lang, code: string) => `${questionsPath(lang)}/${WORDS[lang].status}/${encodeURIComponent(code)}`;
export const sentPath = (lang: Lang, code: string) => `${questionsPath(lang)}/${WORDS[lang].sent}/${encodeURIComponent(code)}`;

export type TicketRoute =
  | { kind: 'list' }
  | { kind: 'form'; form: TicketForm }
  | { kind: 'one'; code: string }
  | { kind: 'status'; code: string }
  | { kind: 'sent'; code: string };

/** A tracking code as people may type it (any case); null for anything else. */
const asCode = (word: string | undefined): string | null => {
  if (word === undefined) return null;
  const upper = word.toUpperCase();
  return /^(HD|PA)-\d{4}-\d{5,9}$/.test(upper) ? upper : null;
};

/** Reads `/vi/hoi-dap/trang-thai/HD-2026-00042` and the like (the path after the language); null: not ours. */
export function ticketRouteOf(lang: Lang, rest: readonly string[]): TicketRoute | null {
  const w = WORDS[lang];
  const [first, second, third, ...more] = rest;
  if (more.length) return null;
  if (first === w.contact) return second === undefined ? { kind: 'form', form: 'contact' } : null;
  if (first !== w.questions) return null;
  if (second === undefined) return { kind: 'list' };
  if (third === undefined) {
    if (second === w.ask) return { kind: 'form', form: 'question' };
    const code = asCode(second);
    return code ? { kind: 'one', code } : null;
  }
  const code = asCode(third);
  if (!code) return null;
  if (second === w.status) return { kind: 'status', code };
  if (second === w.sent) return { kind: 'sent', code };
  return null;
}

/** The same page in the other language. */
export function otherTicketPath(route: TicketRoute, to: Lang): string {
  switch (route.kind) {
    case 'list':
      return questionsPath(to);
    case 'form':
      return formPath(to, route.form);
    case 'one':
      return questionPath(to, route.code);
    case 'status':
      return statusPath(to, route.code);
    case 'sent':
      return sentPath(to, route.code);
  }
}
