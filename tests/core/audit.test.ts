import { describe, expect, it } from 'vitest';
import { auditHash, auditKeys, auditMac, ChainVerifier, GENESIS_HASH, GENESIS_MAC, type AuditRow } from '../../src/core/audit.js';

const KEY = auditKeys('core-audit-test-secret-0123456789abcdef').rows;

function chain(n: number): AuditRow[] {
  const rows: AuditRow[] = [];
  let prev = GENESIS_HASH;
  let prevMac = GENESIS_MAC;
  for (let seq = 1; seq <= n; seq += 1) {
    const fields = { seq, at: new Date(Date.UTC(2026, 10, 30, 0, seq)), actorId: `p${seq}`, action: 'item.approve', subjectType: 'item', subjectId: `i${seq}`, data: `{"n":${seq}}` };
    const hash = auditHash(prev, fields);
    const mac = auditMac(KEY, prevMac, fields, null);
    rows.push({ ...fields, prevHash: prev, hash, covers: null, mac });
    prev = hash;
    prevMac = mac;
  }
  return rows;
}

/** Recomputes every fingerprint from `from` on, as someone without the key can. */
function rehash(rows: AuditRow[], from: number): AuditRow[] {
  return rows.map((row, i, all) => {
    if (i < from) return row;
    const prevHash = i === 0 ? GENESIS_HASH : all[i - 1]!.hash;
    const fixed = { ...row, prevHash };
    return (all[i] = { ...fixed, hash: auditHash(prevHash, fixed) });
  });
}

function verify(rows: AuditRow[], headSeq: number) {
  const last = rows.find((r) => r.seq === headSeq) ?? rows.at(-1)!;
  const v = new ChainVerifier({ seq: headSeq, hash: last.hash, mac: last.mac }, KEY);
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

  it('a row rewritten with every later fingerprint recomputed is caught by its key seal', () => {
    const rows = chain(5);
    rows[1] = { ...rows[1]!, data: '{"n":99}' };
    expect(verify(rehash(rows, 1), 5).break).toEqual({ kind: 'altered', seq: 2 });
  });

  it('the last row deleted and the head set back by hand: the head no longer names the last row', () => {
    const rows = chain(5);
    const v = new ChainVerifier({ seq: 4, hash: rows[4]!.hash, mac: rows[4]!.mac }, KEY);
    for (const row of rows.slice(0, 4)) v.push(row);
    expect(v.finish().break).toEqual({ kind: 'head', seq: 4 });
  });
});
