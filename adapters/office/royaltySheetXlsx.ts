import ExcelJS from 'exceljs';
import type { SheetDocument } from '../../src/app/royalties/ports.js';
import { message } from '../../src/core/messages.js';
import { shownDay } from '../../src/core/dates.js';
import { shownMonth } from '../../src/core/royalties/months.js';
import { rowNote } from '../../src/core/royalties/rows.js';
import { dongInWords } from '../../src/core/royalties/words.js';

const MONEY = '#,##0';

/**
 * The month's royalty sheet as the accountant files it: one row per author per work (and per fee, named in
 * the note column: "Thù lao biên tập / Fee for editing") with every figure
 * its amount came from, then one line per person (total, tax withheld, net, a cell to sign), the net in
 * words and the signature block. Figures are numbers, not text: the accountant sums and filters them.
 */
export async function royaltySheetXlsx(doc: SheetDocument): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'portal-hub';
  book.title = `Nhuận bút ${shownMonth(doc.month)} — ${doc.siteName}`;
  const ws = book.addWorksheet(`Nhuan but ${shownMonth(doc.month).replace('/', '-')}`);
  ws.addRow([`BẢNG THANH TOÁN NHUẬN BÚT THÁNG ${shownMonth(doc.month)} / ROYALTY SHEET FOR ${shownMonth(doc.month)}`]).font = { bold: true, size: 13 };
  ws.addRow([`${doc.siteName} — ${message('vi', `royalty_state_${doc.state}`)} / ${message('en', `royalty_state_${doc.state}`)}`]);
  ws.addRow([]);
  const header = ws.addRow([
    'STT / No.', 'Mã tin / Code', 'Tác phẩm / Work', 'Tác giả (bút danh) / Author (pen name)', 'Thể loại / Genre', 'Hệ số / Coefficient',
    'Giá trị 1 hệ số (đồng) / Unit value', 'Mức của trang (%) / Site rate', 'Khuyến khích (%) / Encouragement', 'Tỷ lệ (%) / Share', 'Thành tiền (đồng) / Amount', 'Ghi chú / Note',
  ]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  doc.rows.forEach((r, i) => {
    const row = ws.addRow([
      i + 1, r.code, r.title, r.penName ? `${r.name} (${r.penName})` : r.name, r.genreName, r.coefficient / 100, r.unitValue, r.sitePercent, r.encouragementPercent, r.sharePercent, r.amount,
      [
        r.kind === 'fee' ? `${rowNote(r, 'vi')} / ${rowNote(r, 'en')}` : '',
        r.prior === 0 ? '' : `${message('vi', 'royalty_adjustment')} / ${message('en', 'royalty_adjustment')} (${r.prior.toLocaleString('vi-VN')})`,
      ].filter(Boolean).join('; '),
    ]);
    row.getCell(6).numFmt = '0.00';
    for (const c of [7, 11]) row.getCell(c).numFmt = MONEY;
  });
  ws.addRow([]);
  const payeeHeader = ws.addRow(['', 'Người nhận / Payee', '', '', '', '', '', 'Tổng (đồng) / Gross', 'Thuế TNCN (đồng) / Tax', 'Thực nhận (đồng) / Net', 'Ký nhận / Signature']);
  payeeHeader.font = { bold: true };
  doc.payees.forEach((p, i) => {
    const row = ws.addRow([i + 1, p.name, '', '', '', '', '', p.gross, p.tax, p.net, '']);
    for (const c of [8, 9, 10]) row.getCell(c).numFmt = MONEY;
  });
  const total = ws.addRow(['', 'Cộng / Total', '', '', '', '', '', doc.gross, doc.tax, doc.net, '']);
  total.font = { bold: true };
  for (const c of [8, 9, 10]) total.getCell(c).numFmt = MONEY;
  ws.addRow([]);
  ws.addRow([`Bằng chữ / In words: ${dongInWords(doc.net)}`]).font = { italic: true };
  ws.addRow([`Thuế khấu trừ theo quy định áp dụng từ ${shownDay(doc.taxRuleFrom)}; ngày chi ${shownDay(doc.paymentDay)}. / Tax withheld under the rule in force from ${shownDay(doc.taxRuleFrom)}; payment day ${shownDay(doc.paymentDay)}.`]);
  if (doc.held.length > 0) ws.addRow([`${message('vi', 'royalty_sheet_held', { codes: doc.held.join(', ') })} / ${message('en', 'royalty_sheet_held', { codes: doc.held.join(', ') })}`]).font = { italic: true };
  ws.addRow([]);
  ws.addRow(['', 'Người lập biểu / Prepared by', '', '', 'Thư ký tòa soạn / Secretary', '', '', '', 'Trưởng Ban (Phó Trưởng Ban thường trực) / Head (standing deputy)']).font = { bold: true };
  ws.addRow(['', doc.builtBy ?? '', '', '', doc.checkedBy ?? '', '', '', '', doc.approvedBy ?? '']);
  ws.columns.forEach((col, i) => {
    col.width = [6, 16, 40, 28, 18, 10, 14, 10, 12, 10, 14, 28][i] ?? 12;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
