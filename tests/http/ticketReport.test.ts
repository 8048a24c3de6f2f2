import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPerson, createSite, OPERATOR } from '../../src/app/people.js';
import { actOnTicket } from '../../src/app/tickets/act.js';
import { calendarSource } from '../../src/app/tickets/calendarSource.js';
import type { TicketEnv } from '../../src/app/tickets/env.js';
import { receiveTicket, type Receipt } from '../../src/app/tickets/receive.js';
import { localDateTime } from '../../src/core/dates.js';
import { ticketLinkKey } from '../../src/core/tickets/links.js';
import type { TicketCommand } from '../../src/core/tickets/model.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { TEST_HUB_SECRET } from '../helpers/desk.js';
import { BASE, portalFixture, type PortalFixture } from '../helpers/portal.js';

type Json = Record<string, unknown>;
const VN = 'Asia/Ho_Chi_Minh';
const local = (text: string) => localDateTime(text, VN)!;

/**
 * The reports feed over HTTP, on tickets received and stepped through the real use cases. The desk's
 * clock starts at Monday 30/11/2026 09:00 in the province; answer dates are 15 working days on.
 */
describe.each(BACKENDS)('GET /api/v1/reports/tickets on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let p: PortalFixture;
  let validate: (body: unknown) => void;

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    p = await portalFixture(db.url);
    const deps = p.desk.deps;
    const env: TicketEnv = {
      deps, calendar: calendarSource(deps, null), settings: { answerWorkingDays: 15, remindWorkingDays: 2, publicName: 'initials', linkDays: 14 }, portalBaseUrl: BASE, linkKey: ticketLinkKey(TEST_HUB_SECRET),
    };
    const department = await createSite(deps, { key: 'so-tnmt', kind: 'department', nameVi: 'Sở Tài nguyên và Môi trường', nameEn: 'Department of Natural Resources and Environment', codePrefix: 'TNMT', parentKey: 'tinh' });
    const commune = await createSite(deps, { key: 'xa-tan-binh', kind: 'commune', nameVi: 'UBND xã Tân Bình', nameEn: 'Tan Binh Commune', codePrefix: 'XTB', parentKey: 'tinh' });
    if (!department.ok || !commune.ok) throw new Error('sites refused');
    const officer = await addPerson(deps, { displayName: 'Lý Văn Cường', email: 'cuong@tnmt.example.vn' }, OPERATOR);
    const editor = { kind: 'person' as const, personId: p.desk.id.editor1 };

    let n = 0;
    const receive = async (at: string, over: Partial<Receipt> = {}) => {
      n += 1;
      const r = await receiveTicket(env, { kind: 'question', channel: 'portal', dedupeKey: `report:${n}`, siteId: null, question: `Câu hỏi số ${n}`, senderName: `Người dân ${n}`, senderEmail: `dan${n}@example.vn`, receivedAt: local(at), ...over });
      if (!r.ok) throw new Error(r.reason);
      return r.value.ticket.code;
    };
    const act = async (code: string, command: TicketCommand) => {
      const r = await actOnTicket(env, editor, code, command);
      if (!r.ok) throw new Error(`${command.type} ${code}: ${r.reason}`);
    };
    const hour = 3_600_000;

    // Mon 2/11: its unit is given until Tue 1/12 17:00 and has not answered by 2/12: overdue.
    const overdue = await receive('02/11/2026 09:00');
    await act(overdue, { type: 'assign', unitSiteId: department.value.id, assigneeId: officer.id, dueAt: local('01/12/2026 17:00') });
    // Tue 3/11: the commune is given until 30/11 12:00 and answers at 13:00: late.
    const late = await receive('03/11/2026 14:00', { kind: 'complaint', channel: 'contact' });
    await act(late, { type: 'assign', unitSiteId: commune.value.id, assigneeId: officer.id, dueAt: local('30/11/2026 12:00') });
    // Wed 25/11 (due 16/12): answered at 13:00 on 30/11, published and archived: on time.
    const onTime = await receive('25/11/2026 10:00', { channel: 'email' });
    await act(onTime, { type: 'assign', unitSiteId: department.value.id, assigneeId: officer.id, dueAt: local('11/12/2026 17:00') });
    p.desk.time.advance(4 * hour);
    await act(late, { type: 'answer', text: 'Xã đã vá đoạn đường trước chợ.' });
    await act(onTime, { type: 'answer', text: 'Hồ sơ gồm đơn đề nghị và bản sao giấy chứng nhận.' });
    await act(onTime, { type: 'decide', publish: true, reason: 'Nhiều người cùng hỏi' });
    await act(onTime, { type: 'archive' });
    // Fri 20/11 by phone (due 11/12): open, not due yet.
    await receive('20/11/2026 08:00', { kind: 'complaint', channel: 'phone', senderEmail: null, receivedById: p.desk.id.editor1 });
    // Tue 10/11: out of scope.
    const declined = await receive('10/11/2026 09:00');
    await act(declined, { type: 'decline', reason: 'Không thuộc thẩm quyền của tỉnh' });
    // Sunday 1/11 at 00:30 in the province is still Saturday 31/10 in UTC: November's. Never handled, due
    // Fri 20/11: overdue. 31/10 at 23:30 is October's.
    await receive('01/11/2026 00:30');
    await receive('31/10/2026 23:30', { channel: 'post', senderEmail: null });
    // The report is read on Wed 2/12 at 09:00.
    p.desk.time.advance(44 * hour);

    const doc = (await (await p.get('/api/openapi.json')).json()) as { components: Json };
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addSchema({ $id: 'https://portal-hub.test/openapi.json', components: doc.components });
    const check = ajv.getSchema('https://portal-hub.test/openapi.json#/components/schemas/TicketReport')!;
    validate = (body) => expect(check(body), JSON.stringify(check.errors)).toBe(true);
  }, 120_000);
  afterAll(async () => {
    if (skip) return;
    await p.close();
    await db.drop();
  });

  const get = async (query: string) => {
    const r = await p.get(`/api/v1/reports/tickets?${query}`);
    return { status: r.status, body: (await r.json()) as Json };
  };

  it.skipIf(skip)('counts a month by state, channel, kind and unit, on time against late against overdue, with days read in the province', async () => {
    const { status, body } = await get('from=2026-11-01&to=2026-11-30');
    expect(status).toBe(200);
    validate(body);
    expect(body).toMatchObject({ from: '2026-11-01', to: '2026-11-30', timeZone: VN, site: null, total: 6 });
    expect(body.byState).toEqual({ received: 2, verifying: 0, handling: 1, answered: 1, archived: 1, declined: 1 });
    expect(body.byChannel).toEqual({ portal: 3, contact: 1, email: 1, phone: 1, post: 0, 'in-person': 0, 'document-system': 0, interaction: 0 });
    expect(body.byKind).toEqual({ question: 4, complaint: 2 });
    expect(body.asOf).toBe(local('02/12/2026 09:00').toISOString());
    expect(body.timeliness).toEqual({ onTime: 1, late: 1, overdue: 2 });
    expect(body.byUnit).toEqual([
      { site: null, name: null, count: 3, onTime: 0, late: 0, overdue: 1 },
      { site: 'so-tnmt', name: { vi: 'Sở Tài nguyên và Môi trường', en: 'Department of Natural Resources and Environment' }, count: 2, onTime: 1, late: 0, overdue: 1 },
      { site: 'xa-tan-binh', name: { vi: 'UBND xã Tân Bình', en: 'Tan Binh Commune' }, count: 1, onTime: 0, late: 1, overdue: 0 },
    ]);
    // Counts only: nothing a citizen wrote or gave about themselves.
    expect(JSON.stringify(body)).not.toMatch(/Người dân|example\.vn|Câu hỏi|HD-|PA-/);
  });

  it.skipIf(skip)('narrows to a unit and the sites under it; October holds only the receipt of 31/10 at 23:30', async () => {
    const unit = await get('from=2026-11-01&to=2026-11-30&site=xa-tan-binh');
    validate(unit.body);
    expect(unit.body).toMatchObject({ site: 'xa-tan-binh', total: 1, timeliness: { onTime: 0, late: 1, overdue: 0 } });
    const province = await get('from=2026-11-01&to=2026-11-30&site=tinh');
    expect(province.body.total).toBe(6);
    const october = await get('from=2026-10-01&to=2026-10-31');
    expect(october.body).toMatchObject({ total: 1, byChannel: { post: 1 } });
  });

  it.skipIf(skip)('refuses a period it cannot read, naming the parameter', async () => {
    for (const [query, problem] of [
      ['from=2026-11-01', 'to:'],
      ['from=01/11/2026&to=2026-11-30', 'from:'],
      ['from=2026-11-30&to=2026-11-01', 'to: before from'],
      ['from=2025-01-01&to=2026-01-02', 'to: at most 366 days'],
    ] as const) {
      const r = await get(query);
      expect(r.status, query).toBe(400);
      expect(r.body.error).toBe('bad_query');
      expect((r.body.problems as string[]).join(' '), query).toContain(problem);
    }
    const unknown = await get('from=2026-11-01&to=2026-11-30&site=khong-co');
    expect(unknown).toMatchObject({ status: 400, body: { error: 'unknown_site' } });
    // A whole year is fine.
    expect((await get('from=2026-01-01&to=2026-12-31')).body.total).toBe(7);
  });
});
