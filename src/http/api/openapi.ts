import { z } from 'zod';
import { CategoryListSchema, ErrorSchema, GoneSchema, InteractionListSchema, InteractionQuerySchema, ItemDetailSchema, ItemListSchema, ItemQuerySchema, ItemSchema, SiteListSchema, StatsQuerySchema, StatsSchema, TicketReportQuerySchema, TicketReportSchema } from './schemas.js';
import { DocumentListSchema, DocumentParameterErrorSchema, DocumentQuerySchema } from './documentSchemas.js';

const json = (schema: z.ZodType) => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output' }) as Record<string, unknown>;
  return rest;
};
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const content = (name: string) => ({ 'application/json': { schema: ref(name) } });

function queryParameters(query: z.ZodType = ItemQuerySchema): object[] {
  const schema = z.toJSONSchema(query, { io: 'input' }) as { properties: Record<string, { description?: string }>; required?: string[] };
  return Object.entries(schema.properties).map(([name, prop]) => {
    const { description, ...rest } = prop;
    return { name, in: 'query', required: schema.required?.includes(name) ?? false, description, schema: rest };
  });
}

const NOT_MODIFIED = { description: 'Not modified: the `ETag` sent in `If-None-Match` is still current' };
const BAD = { description: 'A parameter is wrong; `problems` says which', content: content('Error') };

/** OpenAPI 3.1: JSON Schema 2020-12 is its schema dialect, so the shapes go in as zod draws them. */
export function openApiDocument(baseUrl: string, version: string): object {
  return {
    openapi: '3.1.0',
    info: {
      title: 'portal-hub — dữ liệu mở / open data',
      version,
      description:
        'Tin bài đã xuất bản trên Cổng, dạng dữ liệu có cấu trúc. Mọi phản hồi có ETag; gửi lại trong If-None-Match để nhận 304. / ' +
        'Published items as structured data. Every response carries an ETag; send it back in If-None-Match to get 304.',
    },
    servers: [{ url: baseUrl }],
    paths: {
      '/api/v1/items': {
        get: {
          operationId: 'listItems',
          summary: 'Tin bài đã xuất bản, mới nhất trước; có q thì phù hợp nhất trước / Published items, newest first; with q, best match first',
          parameters: queryParameters(),
          responses: {
            '200': { description: 'A page of items', content: content('ItemList') },
            '304': NOT_MODIFIED,
            '400': BAD,
            '503': { description: 'With `q`: too many searches are waiting; try again in a few seconds', content: content('Error') },
          },
        },
      },
      '/api/v1/documents': {
        get: {
          operationId: 'listDocuments',
          summary: 'Văn bản đã đăng, ngày ban hành mới nhất trước / Published documents, newest issue date first',
          parameters: queryParameters(DocumentQuerySchema),
          responses: {
            '200': { description: 'A page of documents (20 a page), public metadata only', content: content('DocumentList') },
            '400': { description: 'A parameter is not valid; `parameter` names it', content: content('DocumentParameterError') },
            '503': { description: 'With `q`: too many searches are waiting', content: content('Error') },
          },
        },
      },
      '/api/v1/items/{code}': {
        get: {
          operationId: 'getItem',
          summary: 'Một tin bài theo mã / One item by its code',
          parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': { description: 'The item, with its readers’ rating and share counts', content: content('ItemDetail') },
            '304': NOT_MODIFIED,
            '404': { description: 'No such item', content: content('Error') },
            '410': { description: 'Taken down, with when and why', content: content('Gone') },
          },
        },
      },
      '/api/v1/interactions': {
        get: {
          operationId: 'listInteractions',
          summary: 'Tương tác đã công khai (bình luận, câu hỏi và trả lời), mới nhất trước / Published interactions (comments, questions and answers), newest first',
          description:
            'Chỉ những gì Ban Biên tập đã duyệt; không có địa chỉ, mã tài khoản hay điểm đánh giá từng người. / Only what the editorial board published; no addresses, account ids or individual ratings.',
          parameters: queryParameters(InteractionQuerySchema),
          responses: { '200': { description: 'A page of interactions', content: content('InteractionList') }, '304': NOT_MODIFIED, '400': BAD },
        },
      },
      '/api/v1/reports/tickets': {
        get: {
          operationId: 'ticketReport',
          summary: 'Số liệu hỏi đáp, phản ánh kiến nghị theo kỳ: theo trạng thái, kênh, loại, đơn vị; đúng hạn, trễ hạn, quá hạn / Questions and complaints in a period: by state, channel, kind and unit; on time, late, overdue',
          description:
            'Chỉ có số đếm, không có nội dung, tên hay địa chỉ liên hệ. Ngày tính theo múi giờ của tỉnh; `to` được tính. / Counts only: no text, names or contact data. Days are read in the province’s time zone; `to` is included.',
          parameters: queryParameters(TicketReportQuerySchema),
          responses: { '200': { description: 'The counts for the period', content: content('TicketReport') }, '304': NOT_MODIFIED, '400': BAD },
        },
      },
      '/api/v1/categories': {
        get: { operationId: 'listCategories', summary: 'Chuyên mục / Sections', responses: { '200': { description: 'Every section', content: content('CategoryList') }, '304': NOT_MODIFIED } },
      },
      '/api/v1/stats': {
        get: {
          operationId: 'stats',
          summary: 'Số liệu công khai của một kỳ: tin đã xuất bản, lượt xem, người đọc, tin được đọc nhiều / Public figures of a period: items published, page views, readers, most read articles',
          description:
            'Chỉ số liệu công khai: không có bản nháp, tên hay địa chỉ. Lượt xem do máy chủ đếm (kể cả trang lấy từ bộ nhớ đệm), không tính máy tìm kiếm; không dùng cookie, không lưu địa chỉ IP. / Public figures only: no drafts, names or addresses. Views are counted by the server (kept pages included), known bots left out; no cookie, no address stored.',
          parameters: queryParameters(StatsQuerySchema),
          responses: { '200': { description: 'The figures for the period', content: content('Stats') }, '400': BAD },
        },
      },
      '/api/v1/sites': {
        get: { operationId: 'listSites', summary: 'Cổng và cổng thành phần / The portal and its component sites', responses: { '200': { description: 'Every site', content: content('SiteList') }, '304': NOT_MODIFIED } },
      },
    },
    components: {
      schemas: {
        Item: json(ItemSchema),
        ItemDetail: json(ItemDetailSchema),
        InteractionList: json(InteractionListSchema),
        ItemList: json(ItemListSchema),
        CategoryList: json(CategoryListSchema),
        SiteList: json(SiteListSchema),
        Stats: json(StatsSchema),
        TicketReport: json(TicketReportSchema),
        Error: json(ErrorSchema),
        Gone: json(GoneSchema),
        DocumentList: json(DocumentListSchema),
        DocumentParameterError: json(DocumentParameterErrorSchema),
      },
    },
  };
}
