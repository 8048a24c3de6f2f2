/**
 * Text out of a document's PDF (Mozilla's pdf.js, its legacy build for Node 20) or DOCX (mammoth's raw text),
 * for the library's search. The libraries are imported on first use: a service that never reads a document
 * does not load them. Nothing is thrown: a broken or encrypted file is an answer ("unreadable"), because the
 * document is published anyway and the person who logged it is told.
 */
import type { ExtractedText, TextExtractor } from '../../src/app/documents/ports.js';

/** Pages read at most: a 2,000-page annex is searchable by its first pages; the bound keeps one file's work finite. */
const MAX_PAGES = 500;

async function pdfText(bytes: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // A copy: pdf.js takes the buffer over (transfers it) and the caller still keeps the file.
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, verbosity: 0 });
  try {
    const doc = await task.promise;
    const parts: string[] = [];
    for (let n = 1; n <= Math.min(doc.numPages, MAX_PAGES); n += 1) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      for (const item of content.items) if ('str' in item) parts.push(item.str, item.hasEOL ? '\n' : ' ');
      page.cleanup();
    }
    return parts.join('');
  } finally {
    await task.destroy();
  }
}

async function docxText(bytes: Buffer): Promise<string> {
  const mammoth = await import('mammoth');
  return (await mammoth.extractRawText({ buffer: bytes })).value;
}

export function documentTextExtractor(): TextExtractor {
  return {
    async extract(bytes, ext): Promise<ExtractedText> {
      try {
        const text = (ext === 'pdf' ? await pdfText(bytes) : await docxText(bytes)).replace(/\s+/g, ' ').trim();
        return text === '' ? { state: 'empty' } : { state: 'read', text };
      } catch (error) {
        return { state: 'unreadable', reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
      }
    },
  };
}
