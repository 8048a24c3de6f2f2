import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { auditHash } from '../../src/core/audit.js';
import { writtenTrail, type TrailBed as Bed } from '../helpers/auditTrail.js';
import { runCli } from '../helpers/cli.js';
import { BACKENDS } from '../helpers/databases.js';
import { freePort, startService } from '../helpers/service.js';

/**
 * The attack a black-box review found: rewrite a row, recompute the public fingerprints, strip every
 * seal so the trail looks like an older release's, and let the software seal the forgery under the
 * real key. Verify must only read; nothing may seal a trail that was keyed before. And a key file
 * that went missing beside existing data must not be replaced by a new key.
 */
describe.each(BACKENDS)('seals stripped from the audit trail, and a lost key, on $name', ({ fresh, skip }) => {
  const beds: Bed[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const bed of beds.splice(0)) await bed.drop();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  async function stripAndRewrite(bed: Bed): Promise<void> {
    const rows = await bed.client.auditEvent.findMany({ orderBy: { seq: 'asc' } });
    let prevHash = rows[0]!.prevHash;
    for (const row of rows) {
      const fields = row.seq === 5 ? { ...row, data: '{"note":"viết lại"}' } : row;
      const hash = auditHash(prevHash, fields);
      await bed.client.auditEvent.update({ where: { seq: row.seq }, data: { data: fields.data, prevHash, hash, mac: null, covers: null } });
      prevHash = hash;
    }
    await bed.client.auditHead.update({ where: { id: 1 }, data: { hash: prevHash, mac: null } });
  }
  const unsealed = (bed: Bed) => bed.client.auditEvent.count({ where: { mac: null } });

  it.skipIf(skip)('verify names the unsealed rows and seals nothing; with checkpoints beside it, no command keys it again', async () => {
    const bed = await writtenTrail(fresh);
    beds.push(bed);
    expect((await runCli(['audit', 'checkpoint'], bed.env)).code).toBe(0);
    await stripAndRewrite(bed);
    const stripped = await unsealed(bed);

    const verify = await runCli(['audit', 'verify'], bed.env);
    expect(verify.code).toBe(1);
    expect(verify.stderr).toContain('không có chữ ký khóa');
    expect(await unsealed(bed)).toBe(stripped);

    const other = await runCli(['audit', 'checkpoint'], bed.env);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('chữ ký đã bị gỡ');
    expect(other.stderr).toContain('the seals were stripped');
    expect(await unsealed(bed)).toBe(stripped);
  }, 120_000);

  it.skipIf(skip)('the checkpoint file deleted too: verify still reports the unsealed rows instead of sealing them', async () => {
    const bed = await writtenTrail(fresh);
    beds.push(bed);
    await stripAndRewrite(bed);
    const verify = await runCli(['audit', 'verify'], bed.env);
    expect(verify.code).toBe(1);
    expect(verify.stderr).toContain('row 1 carries no key seal');
    expect(verify.stdout).not.toContain('intact');
  }, 120_000);

  it.skipIf(skip)('the key file removed beside existing data: the service and the CLI stop and make no new key', async () => {
    const bed = await writtenTrail(fresh);
    beds.push(bed);
    const cwd = mkdtempSync(join(tmpdir(), 'portal-hub-keyloss-'));
    dirs.push(cwd);
    const env = { DATABASE_URL: bed.db.url, DATA_DIR: join(cwd, 'data') };
    const cli = await runCli(['audit', 'verify'], env);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain('Không có tệp khóa');
    expect(cli.stderr).toContain('Restore the key file from your backup');
    // How much data there is, said in each language's own words.
    expect(cli.stderr).toMatch(/dữ liệu đã có \(\d+ dòng nhật ký\)[\s\S]*there is data already \(audit rows: \d+\)/);
    expect(existsSync(join(cwd, 'data', 'hub-secret'))).toBe(false);

    const run = startService(cwd, await freePort(), env);
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('Không có tệp khóa');
    expect(run.output()).not.toContain('portal-hub listening');
    expect(existsSync(join(cwd, 'data', 'hub-secret'))).toBe(false);
  }, 120_000);
});
