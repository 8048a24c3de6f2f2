import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

/** A Word file as an agency's office writes it, with these paragraphs. */
export function docxBytes(...paragraphs: string[]): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children: paragraphs.map((p) => new Paragraph(p)) }] }));
}

const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const textOf = (xml: string) => [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescape(m[1] ?? '')).join('');

/** A paragraph's text, or a table as rows of cell texts: the document's body in reading order, as Word opens it. */
export type DocxBlock = { paragraph: string } | { table: string[][] };

/** Opens a .docx (a zip holding word/document.xml) and reads its body back. */
export async function readDocx(bytes: Buffer): Promise<DocxBlock[]> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  const body = /<w:body>([\s\S]*)<\/w:body>/.exec(xml)?.[1] ?? '';
  return [...body.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>|<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g)].map((m): DocxBlock => {
    const block = m[0];
    if (!block.startsWith('<w:tbl>')) return { paragraph: textOf(block) };
    const rows = [...block.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) => [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((cell) => [...cell[0].matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => textOf(p[0])).join('\n')));
    return { table: rows };
  });
}

/** Opens a .xlsx and reads each sheet's rows as cell texts. */
export async function readXlsx(bytes: Buffer): Promise<Record<string, string[][]>> {
  const book = new ExcelJS.Workbook();
  // exceljs types its argument as an ArrayBuffer of its own naming; JSZip underneath reads one.
  await book.xlsx.load(new Uint8Array(bytes).buffer);
  const sheets: Record<string, string[][]> = {};
  book.eachSheet((sheet) => {
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    sheets[sheet.name] = rows;
  });
  return sheets;
}
