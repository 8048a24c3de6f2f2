import { afterAll, beforeAll } from 'vitest';
import type { TestDatabase } from './databases.js';
import type { Deps } from '../../src/app/deps.js';
import { addPerson, grant, initialise, OPERATOR } from '../../src/app/people.js';
import type { Role } from '../../src/core/roles.js';
import { auditKeys } from '../../src/core/audit.js';
import { createPrismaStore } from '../../src/store/prismaStore.js';

/** The hub secret of in-process test desks (the Telegram helper signs buttons with it too). */
export const TEST_HUB_SECRET = 'a'.repeat(64);

/** A clock the test moves by hand. */
export function testClock(start = '2026-11-30T02:00:00Z') {
  let now = new Date(start);
  return {
    clock: () => new Date(now),
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
  };
}

export type Desk = Awaited<ReturnType<typeof seedDesk>>;

/** The province's editorial board from shared/data/sample-province.json, through the real use cases. */
export async function seedDesk(url: string, start?: string) {
  const time = testClock(start);
  const store = createPrismaStore(url, auditKeys(TEST_HUB_SECRET));
  const deps: Deps = { store, clock: time.clock, timeZone: 'Asia/Ho_Chi_Minh' };
  const init = await initialise(deps, { key: 'tinh', kind: 'province', nameVi: 'Cổng thông tin điện tử tỉnh Bình Phước', nameEn: 'Binh Phuoc Provincial Portal', codePrefix: 'BP' }, { displayName: 'Quản trị hệ thống' });
  if (!init.ok) throw new Error(init.reason);
  const people = {
    head: ['Nguyễn Văn An', 'head'],
    deputy: ['Trần Thị Bích', 'deputy'],
    secretary: ['Lê Minh Châu', 'secretary'],
    editor1: ['Phạm Thu Dung', 'editor'],
    editor2: ['Hoàng Quốc Đạt', 'editor'],
    tech: ['Võ Thanh Hải', 'tech'],
    collaborator: ['Đặng Thị Hoa', 'collaborator'],
  } satisfies Record<string, [string, Role]>;
  const ids = { admin: init.value.admin.id } as Record<keyof typeof people | 'admin', string>;
  for (const [key, [name, role]] of Object.entries(people) as [keyof typeof people, [string, Role]][]) {
    const person = await addPerson(deps, { displayName: name }, OPERATOR);
    const granted = await grant(deps, OPERATOR, { personId: person.id, siteKey: 'tinh', role });
    if (!granted.ok) throw new Error(granted.reason);
    ids[key] = person.id;
  }
  return { deps, store, time, site: init.value.site, id: ids };
}

/**
 * A seeded desk on a fresh database of one backend for the calling suite, closed and dropped after it (the
 * `describe.each(BACKENDS)` set-up). The getter is read inside a test; a skipped backend has none.
 */
export function deskPerSuite(backend: { fresh: () => Promise<TestDatabase>; skip: boolean }, start?: string): () => Desk {
  let db: TestDatabase | null = null;
  let desk: Desk | null = null;
  beforeAll(async () => {
    if (backend.skip) return;
    db = await backend.fresh();
    desk = await seedDesk(db.url, start);
  });
  afterAll(async () => {
    await desk?.store.close();
    await db?.drop();
  });
  return () => {
    if (!desk) throw new Error('no desk: this backend is skipped');
    return desk;
  };
}
