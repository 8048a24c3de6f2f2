import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { auditHash } from '../../src/core/audit.js';
import { writtenTrail, type TrailBed as Bed } from '../helpers/auditTrail.js';
import { runCli } from '../helpers/cli.js';
import { BACKENDS } from '../helpers/databases.js';

/**
 * Someone with write access to the database, but not to the hub secret, edits the trail the way an
 * insider covering a decision would. `audit verify`, run as the operator runs it, must name what
 * changed and exit 1; an untouched trail exits 0.
 */

describe.each(BACKENDS)('the audit trail against tampering, on $name', ({ fresh, skip }) => {
  const beds: Bed[] = [];
  afterEach(async () => {
    for (const bed of beds.splice(0)) await bed.drop();
  });

  async function written(): Promise<Bed> {
    const bed = await writtenTrail(fresh);
    beds.push(bed);
    return bed;
  }

  const verify = (bed: Bed) => runCli(['audit', 'verify'], bed.env);
  const lastSeq = async (bed: Bed) => (await bed.client.auditHead.findUniqueOrThrow({ where: { id: 1 } })).seq;

  /** Exit 1, and each expectation in Vietnamese and then in English. */
  async function expectTampered(bed: Bed, vi: string[], en: string[]) {
    const r = await verify(bed);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stderr).toContain('Nhật ký bị can thiệp:');
    expect(r.stderr).toContain('Audit trail tampered:');
    for (const text of vi) expect(r.stderr).toContain(text);
    for (const text of en) expect(r.stderr).toContain(text);
    expect(r.stderr.indexOf('Nhật ký bị can thiệp:')).toBeLessThan(r.stderr.indexOf('Audit trail tampered:'));
  }

  it.skipIf(skip)('untouched: intact, exit 0', async () => {
    const bed = await written();
    const r = await verify(bed);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Nhật ký nguyên vẹn: ${await lastSeq(bed)} dòng`);
    expect(r.stdout).toContain('Audit trail intact');
  }, 120_000);

  it.skipIf(skip)('a row edited: named', async () => {
    const bed = await written();
    await bed.client.auditEvent.update({ where: { seq: 10 }, data: { actorId: randomUUID() } });
    await expectTampered(bed, ['dòng 10 bị sửa'], ['row 10 altered']);
  }, 120_000);

  it.skipIf(skip)('a row deleted: named', async () => {
    const bed = await written();
    await bed.client.auditEvent.delete({ where: { seq: 12 } });
    await expectTampered(bed, ['dòng 12 bị xóa'], ['row 12 missing']);
  }, 120_000);

  it.skipIf(skip)('a row inserted after the head: named', async () => {
    const bed = await written();
    const last = await bed.client.auditEvent.findUniqueOrThrow({ where: { seq: await lastSeq(bed) } });
    const fields = { ...last, seq: last.seq + 1, action: 'item.approve', data: '{}' };
    await bed.client.auditEvent.create({ data: { ...fields, prevHash: last.hash, hash: auditHash(last.hash, fields) } });
    await expectTampered(bed, [`dòng ${last.seq + 1} bị chèn thêm`], [`row ${last.seq + 1} inserted`]);
  }, 120_000);

  it.skipIf(skip)('two rows swapped: named', async () => {
    const bed = await written();
    const [a, b] = await bed.client.auditEvent.findMany({ where: { seq: { in: [20, 21] } }, orderBy: { seq: 'asc' } });
    await bed.client.$transaction([
      bed.client.auditEvent.update({ where: { seq: 20 }, data: { ...b!, seq: 20 } }),
      bed.client.auditEvent.update({ where: { seq: 21 }, data: { ...a!, seq: 21 } }),
    ]);
    await expectTampered(bed, ['dòng 20 bị sửa'], ['row 20 altered']);
  }, 120_000);

  it.skipIf(skip)('a row rewritten and every later hash recomputed without the key: named', async () => {
    const bed = await written();
    const rows = await bed.client.auditEvent.findMany({ where: { seq: { gte: 15 } }, orderBy: { seq: 'asc' } });
    let prevHash = rows[0]!.prevHash;
    for (const [i, row] of rows.entries()) {
      const fields = i === 0 ? { ...row, actorId: randomUUID(), data: '{"note":"không có gì"}' } : row;
      const hash = auditHash(prevHash, fields);
      await bed.client.auditEvent.update({ where: { seq: row.seq }, data: { actorId: fields.actorId, data: fields.data, prevHash, hash } });
      prevHash = hash;
    }
    await bed.client.auditHead.update({ where: { id: 1 }, data: { hash: prevHash } });
    await expectTampered(bed, ['dòng 15 bị sửa'], ['row 15 altered']);
  }, 120_000);

  it.skipIf(skip)('the last rows deleted and the head set back to match: caught by the checkpoint', async () => {
    const bed = await written();
    const anchored = await runCli(['audit', 'checkpoint'], bed.env);
    expect(anchored.code, anchored.stderr).toBe(0);
    const head = await lastSeq(bed);
    const keep = await bed.client.auditEvent.findUniqueOrThrow({ where: { seq: head - 3 } });
    await bed.client.auditEvent.deleteMany({ where: { seq: { gt: keep.seq } } });
    await bed.client.auditHead.update({ where: { id: 1 }, data: { seq: keep.seq, hash: keep.hash, mac: keep.mac } });
    await expectTampered(bed, [`dưới mốc 1: mốc ghi dòng ${head}, nay đầu chuỗi chỉ ở dòng ${keep.seq}`], [`truncated below checkpoint 1: it anchored row ${head}, the head is now at row ${keep.seq}`]);
  }, 120_000);

  it.skipIf(skip)('a decision edited, another deleted and one slipped in: each named', async () => {
    const bed = await written();
    const item = await bed.client.item.findUniqueOrThrow({ where: { code: bed.codes[0]! } });
    const decisions = await bed.client.decision.findMany({ where: { itemId: item.id }, orderBy: { auditSeq: 'asc' } });
    const deputy = decisions.find((d) => d.step === 'deputy')!;
    const secretary = decisions.find((d) => d.step === 'secretary')!;
    await bed.client.decision.update({ where: { id: deputy.id }, data: { actorId: secretary.actorId, note: 'Đồng ý' } });
    await bed.client.decision.delete({ where: { id: secretary.id } });
    const forged = { ...secretary, id: randomUUID(), itemVersion: null, action: 'reject', note: 'Bị từ chối' };
    await bed.client.decision.create({ data: forged });
    await expectTampered(
      bed,
      [`quyết định ${deputy.id} (dòng ${deputy.auditSeq}) bị sửa`, `quyết định ${secretary.id} (dòng ${secretary.auditSeq}) bị xóa`, `quyết định ${forged.id} (ghi cho dòng ${forged.auditSeq}) bị chèn thêm`],
      [`decision ${deputy.id} (row ${deputy.auditSeq}) edited`, `decision ${secretary.id} (row ${secretary.auditSeq}) deleted`, `decision ${forged.id} (claiming row ${forged.auditSeq}) inserted`],
    );
  }, 120_000);

  it.skipIf(skip)("a published article's text edited: named by its code", async () => {
    const bed = await written();
    await bed.client.publication.update({ where: { code: bed.codes[0]! }, data: { body: `Sáng 26/11, UBND tỉnh họp trực tuyến. ${randomBytes(4).toString('hex')}` } });
    await bed.client.publication.update({ where: { code: bed.codes[1]! }, data: { title: 'Hội chợ bị hủy' } });
    await expectTampered(bed, [`bản đăng ${bed.codes[0]} bị sửa`, `bản đăng ${bed.codes[1]} bị sửa`], [`publication ${bed.codes[0]} edited`, `publication ${bed.codes[1]} edited`]);
  }, 120_000);
});
