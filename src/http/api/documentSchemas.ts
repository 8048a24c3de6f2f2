import { z } from 'zod';
import { DOCUMENT_TYPE_KEYS } from '../../core/documents/record.js';

/** `GET /api/v1/documents` (src/http/portal/documents.ts): the library's filters, every one optional. */
export const DocumentQuerySchema = z.object({
  number: z.string().optional().describe('Số ký hiệu, hoặc phần đầu của nó (123/QĐ-UBND, 123/) / The number and symbol, or its beginning'),
  type: z.enum(DOCUMENT_TYPE_KEYS as [string, ...string[]]).optional().describe('Loại văn bản / Document type'),
  agency: z.string().optional().describe('Cơ quan ban hành (không phân biệt hoa thường, dấu) / Issuing agency (case and accents ignored)'),
  signer: z.string().optional().describe('Người ký / Signer'),
  field: z.string().optional().describe('Lĩnh vực / Field'),
  year: z.string().regex(/^\d{4}$/).optional().describe('Năm ban hành / Year of issue'),
  q: z.string().optional().describe('Từ trong nội dung tệp hoặc trích yếu / A word of the file’s text or the title'),
  site: z.string().optional().describe('Mã trang thành phần / A component site’s key'),
  page: z.string().regex(/^\d{1,5}$/).optional().describe('Trang, từ 1 / Page, from 1'),
});

export const DocumentSchema = z.object({
  code: z.string(),
  url: z.string(),
  site: z.string(),
  title: z.string(),
  number: z.string(),
  type: z.string(),
  agency: z.string(),
  signer: z.string(),
  field: z.string(),
  issued: z.string().describe('YYYY-MM-DD'),
  effective: z.string().nullable().describe('YYYY-MM-DD'),
  file: z.string().nullable().describe('The PDF or DOCX'),
  publishedAt: z.string(),
  publishedAfterWorkingDays: z.number().int().describe('Working days from the issue date to publication (the issue day not counted)'),
  deadlineWorkingDays: z.number().int().describe('The update deadline for its type (notes/regulation.md §2a.4)'),
  onTime: z.boolean(),
});

export const DocumentListSchema = z.object({ documents: z.array(DocumentSchema), total: z.number().int(), page: z.number().int(), pages: z.number().int() });
export const DocumentParameterErrorSchema = z.object({ error: z.literal('bad_parameter'), parameter: z.string(), message: z.string() });
