import { afterEach, describe, expect, it } from 'vitest';
import { writtenTrail, type TrailBed } from '../helpers/auditTrail.js';
import { runCli } from '../helpers/cli.js';
import { BACKENDS } from '../helpers/databases.js';

/**
 * A database from the release before keys: its trail has fingerprints (plain SHA-256) that anyone
 * can recompute, and no seals. The first command (or start) of this release checks that chain, then
 * seals it under the key and records the old head, so from then on it is as protected as a new one.
 */

/** The trail as the previous release left it, after this release's migration added the empty columns. */
async function previousRelease(bed: TrailBed, sealedUpTo = 0): Promise<void> {
  await bed.client.auditEvent.updateMany({ where: { seq: { gt: sealedUpTo } }, data: { mac: null, covers: null } });
  await bed.client.auditHead.update({ where: { id: 1 }, data: { mac: null } });
}

describe.each(BACKENDS)('an older release’s audit trail, on $name', ({ fresh, skip }) => {
  const beds: TrailBed[] = [];
  afterEach(async () => {
    for (const bed of beds.splice(0)) await bed.drop();
  });
  async function written(): Promise<TrailBed> {
    const bed = await writtenTrail(fresh);
    beds.push(bed);
    return bed;
  }
  const verify = (bed: TrailBed) => runCli(['audit', 'verify'], bed.env);
  /** Any command that writes keys the trail first (the service at start too); verify only reads. */
  const upgrade = (bed: TrailBed) => runCli(['audit', 'upgrade'], bed.env);
  const head = (bed: TrailBed) => bed.client.auditHead.findUniqueOrThrow({ where: { id: 1 } });

  it.skipIf(skip)('is checked, keyed and recorded with its old head; then verifies, and its old decisions and texts are covered', async () => {
    const bed = await written();
    await previousRelease(bed);
    const old = await head(bed);

    const unkeyed = await verify(bed);
    expect(unkeyed.code).toBe(1);
    expect(unkeyed.stderr).toContain('row 1 carries no key seal');
    expect((await head(bed)).mac).toBeNull();
    const first = await upgrade(bed);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain(`Nhật ký của phiên bản trước đã được khóa: ${old.seq} dòng được ký, đầu chuỗi cũ là dòng ${old.seq} (${old.hash}).`);
    expect(first.stderr).toContain(`The previous release’s audit trail is now keyed: ${old.seq} rows sealed; the old head was row ${old.seq} (${old.hash}).`);
    expect((await verify(bed)).stdout).toContain('Audit trail intact');
    const keyed = await bed.client.auditEvent.findFirstOrThrow({ where: { action: 'audit.keyed' } });
    expect(keyed.seq).toBe(old.seq + 1);
    expect(JSON.parse(keyed.data)).toMatchObject({ oldHead: { seq: old.seq, hash: old.hash } });

    // Keyed once: the next command finds nothing to do.
    const again = await verify(bed);
    expect(again.code).toBe(0);
    expect(again.stderr).not.toContain('đã được khóa');

    const decision = await bed.client.decision.findFirstOrThrow({ where: { step: 'deputy' } });
    await bed.client.decision.update({ where: { id: decision.id }, data: { note: 'Đồng ý' } });
    await bed.client.publication.update({ where: { code: bed.codes[1]! }, data: { body: 'Hội chợ bị hủy.' } });
    const after = await verify(bed);
    expect(after.code).toBe(1);
    expect(after.stderr).toContain(`quyết định ${decision.id} (dòng ${decision.auditSeq}) bị sửa`);
    expect(after.stderr).toContain(`publication ${bed.codes[1]} edited`);
  }, 120_000);

  it.skipIf(skip)('keying cut short by a crash goes on from the rows already sealed', async () => {
    const bed = await written();
    await previousRelease(bed, 20);
    const old = await head(bed);
    const r = await upgrade(bed);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`${old.seq - 20} rows sealed; the old head was row ${old.seq}`);
    expect((await verify(bed)).stdout).toContain(`Audit trail intact: ${old.seq + 1} rows`);
  }, 120_000);

  it.skipIf(skip)('an old trail already edited is not sealed as sound; keyed on purpose, the break is recorded and later edits are still caught', async () => {
    const bed = await written();
    await previousRelease(bed);
    await bed.client.auditEvent.update({ where: { seq: 7 }, data: { data: '{"role":"admin"}' } });

    const refused = await upgrade(bed);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Nhật ký kiểm tra đã bị sửa trước khi nâng cấp (dòng 7 bị sửa');
    expect(refused.stderr).toContain('The audit trail was altered before this upgrade (row 7 altered');
    expect(refused.stderr).toContain('node bin/portal-hub.mjs audit upgrade --accept-break');
    expect((await head(bed)).mac).toBeNull();

    const accepted = await runCli(['audit', 'upgrade', '--accept-break'], bed.env);
    expect(accepted.code, accepted.stderr).toBe(0);
    const keyed = await bed.client.auditEvent.findFirstOrThrow({ where: { action: 'audit.keyed' } });
    expect(JSON.parse(keyed.data)).toMatchObject({ acceptedBreak: { kind: 'altered', seq: 7 } });
    expect((await verify(bed)).code).toBe(0);

    await bed.client.auditEvent.update({ where: { seq: 3 }, data: { data: '{}' } });
    const later = await verify(bed);
    expect(later.code).toBe(1);
    expect(later.stderr).toContain('row 3 altered');
  }, 120_000);
});
