/**
 * The public questions at size: /vi/hoi-dap, a search, and page 50 through the cursor, drawn afresh
 * (the page cache emptied before each request, as the first visitor after a publication finds them),
 * with 1 000 published tickets and then with 100 000, printed side by side with their ratio.
 *
 *   tsx bench/ticketsPortal.ts
 * BENCH_TICKETS (default 100000) sizes the large run; BENCH_DATABASE_URL runs it on an empty, migrated
 * PostgreSQL database instead of a fresh SQLite file. The rows are written in batches in exactly the
 * shape the desk's steps leave a published ticket (assign, answer, decide: updateTicket's fields and
 * its searchText), which is faster than taking 100 000 tickets through the use cases one by one.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Deps } from '../src/app/deps.js';
import { initialise } from '../src/app/people.js';
import { calendarSource } from '../src/app/tickets/calendarSource.js';
import type { TicketEnv } from '../src/app/tickets/env.js';
import { auditKeys } from '../src/core/audit.js';
import { formTokenKey } from '../src/core/interactions/formToken.js';
import { searchable } from '../src/core/search.js';
import { ticketCode } from '../src/core/tickets/model.js';
import { TICKET_FIELDS } from '../src/core/tickets/portalForm.js';
import { publicNameOf, withoutContactData } from '../src/core/tickets/privacy.js';
import { ticketLinkKey } from '../src/core/tickets/links.js';
import { publicWeb } from '../src/http/web.js';
import { openClient } from '../src/store/client.js';
import { migrate } from '../src/store/migrate.js';
import { createPrismaStore } from '../src/store/prismaStore.js';

const LARGE = Number(process.env.BENCH_TICKETS ?? 100_000);
const SMALL = 1_000;
const RUNS = 15;
const BATCH = 1_000;
const SECRET = 'bench-hub-secret-0123456789abcdef0123456789';
const START = Date.UTC(2026, 0, 5, 2, 0, 0);

/** Ten topics: a search for one of them matches a tenth of the questions. */
const TOPICS = [
  ['Cấp giấy chứng nhận quyền sử dụng đất', 'Thời hạn cấp giấy chứng nhận quyền sử dụng đất là bao lâu?', 'Không quá 15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.'],
  ['Học phí năm học mới', 'Học phí trường trung học cơ sở năm nay là bao nhiêu?', 'Theo nghị quyết của Hội đồng nhân dân tỉnh về mức thu học phí.'],
  ['Đèn đường hỏng', 'Đèn đường trước chợ đã hỏng hai tuần, gọi 0912 345 678.', 'Công ty chiếu sáng đã thay bóng đèn.'],
  ['Đăng ký hộ kinh doanh', 'Đăng ký hộ kinh doanh cần những giấy tờ gì?', 'Giấy đề nghị đăng ký và bản sao giấy tờ pháp lý của chủ hộ.'],
  ['Bảo hiểm y tế hộ gia đình', 'Mức đóng bảo hiểm y tế hộ gia đình năm nay?', 'Người thứ nhất đóng 4,5% mức lương cơ sở.'],
  ['Trợ cấp thất nghiệp', 'Tôi nghỉ việc thì có được trợ cấp thất nghiệp không?', 'Có, nếu đã đóng bảo hiểm thất nghiệp đủ 12 tháng.'],
  ['Giấy phép xây dựng nhà ở', 'Xây nhà ở nông thôn có cần giấy phép xây dựng?', 'Nhà ở riêng lẻ ở nông thôn được miễn giấy phép trừ khu vực có quy hoạch.'],
  ['Ô nhiễm tiếng ồn', 'Xưởng gỗ gây ồn ban đêm, đề nghị kiểm tra.', 'Đoàn kiểm tra đã lập biên bản và yêu cầu ngừng hoạt động ban đêm.'],
  ['Hỗ trợ giống cây trồng', 'Nông dân trồng điều được hỗ trợ giống không?', 'Có chương trình hỗ trợ giống điều ghép năng suất cao.'],
  ['Thuế đất phi nông nghiệp', 'Cách tính thuế sử dụng đất phi nông nghiệp?', 'Diện tích nhân giá đất nhân thuế suất theo bậc.'],
] as const;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'portal-hub-bench-tickets-'));
  const url = process.env.BENCH_DATABASE_URL ?? `file:${join(dir, 'bench.db')}`;
  await migrate(url);
  const store = createPrismaStore(url, auditKeys(SECRET));
  const db = openClient(url);
  try {
    const deps: Deps = { store, clock: () => new Date(), timeZone: 'Asia/Ho_Chi_Minh' };
    const init = await initialise(deps, { key: 'tinh', kind: 'province', nameVi: 'Cổng tỉnh', nameEn: 'Province', codePrefix: 'BP' }, { displayName: 'Quản Trị' });
    if (!init.ok) throw new Error(init.reason);
    const site = init.value.site.id;
    const staff = init.value.admin.id;
    const env: TicketEnv = { deps, calendar: calendarSource(deps, null), settings: { answerWorkingDays: 15, remindWorkingDays: 2, publicName: 'initials', linkDays: 14 }, portalBaseUrl: 'https://bench.example', linkKey: ticketLinkKey(SECRET) };
    const web = publicWeb({ deps, baseUrl: 'https://bench.example', mediaDir: dir, emc: null, forms: { key: formTokenKey(SECRET), perMinute: 5, minSeconds: 3, trustedProxies: new Set() }, tickets: env });

    /** Tickets n in [from, to): received, assigned, answered, decided to publish, one minute apart. */
    const fill = async (from: number, to: number) => {
      for (let start = from; start < to; start += BATCH) {
        const data = Array.from({ length: Math.min(BATCH, to - start) }, (_, k) => {
          const n = start + k;
          const [subject, question, answer] = TOPICS[n % TOPICS.length]!;
          const receivedAt = new Date(START + n * 60_000);
          const answeredAt = new Date(receivedAt.getTime() + 3 * 86_400_000);
          const text = `${question} (số ${n})`;
          const publicQuestion = withoutContactData(text);
          const publicAnswer = withoutContactData(answer);
          return {
            id: randomUUID(), code: ticketCode('question', 2026, n + 1), kind: 'question', siteId: site, channel: 'portal', state: 'answered', dedupeKey: `bench:${n}`,
            subject, question: text, field: TICKET_FIELDS[n % TICKET_FIELDS.length]!, lang: 'vi', senderName: `Nguyễn Văn Dân ${n}`, senderEmail: `dan${n}@example.vn`,
            senderContact: JSON.stringify({ phone: '0912 345 678' }), receivedAt, verifiedAt: receivedAt, unitSiteId: site, assigneeId: staff, assignedAt: receivedAt,
            dueAt: new Date(receivedAt.getTime() + 21 * 86_400_000), answerText: answer, answeredById: staff, answeredAt, answerSentVia: 'email',
            publish: true, publishReason: 'Có ích cho nhiều người', decidedById: staff, decidedAt: answeredAt, publicName: publicNameOf(`Nguyễn Văn Dân ${n}`, 'initials'),
            publicQuestion, publicAnswer, searchText: searchable(`${publicQuestion}\n${publicAnswer}`), version: 3, updatedAt: answeredAt,
          };
        });
        await db.ticket.createMany({ data });
      }
    };

    const time = async (path: string) => {
      const ms: number[] = [];
      for (let i = 0; i < RUNS; i += 1) {
        web.cache.clear();
        const t = performance.now();
        const r = await web.app.request(path);
        await r.text();
        ms.push(performance.now() - t);
        if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
      }
      return median(ms);
    };
    const page50 = async () => {
      let cursor: string | null = null;
      for (let i = 1; i < 50; i += 1) cursor = (await store.publicTickets({ cursor, limit: 20 })).next;
      if (!cursor) throw new Error('fewer than 50 pages');
      return `/vi/hoi-dap?tiep=${cursor}`;
    };
    const measure = async () => ({
      list: await time('/vi/hoi-dap'),
      search: await time(`/vi/hoi-dap?q=${encodeURIComponent('giấy chứng nhận')}`),
      searchRare: await time(`/vi/hoi-dap?q=${encodeURIComponent('số 777')}`),
      page50: await time(await page50()),
    });

    console.log(`Public questions: /vi/hoi-dap drawn afresh, median of ${RUNS}, ${url.startsWith('file:') ? 'SQLite' : 'PostgreSQL'}`);
    await fill(0, SMALL);

    // One round unmeasured: the first requests pay for compiling the code paths and preparing the queries.
    await measure();
    const small = await measure();
    const t = performance.now();
    await fill(SMALL, LARGE);
    console.log(`  filled ${LARGE - SMALL} more published tickets in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const large = await measure();
    const rows: [string, keyof typeof small][] = [
      ['/vi/hoi-dap (newest 20)', 'list'],
      ['search “giấy chứng nhận” (1 in 10 match)', 'search'],
      ['search “số 777” (a few match)', 'searchRare'],
      ['page 50 through the cursor', 'page50'],
    ];
    console.log(`  ${'page'.padEnd(44)} ${String(SMALL).padStart(9)} ${String(LARGE).padStart(9)}   ratio`);
    for (const [label, key] of rows) console.log(`  ${label.padEnd(44)} ${small[key].toFixed(1).padStart(6)} ms ${large[key].toFixed(1).padStart(6)} ms   × ${(large[key] / small[key]).toFixed(2)}`);
    console.log(`  Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  } finally {
    await db.$disconnect();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
