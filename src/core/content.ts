import { createHash } from 'node:crypto';

export interface RevisionContent {
  title: string;
  summary: string;
  body: string;
  language: string;
  mediaRefs: readonly string[];
}

/** Normalised so that invisible differences (line endings, trailing spaces, Unicode forms) do not count as edits. */
function normalise(text: string): string {
  return text.normalize('NFC').replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '').trim();
}

/** The hash approvals bind to: any visible change of the content gives another hash. */
export function contentHash(content: RevisionContent): string {
  const canonical = JSON.stringify([
    normalise(content.title),
    normalise(content.summary),
    normalise(content.body),
    content.language,
    [...content.mediaRefs],
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Chat convention: the first line is the title, the rest the body. */
export function contentFromText(text: string): { title: string; body: string } {
  const lines = normalise(text).split('\n');
  const title = (lines[0] ?? '').trim();
  return { title, body: lines.slice(1).join('\n').trim() };
}
