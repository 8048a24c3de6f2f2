/**
 * Text out of a document's PDF (Mozilla's pdf.js, its legacy build for Node 20) or DOCX (mammoth's raw text),
 * for the library's search. The libraries are imported on first use: a service that never reads a document
 * does not load them. Nothing is thrown: a broken or encrypted file is an answer ("unreadable"), because the
 * document is published anyway and the person who logged it is told.
 */
import type { ExtractedText, TextExtractor } from '../../src/app/documents/ports.js';
import { checkZipBudget, DOCX_BUDGET } from './zipBudget.js';

/** Pages read at most: a 2,000-page annex is searchable by its first pages; the bound keeps one file's work finite. */
const MAX_PAGES = 500;
/** Characters gathered at most, before spaces are collapsed: well over what the library keeps (DOCUMENT_TEXT_MAX). */
export const TEXT_BUDGET = 1_000_000;
/** How long one file may be read: past it the file is kept without its text, as a broken one is. */
export const TIME_BUDGET_MS = 30_000;

/** A file over a budget: kept and published, not searchable by its text; `limit` says which budget, for the editor. */
class OverBudget extends Error {
  constructor(readonly limit: string) {
    super(`over budget: ${limit}`);
    this.name = 'OverBudget';
  }
}

const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

async function pdfText(bytes: Buffer, budgetMs: number): Promise<string> {
  const deadline = Date.now() + budgetMs;
  const over = () => new OverBudget(`${budgetMs / 1000} s`);
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // A copy: pdf.js takes the buffer over (transfers it) and the caller still keeps the file.
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, verbosity: 0 });
  let timer: NodeJS.Timeout | undefined;
  // The time budget also stops a page that never finishes: the task is destroyed and the read abandoned.
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(over()), Math.max(0, deadline - Date.now()));
  });
  const read = async () => {
    const doc = await task.promise;
    const parts: string[] = [];
    let chars = 0;
    for (let n = 1; n <= Math.min(doc.numPages, MAX_PAGES) && chars < TEXT_BUDGET; n += 1) {
      if (Date.now() > deadline) throw over();
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      for (const item of content.items) {
        if (!('str' in item)) continue;
        parts.push(item.str, item.hasEOL ? '\n' : ' ');
        chars += item.str.length + 1;
        if (chars >= TEXT_BUDGET) break;
      }
      page.cleanup();
    }
    return parts.join('').slice(0, TEXT_BUDGET);
  };
  try {
    return await Promise.race([read(), late]);
  } finally {
    clearTimeout(timer);
    await task.destroy();
  }
}

async function docxText(bytes: Buffer): Promise<string> {
  // Measured before mammoth inflates anything: a small file that unpacks to hundreds of MB is never unpacked.
  const budget = await checkZipBudget(bytes, DOCX_BUDGET);
  if (!budget.ok && budget.over !== 'shape') throw new OverBudget(`${budget.over === 'entry' ? budget.name : 'DOCX'} > ${mb(budget.limit)}`);
  if (!budget.ok) throw new Error('not a ZIP archive mammoth can be trusted with (ZIP64 or damaged)');
  const mammoth = await import('mammoth');
  return (await mammoth.extractRawText({ buffer: bytes })).value.slice(0, TEXT_BUDGET);
}

export function documentTextExtractor(options: { timeBudgetMs?: number } = {}): TextExtractor {
  return {
    async extract(bytes, ext): Promise<ExtractedText> {
      try {
        const text = (ext === 'pdf' ? await pdfText(bytes, options.timeBudgetMs ?? TIME_BUDGET_MS) : await docxText(bytes)).replace(/\s+/g, ' ').trim();
        return text === '' ? { state: 'empty' } : { state: 'read', text };
      } catch (error) {
        if (error instanceof OverBudget) return { state: 'unreadable', reason: error.message, overBudget: error.limit };
        return { state: 'unreadable', reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
      }
    },
  };
}
