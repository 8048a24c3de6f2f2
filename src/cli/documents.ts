import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { documentTextExtractor } from '../../adapters/documents/textExtractor.js';
import { addDocument, type GivenFile } from '../app/documents/add.js';
import { DOCUMENT_TYPE_KEYS } from '../core/documents/record.js';
import { bilingual } from '../core/messages.js';
import { echoed, fail, personId, withStore } from './common.js';

interface DocumentOptions {
  site: string;
  by?: string;
  title?: string;
  body?: string;
  documentNumber?: string;
  documentType?: string;
  agency?: string;
  signer?: string;
  field?: string;
  issued?: string;
  effective?: string;
  file?: string;
}

/** The file as the use case takes it: measured first, read only if its size passes. */
async function givenFile(path: string): Promise<GivenFile> {
  const info = await stat(path).catch((error: unknown) => fail({ ok: false, reason: 'doc_file_unreadable', detail: { file: path, error: (error as NodeJS.ErrnoException).code ?? 'EIO' } }));
  if (!info.isFile()) return fail({ ok: false, reason: 'doc_file_unreadable', detail: { file: path, error: 'không phải tệp thường / not a regular file' } });
  return {
    name: basename(path),
    size: info.size,
    read: async (max) => {
      // Without blocking: a pipe put in its place since it was measured does not wait for a writer.
      const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
      try {
        const room = Buffer.allocUnsafe(max);
        let length = 0;
        for (;;) {
          const { bytesRead } = await handle.read(room, length, room.length - length, null);
          if (bytesRead === 0 || (length += bytesRead) === room.length) break;
        }
        return room.subarray(0, length);
      } finally {
        await handle.close();
      }
    },
  };
}

/**
 * A document typed in at the terminal (issue 20.4): the item an editor writes, with the metadata the library
 * is searched by and its PDF or DOCX, then approved in chat like any item.
 */
export function addDocumentCommand(program: Command): void {
  const document = program.command('document').description('Văn bản (số ký hiệu, cơ quan ban hành, người ký…) / documents as records');
  document
    .command('add')
    .description('Nhập một văn bản kèm tệp PDF/DOCX; văn bản đi qua quy trình duyệt như tin bài / log a document with its PDF/DOCX; it walks the approval chain')
    .requiredOption('--site <key>', 'trang đăng / the site it is published on')
    .option('--title <text>', 'trích yếu / title')
    .option('--document-number <number>', 'số ký hiệu, ví dụ 123/QĐ-UBND / number and symbol')
    .option('--document-type <type>', `loại văn bản / type: ${DOCUMENT_TYPE_KEYS.join(' | ')}`)
    .option('--agency <name>', 'cơ quan ban hành / issuing agency')
    .option('--signer <name>', 'người ký / signer')
    .option('--field <name>', 'lĩnh vực / field')
    .option('--issued <dd/mm/yyyy>', 'ngày ban hành / issue date')
    .option('--effective <dd/mm/yyyy>', 'ngày hiệu lực / effective date')
    .option('--file <path>', 'tệp PDF hoặc DOCX / the PDF or DOCX file')
    .option('--body <text>', 'nội dung bài giới thiệu / an introduction')
    .option('--by <person>', 'biên tập viên nhập (mã hoặc thư điện tử; mặc định: --as) / the editor who logs it (default: --as)')
    .action(async (o: DocumentOptions, command: Command) =>
      withStore(async (deps, config) => {
        const by = o.by ?? (command.optsWithGlobals() as { as?: string }).as;
        if (!by) return fail({ ok: false, reason: 'unknown_person', detail: { person: '--by' } });
        const file = o.file ? await givenFile(o.file) : null;
        const done = await addDocument(
          { deps, media: { dir: config.mediaDir, maxBytes: config.mediaMaxBytes }, extractor: documentTextExtractor() },
          // A field left out is checked as empty: every missing or wrong field is named in one answer.
          { number: o.documentNumber ?? '', type: o.documentType ?? '', agency: o.agency ?? '', signer: o.signer ?? '', field: o.field ?? '', issued: o.issued ?? '', effective: o.effective ?? null, title: o.title ?? '', ...(o.body ? { body: o.body } : {}), siteKey: o.site, loggedById: await personId(deps, by), file },
        );
        if (!done.ok) {
          // Every problem at once, each in both languages, the values as typed made visible (a hidden override shows as �).
          console.error(bilingual('doc_refused'));
          for (const p of done.problems) console.error(`• ${bilingual(p.reason, Object.fromEntries(Object.entries(p.detail).map(([k, v]) => [k, echoed(v)])))}`);
          process.exitCode = 1;
          return;
        }
        console.log(done.item.code);
        console.log(bilingual('doc_logged', { code: done.item.code, number: (o.documentNumber ?? '').trim() }));
        if (done.text.state === 'read') console.log(bilingual('doc_text_read', { chars: String(done.text.text.length) }));
        else if (done.text.state === 'unreadable' && done.text.overBudget) console.log(bilingual('doc_text_over_budget', { limit: done.text.overBudget }));
        else if (done.text.state === 'unreadable') console.log(bilingual('doc_text_unreadable'));
        else if (done.text.state === 'empty') console.log(bilingual('doc_text_empty'));
      }),
    );
}
