import { describe, expect, it } from 'vitest';
import { auditHash, ChainVerifier, GENESIS_HASH, type AuditRow } from '../../src/core/audit.js';

function chain(n: number): AuditRow[] {
  const rows: AuditRow[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq += 1) {
    const fields = { seq, at: new Date(Date.UTC(2026, 10, 30, 0, seq)), actorId: `p${seq}`, action: 'item.approve', subjectType: 'item', subjectId: `i${seq}`, data: `{"n":${seq}}` };
    const hash = auditHash(prev, fields);
    rows.push({ ...fields, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

function verify(rows: AuditRow[], headSeq: number) {
  const v = new ChainVerifier(headSeq);
  for (const row of rows) if (!v.push(row)) break;
  return v.finish();
}

describe('audit hash chain', () => {
  it('an intact chain verifies', () => {
    expect(verify(chain(5), 5)).toEqual({ verified: 5, break: null });
  });

  it('an altered row is named', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2]!, actorId: 'someone-else' };
    expect(verify(rows, 5).break).toEqual({ kind: 'altered', seq: 3 });
  });

  it('an altered row whose own hash was recomputed is found by the next link', () => {
    const rows = chain(5);
    const forged = { ...rows[1]!, data: '{"n":99}' };
    rows[1] = { ...forged, hash: auditHash(forged.prevHash, forged) };
    expect(verify(rows, 5).break).toEqual({ kind: 'altered', seq: 2 });
  });

  it('a deleted row is named as missing', () => {
    const rows = chain(5);
    rows.splice(3, 1);
    expect(verify(rows, 5).break).toEqual({ kind: 'missing', seq: 4 });
  });

  it('rows deleted from the end are noticed against the recorded head', () => {
    expect(verify(chain(5).slice(0, 3), 5).break).toEqual({ kind: 'truncated', seq: 4 });
  });

  it('an inserted row is named', () => {
    const rows = chain(5);
    const extra = { ...rows[4]!, seq: 6, prevHash: rows[4]!.hash };
    rows.push({ ...extra, hash: auditHash(extra.prevHash, extra) });
    expect(verify(rows, 5).break).toEqual({ kind: 'inserted', seq: 6 });
  });
});
