import { describe, expect, it } from 'vitest';
import { documentTextExtractor } from '../../../adapters/documents/textExtractor.js';
import { checkZipBudget, DOCX_BUDGET } from '../../../adapters/documents/zipBudget.js';
import { docxBomb, minimalDocx, minimalPdf } from '../../helpers/documentFiles.js';

/** Reading a document's text within a budget: a small file that unpacks to hundreds of MB is never unpacked. */
describe('the document text extractor’s budgets', () => {
  it('reads a plain DOCX and PDF as before', async () => {
    const extractor = documentTextExtractor();
    expect(await extractor.extract(await minimalDocx('Quyết định phê duyệt kế hoạch'), 'docx')).toEqual({ state: 'read', text: 'Quyết định phê duyệt kế hoạch' });
    expect(await extractor.extract(minimalPdf(['Ke hoach tiem chung']), 'pdf')).toEqual({ state: 'read', text: 'Ke hoach tiem chung' });
  });

  it('refuses to unpack a DOCX whose document.xml declares 60 MB: over budget before mammoth, quickly and without the memory', async () => {
    const bomb = await docxBomb(60);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const heapBefore = process.memoryUsage().heapUsed;
    const started = Date.now();
    const read = await documentTextExtractor().extract(bomb, 'docx');
    expect(read).toMatchObject({ state: 'unreadable', overBudget: 'word/document.xml > 20 MB' });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(40 * 1024 * 1024);
  }, 30_000);

  it('catches a bomb whose directory lies about its size: inflated with a ceiling, never past it', async () => {
    const liar = await docxBomb(30, true);
    expect(await checkZipBudget(liar)).toEqual({ ok: false, over: 'entry', name: 'word/document.xml', limit: DOCX_BUDGET.entryMax });
    expect(await documentTextExtractor().extract(liar, 'docx')).toMatchObject({ state: 'unreadable', overBudget: 'word/document.xml > 20 MB' });
    // Several parts each under the part limit but over the total together.
    expect(await checkZipBudget(await docxBomb(3), { entryMax: 4 * 1024 * 1024, totalMax: 2 * 1024 * 1024 })).toMatchObject({ ok: false, over: 'total' });
  }, 30_000);

  it('a PDF past the time budget is kept without text, not read for ever', async () => {
    const read = await documentTextExtractor({ timeBudgetMs: 0 }).extract(minimalPdf(['Ke hoach']), 'pdf');
    expect(read).toMatchObject({ state: 'unreadable', overBudget: '0 s' });
  });
});
