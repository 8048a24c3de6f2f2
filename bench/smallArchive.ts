import { migrate } from '../src/store/migrate.js';
import { seedDesk, type Desk } from '../tests/helpers/desk.js';
import { publishThrough, seedCategories } from '../tests/helpers/portal.js';

const PARAGRAPH = 'Sáng 30/11, UBND tỉnh tổ chức hội nghị trực tuyến với các sở, ngành và địa phương để đánh giá tiến độ giải ngân vốn đầu tư công.';

/**
 * A migrated SQLite archive of `items` articles published a second apart through the real use cases (two sections,
 * eight paragraphs each), as the side-by-side benches serve it; the desk is left open for more, the last code given.
 */
export async function smallArchive(url: string, items: number): Promise<{ desk: Desk; article: string }> {
  await migrate(url);
  const desk = await seedDesk(url, new Date().toISOString());
  await seedCategories(desk);
  let article = '';
  for (let i = 1; i <= items; i += 1) {
    desk.time.advance(1_000);
    article = (await publishThrough(desk, { title: `Tin số ${i}: Đồng Nai đẩy mạnh giải ngân vốn đầu tư công`, summary: 'Tỉnh đặt mục tiêu giải ngân trên 95% kế hoạch vốn năm 2026.', body: Array(8).fill(PARAGRAPH).join('\n\n'), mediaRefs: [] }, i % 2 ? 'kinh-te' : 'thoi-su')).code;
  }
  return { desk, article };
}
