import { AlignmentType, Document, PageOrientation, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { SheetDocument } from '../../src/app/royalties/ports.js';
import { shownDay } from '../../src/core/dates.js';
import { message } from '../../src/core/messages.js';
import { formatCoefficient } from '../../src/core/royalties/frame.js';
import { shownMonth } from '../../src/core/royalties/months.js';
import { dongInWords } from '../../src/core/royalties/words.js';
import { rowNote } from '../../src/core/royalties/rows.js';

const money = new Intl.NumberFormat('vi-VN');

const cell = (text: string, opts: { bold?: boolean; right?: boolean } = {}) =>
  new TableCell({ children: text.split('\n').map((line) => new Paragraph({ alignment: opts.right ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun({ text: line, bold: opts.bold === true, size: 20 })] })) });
const row = (texts: string[], opts: { bold?: boolean; rightFrom?: number } = {}) =>
  new TableRow({ tableHeader: opts.bold === true, children: texts.map((t, i) => cell(t, { bold: opts.bold === true, right: opts.rightFrom !== undefined && i >= opts.rightFrom })) });
const centred = (text: string, bold = false, italics = false) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, bold, italics })] });

/**
 * The month's royalty sheet for signing, as a Word document in the official style: the national header, the
 * title, one row per author per work, one line per person with the tax withheld, the net in words, and the
 * signature block (prepared by, the secretary, the head or standing deputy head) with the names who signed in chat.
 */
export async function royaltySheetDocx(doc: SheetDocument): Promise<Buffer> {
  const month = shownMonth(doc.month);
  const works = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      row(['STT', 'Mã tin', 'Tác phẩm', 'Tác giả (bút danh)', 'Thể loại', 'Hệ số', 'Giá trị 1 hệ số', 'Mức của trang', 'Khuyến khích', 'Tỷ lệ', 'Thành tiền (đồng)'], { bold: true }),
      ...doc.rows.map((r, i) =>
        row(
          [String(i + 1), r.code, r.title, `${r.penName ? `${r.name} (${r.penName})` : r.name}${r.kind === 'fee' ? `\n(${rowNote(r, 'vi')})` : ''}`, r.genreName, formatCoefficient(r.coefficient, 'vi'), money.format(r.unitValue), `${r.sitePercent} %`, `${r.encouragementPercent} %`, `${r.sharePercent} %`, `${money.format(r.amount)}${r.prior === 0 ? '' : `\n(${message('vi', 'royalty_adjustment')})`}`],
          { rightFrom: 5 },
        ),
      ),
    ],
  });
  const payees = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      row(['STT', 'Người nhận', 'Tổng (đồng)', 'Thuế TNCN (đồng)', 'Thực nhận (đồng)', 'Ký nhận'], { bold: true }),
      ...doc.payees.map((p, i) => row([String(i + 1), p.name, money.format(p.gross), money.format(p.tax), money.format(p.net), ''], { rightFrom: 2 })),
      row(['', 'Cộng', money.format(doc.gross), money.format(doc.tax), money.format(doc.net), ''], { bold: true, rightFrom: 2 }),
    ],
  });
  const signatures = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [row(['NGƯỜI LẬP BIỂU', 'THƯ KÝ TÒA SOẠN', 'TRƯỞNG BAN\n(PHÓ TRƯỞNG BAN THƯỜNG TRỰC)'], { bold: true }), row(['\n\n\n' + (doc.builtBy ?? ''), '\n\n\n' + (doc.checkedBy ?? ''), '\n\n\n' + (doc.approvedBy ?? '')])],
  });
  const children = [
    centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', true),
    centred('Độc lập - Tự do - Hạnh phúc', true),
    centred(''),
    centred(doc.siteName.toUpperCase(), true),
    centred(`BẢNG THANH TOÁN NHUẬN BÚT THÁNG ${month}`, true),
    centred(`Royalty sheet for ${month} — ${message('vi', `royalty_state_${doc.state}`)} / ${message('en', `royalty_state_${doc.state}`)}`, false, true),
    works,
    new Paragraph(''),
    payees,
    new Paragraph({ children: [new TextRun({ text: `Bằng chữ: ${dongInWords(doc.net)}`, italics: true })] }),
    new Paragraph(`Thuế khấu trừ theo quy định áp dụng từ ${shownDay(doc.taxRuleFrom)}; ngày chi ${shownDay(doc.paymentDay)}.`),
    ...(doc.held.length > 0 ? [new Paragraph(message('vi', 'royalty_sheet_held', { codes: doc.held.join(', ') }))] : []),
    new Paragraph(''),
    signatures,
  ];
  const file = new Document({
    title: `Nhuận bút ${month} — ${doc.siteName}`,
    creator: 'portal-hub',
    sections: [{ properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } }, children }],
  });
  return Packer.toBuffer(file);
}
