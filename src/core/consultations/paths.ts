import type { Lang } from '../messages.js';

/** The drafts' pages: `/vi/du-thao/<slug>`, `/en/drafts/<slug>`; a section's form page is `/<lang>/<drafts>/<slug>/<n>`. */
const WORDS = {
  vi: { drafts: 'du-thao', sent: 'da-gui' },
  en: { drafts: 'drafts', sent: 'sent' },
} as const satisfies Record<Lang, Record<string, string>>;

export const draftsWord = (lang: Lang) => WORDS[lang].drafts;
export const sentWord = (lang: Lang) => WORDS[lang].sent;
export const draftsPath = (lang: Lang) => `/${lang}/${WORDS[lang].drafts}`;
export const draftPath = (lang: Lang, slug: string) => `${draftsPath(lang)}/${slug}`;
export const sectionPath = (lang: Lang, slug: string, position: number) => `${draftPath(lang, slug)}/${position}`;
export const draftSentPath = (lang: Lang, slug: string) => `${draftPath(lang, slug)}/${WORDS[lang].sent}`;
