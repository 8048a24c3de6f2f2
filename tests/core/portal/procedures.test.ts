import { describe, expect, it } from 'vitest';
import { checkProcedure, proceduresOf, PROCEDURES_MAX } from '../../../src/core/portal/procedures.js';

const HOSTS = ['dichvucong.dongnai.gov.vn', 'dichvucong.gov.vn'];
const reason = (r: ReturnType<typeof checkProcedure>) => (r.ok ? 'ok' : r.reason);

describe('a procedure link as the operator types it', () => {
  it('points at the public-service portal only: look-alike hosts, other schemes and credentials are refused', () => {
    expect(reason(checkProcedure({ nameVi: 'Cấp phép', url: 'https://dichvucong.dongnai.gov.vn/tt/1' }, HOSTS, []))).toBe('ok');
    expect(reason(checkProcedure({ nameVi: 'Cấp phép', url: 'https://tinh.dichvucong.gov.vn/tt/1' }, HOSTS, []))).toBe('ok');
    for (const url of ['https://dichvucong.gov.vn.evil.example/x', 'https://evil-dichvucong.gov.vn/x', 'https://gov.vn/x']) {
      expect(reason(checkProcedure({ nameVi: 'Cấp phép', url }, HOSTS, [])), url).toBe('proc_host_not_allowed');
    }
    for (const url of ['javascript:alert(1)', 'ftp://dichvucong.gov.vn/x', 'https://user:pw@dichvucong.gov.vn/x', 'dichvucong.gov.vn/x', `https://dichvucong.gov.vn/${'a'.repeat(3000)}`]) {
      expect(reason(checkProcedure({ nameVi: 'Cấp phép', url }, HOSTS, [])), url.slice(0, 40)).toBe('proc_bad_url');
    }
  });

  it('needs a readable name, and no address twice or past the limit', () => {
    for (const nameVi of ['', '   ', 'Tên\u202Egiả', 'Dòng\nhai', 'Ư'.repeat(401)]) expect(reason(checkProcedure({ nameVi, url: 'https://dichvucong.gov.vn/a' }, HOSTS, []))).toBe('proc_name_required');
    const made = checkProcedure({ nameVi: ' Cấp phép ', url: 'https://DICHVUCONG.gov.vn/a' }, HOSTS, []);
    expect(made).toEqual({ ok: true, value: { nameVi: 'Cấp phép', nameEn: 'Cấp phép', url: 'https://dichvucong.gov.vn/a' } });
    const list = made.ok ? [made.value] : [];
    expect(reason(checkProcedure({ nameVi: 'Lần hai', url: 'https://dichvucong.gov.vn/a' }, HOSTS, list))).toBe('proc_exists');
    const full = Array.from({ length: PROCEDURES_MAX }, (_, i) => ({ nameVi: `T${i}`, nameEn: `T${i}`, url: `https://dichvucong.gov.vn/${i}` }));
    expect(reason(checkProcedure({ nameVi: 'Thêm', url: 'https://dichvucong.gov.vn/new' }, HOSTS, full))).toBe('proc_too_many');
    expect(proceduresOf(JSON.stringify(list))).toEqual(list);
    expect(proceduresOf(null)).toEqual([]);
  });
});
