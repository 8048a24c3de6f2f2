import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeGraph } from '../fakes/graphApi.js';
import { ROOT } from '../helpers/cli.js';
import { freePort, waitForHealth } from '../helpers/service.js';

/**
 * The operator's guide walked as written: the repository cloned into a fresh folder, `npm ci` (from npm's
 * cache: tests never reach beyond 127.0.0.1), `npm run build`, `npm start`, then every command of
 * docs/operator.md in its order, each output checked. The guide's command lines are read from the guide
 * itself, so the two cannot drift: a line changed there is run changed here, a line missing fails.
 */
const GUIDE = 'docs/operator.md';
/** Stand-ins for what the guide names on a real server. */
const BACKUPS = '/var/backups/portal-hub';
const RESTORE_CHECK = '/tmp/kiem-tra-khoi-phuc';
const SAMPLE = '/tmp/tinh-mau';
const PAGE_ID = '102030405060708';

interface Step {
  line: string;
  /** What the command prints (stdout and stderr together) when it did what the guide says. */
  expect: RegExp[];
  /** A line whose example names something this province does not have: refused, in words (exit 1). */
  refused?: true;
}
/** What the guide's `sudo systemctl stop|start portal-hub` do, on a machine without systemd. */
const STOP = 'sudo systemctl stop portal-hub';
const START = 'sudo systemctl start portal-hub';

const STEPS: Step[] = [
  { line: 'npm ci', expect: [] },
  { line: 'npm run build', expect: [/dist\/: service\.js and cli\.js/] },
  {
    line: 'node bin/portal-hub.mjs init --site-key tinh --name-vi "Tỉnh Đồng Nai" --name-en "Dong Nai Province" --prefix DN --admin-name "Nguyễn Văn An" --admin-email an@dongnai.gov.vn',
    expect: [/Database: .*data\/portal-hub\.db/, /Đã khởi tạo \/ initialised: site tinh \(DN\), admin Nguyễn Văn An/],
  },
  { line: `node bin/portal-hub.mjs --data ${SAMPLE} demo --items 200 --sites 3`, expect: [/Done: 200 sample items/] },
  { line: 'npm start', expect: [] },
  { line: 'node bin/portal-hub.mjs person add --name "Trần Thị Bình" --email binh@dongnai.gov.vn', expect: [/Trần Thị Bình/] },
  { line: 'node bin/portal-hub.mjs grant --person binh@dongnai.gov.vn --site tinh --role editor --until 31/12/2030', expect: [/Đã cấp: editor @ tinh[\s\S]*Granted: editor @ tinh/, /31\/12\/2030/] },
  { line: 'node bin/portal-hub.mjs person list', expect: [/Trần Thị Bình[\s\S]*binh@dongnai\.gov\.vn[\s\S]*editor/, /Nguyễn Văn An/] },
  { line: 'node bin/portal-hub.mjs link-code --person binh@dongnai.gov.vn', expect: [/\/link \S+/, /the code expires at \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/] },
  {
    line: 'node bin/portal-hub.mjs site add --key dongxoai --kind district --parent tinh --prefix DX --name-vi "UBND thành phố Đồng Xoài" --name-en "Dong Xoai City People\'s Committee"',
    expect: [/site added: dongxoai/],
  },
  { line: 'node bin/portal-hub.mjs site caps --site tinh --editors 5 --tech 3', expect: [/tinh: tối đa 5 biên tập viên, 3 quản trị kỹ thuật \/ at most 5 editors, 3 technical admins/] },
  { line: 'node bin/portal-hub.mjs revoke --person binh@dongnai.gov.vn --site tinh --role editor', expect: [/revoked: editor @ tinh/] },
  { line: 'node bin/portal-hub.mjs site list', expect: [/tinh[\s\S]*dongxoai/] },
  { line: 'node bin/portal-hub.mjs grant list --site tinh      # kể cả vai trò đã hết hạn, đã thu hồi / ended and revoked too', expect: [/tinh\s+editor\s+Trần Thị Bình[\s\S]*revoked/, /tinh\s+admin\s+Nguyễn Văn An/] },
  { line: 'node bin/portal-hub.mjs person edit --person binh@dongnai.gov.vn --name "Trần Thị Bình"', expect: [/Nothing changed: Trần Thị Bình already reads so\./] },
  { line: 'node bin/portal-hub.mjs site edit dongxoai --name-vi "UBND TP. Đồng Xoài" --domain dongxoai.dongnai.gov.vn', expect: [/dongxoai[\s\S]*UBND TP\. Đồng Xoài[\s\S]*dongxoai\.dongnai\.gov\.vn/] },
  { line: `node bin/portal-hub.mjs channel connect fb-tinh --platform facebook --account ${PAGE_ID} < page-token.txt`, expect: [/connected: fb-tinh \(facebook 102030405060708\)/] },
  { line: 'node bin/portal-hub.mjs channel test fb-tinh', expect: [/Channel fb-tinh \(facebook 102030405060708\): the token opens “Cổng thông tin điện tử tỉnh”/, /pages_manage_posts/] },
  { line: 'node bin/portal-hub.mjs channel list', expect: [/fb-tinh/] },
  { line: 'node bin/portal-hub.mjs channel pause fb-tinh           # tạm dừng; tin mới vẫn xếp hàng / new posts still queue', expect: [/fb-tinh: paused/] },
  { line: 'node bin/portal-hub.mjs channel resume fb-tinh          # chạy lại / runs again', expect: [/fb-tinh: active/] },
  {
    line: 'node bin/portal-hub.mjs channel retry DN-2027-00042     # đưa lượt đăng bị từ chối hay đang chờ lên đến hạn ngay / make refused or waiting deliveries due now',
    expect: [/Không tìm thấy tin bài DN-2027-00042\.[\s\S]*No item DN-2027-00042\./],
    refused: true,
  },
  { line: 'printf %s "$TOKEN" | node bin/portal-hub.mjs channel reconnect fb-tinh   # token mới, kênh chạy lại / new token, the channel runs again', expect: [/Đã kết nối lại \/ reconnected: fb-tinh/] },
  { line: 'node bin/portal-hub.mjs channel remove fb-tinh          # gỡ hẳn: xóa token, hủy lượt đăng đang chờ, giữ lịch sử / for good: token erased, waiting posts cancelled, history kept', expect: [/Đã gỡ kênh fb-tinh: token đã xóa[\s\S]*Channel fb-tinh removed: token erased/] },
  { line: 'node bin/portal-hub.mjs royalty frame                     # khung đang dùng (thêm --json cho chương trình khác) / the frame in use', expect: [/từ 01\/07\/2026: 2\.530\.000 đồng; 1 hệ số = 10 % = 253\.000 đồng/] },
  { line: 'node bin/portal-hub.mjs royalty salary --from 01/01/2027 --base 2.800.000', expect: [/Đã lưu: 01\/01\/2027: 2\.800\.000 đ, 10 %\./] },
  { line: 'node bin/portal-hub.mjs royalty tax --from 01/07/2026 --threshold 5.000.000 --rate 10 --non-resident-rate 20', expect: [/Không đổi: 01\/07\/2026: 10 % ≥ 5\.000\.000 đ, 20 % vốn đã như vậy\./] },
  { line: 'node bin/portal-hub.mjs royalty genre tin-anh --name-vi "Tin có ảnh" --name-en "News with a photo" --min 1,2 --max 1,8', expect: [/Saved: tin-anh \(News with a photo\): 1\.2–1\.8\. Replacing: tin-anh/] },
  { line: 'node bin/portal-hub.mjs royalty site-rate --kind commune --from 01/01/2027 --percent 15', expect: [/Saved: commune 01\/01\/2027: 15 %\./] },
  { line: 'node bin/portal-hub.mjs royalty sheet build --site tinh --month 11/2026 --xlsx nhuan-but-11-2026.xlsx', expect: [/Đã ghi tệp .*\/nhuan-but-11-2026\.xlsx\./, /Royalty sheet for 11\/2026, Tỉnh Đồng Nai — draft/] },
  { line: 'node bin/portal-hub.mjs royalty sheet show --site tinh --month 11/2026 --json', expect: [/"month": "2026-11"/, /"state": "draft"/] },
  { line: 'node bin/portal-hub.mjs --as chau@dongnai.gov.vn royalty sheet check --site tinh --month 11/2026', expect: [/No person “chau@dongnai\.gov\.vn”/], refused: true },
  { line: `node bin/portal-hub.mjs backup --to ${BACKUPS}`, expect: [/Backed up to .*portal-hub-\d{8}-\d{6}/] },
  { line: `node bin/portal-hub.mjs --data ${RESTORE_CHECK} restore ${BACKUPS}/portal-hub-`, expect: [/Restored the backup of .*files: \d+\)/, /Audit trail intact/] },
  { line: `node bin/portal-hub.mjs --data ${RESTORE_CHECK} audit verify`, expect: [/Audit trail intact: \d+ rows/] },
  // Upgrading: stop, back up, pull, install, build, start; the province and its people are still there.
  { line: STOP, expect: [] },
  { line: `node bin/portal-hub.mjs backup --to ${BACKUPS}`, expect: [/Backed up to .*portal-hub-\d{8}-\d{6}/] },
  { line: 'git pull', expect: [/Already up to date|Fast-forward/] },
  { line: 'npm ci', expect: [] },
  { line: 'npm run build', expect: [/dist\/: service\.js and cli\.js/] },
  { line: START, expect: [] },
];

/**
 * Splits a command line the way sh would for these lines: words, "quoted words", `< file`, and
 * `printf %s "$VAR" | …` (the variable's value on standard input).
 */
function words(typed: string, vars: Record<string, string> = {}): { argv: string[]; stdin: string | null; piped: string | null } {
  // A comment after the command (`… # what it does`) is for the reader, as sh treats it.
  const pipe = /^printf %s "\$(\w+)" \| (.*)$/.exec(typed.replace(/\s+#\s.*$/, ''));
  const piped = pipe ? (vars[pipe[1]!] ?? '') : null;
  const line = pipe ? pipe[2]! : typed.replace(/\s+#\s.*$/, '');
  const argv: string[] = [];
  let stdin: string | null = null;
  const pattern = /"([^"]*)"|(\S+)/g;
  let redirect = false;
  for (let m = pattern.exec(line); m; m = pattern.exec(line)) {
    const word = m[1] ?? m[2]!;
    if (m[2] === '<') redirect = true;
    else if (redirect) (stdin = word), (redirect = false);
    else argv.push(word);
  }
  return { argv, stdin, piped };
}

/** The guide's ```sh lines, in order. */
function guideLines(text: string): string[] {
  return [...text.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#')));
}

function run(argv: string[], cwd: string, env: NodeJS.ProcessEnv, stdin: string | null, piped: string | null = null): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd, env, stdio: [stdin === null && piped === null ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    if (stdin !== null) child.stdin!.end(readFileSync(join(cwd, stdin)));
    else if (piped !== null) child.stdin!.end(piped);
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('the operator guide, walked on a fresh clone', () => {
  let work: string;
  let clone: string;
  let service: ChildProcess | null = null;
  let out = '';
  const graph = new FakeGraph(PAGE_ID, 'EAAB-page-token-from-the-guide');

  beforeAll(async () => {
    await graph.start();
    work = mkdtempSync(join(tmpdir(), 'portal-hub-guide-'));
    clone = join(work, 'portal-hub');
    const cloned = await run(['git', 'clone', '--quiet', ROOT, clone], work, process.env, null);
    expect(cloned.code, cloned.output).toBe(0);
  });
  afterAll(async () => {
    if (service && service.exitCode === null && service.signalCode === null) {
      const exited = new Promise((r) => service!.once('exit', r));
      service.kill('SIGTERM');
      await exited;
    }
    await graph.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('every command of the guide, in its order, does what the guide says', { timeout: 900_000 }, async () => {
    const guide = readFileSync(join(ROOT, GUIDE), 'utf8');
    const lines = guideLines(guide);
    // The guide holds each walked line, in this order (other lines may come between).
    let from = 0;
    for (const step of STEPS) {
      const at = lines.findIndex((l, i) => i >= from && (l === step.line || (step.line.endsWith('portal-hub-') && l.startsWith(step.line))));
      expect(at, `${GUIDE} lacks, or has out of order: ${step.line}`).toBeGreaterThanOrEqual(0);
      from = at + 1;
    }
    expect(lines[0], 'the guide starts with the clone').toMatch(/^git clone \S+ portal-hub && cd portal-hub$/);

    const port = await freePort();
    const backups = join(work, 'backups');
    // The guide's `sudo install -d … /var/backups/portal-hub`, without root: backup never makes its target folder.
    mkdirSync(backups, { mode: 0o700 });
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      HOST: '127.0.0.1',
      TIMEZONE: 'Asia/Ho_Chi_Minh',
      PORTAL_BASE_URL: `http://127.0.0.1:${port}`,
      FACEBOOK_GRAPH_BASE: graph.url,
      FACEBOOK_GRAPH_VIDEO_BASE: graph.url,
      // npm's own cache, never the registry: tests stay on this machine.
      npm_config_offline: 'true',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
    };
    writeFileSync(join(clone, 'page-token.txt'), `${graph.token}\n`);

    /** `npm start` (or systemd's start): the service answers, and the portal shows the province init made. */
    const started = async (argv: string[]) => {
      service = spawn(argv[0]!, argv.slice(1), { cwd: clone, env, stdio: ['ignore', 'pipe', 'pipe'] });
      service.stdout!.on('data', (d: Buffer) => (out += d.toString()));
      service.stderr!.on('data', (d: Buffer) => (out += d.toString()));
      const health = await waitForHealth(port, 60_000).catch((e: unknown) => {
        throw new Error(`npm start: no answer (${String(e)})\n${out}`);
      });
      expect(health.status, out).toBe(200);
      // The compiled service, started by npm with node itself: no TypeScript loader in the tree.
      expect(readFileSync(`/proc/${service.pid}/cmdline`, 'utf8')).toContain('npm');
      const home = await (await fetch(`http://127.0.0.1:${port}/vi/`)).text();
      expect(home).toContain('Tỉnh Đồng Nai');
      const api = (await (await fetch(`http://127.0.0.1:${port}/api/v1/items?limit=5`)).json()) as { items: unknown[] };
      // The province is the real one init made: the sample archive went to its own folder, none of it here.
      expect(api.items).toEqual([]);
    };
    const stopped = async () => {
      const exited = new Promise((r) => service!.once('exit', r));
      service!.kill('SIGTERM');
      await exited;
      await new Promise((r) => setTimeout(r, 500));
    };

    for (const step of STEPS) {
      let line = step.line.replaceAll(BACKUPS, backups).replaceAll(RESTORE_CHECK, join(work, 'restore-check')).replaceAll(SAMPLE, join(work, 'tinh-mau'));
      if (line.endsWith('portal-hub-')) line = `${line}${readdirSync(backups)[0]!.slice('portal-hub-'.length)}`;
      const { argv, stdin, piped } = words(line, { TOKEN: graph.token });
      if (step.line === 'npm start' || step.line === START) {
        await started(step.line === START ? ['npm', 'start'] : argv);
        continue;
      }
      if (step.line === STOP) {
        await stopped();
        continue;
      }
      const result = await run(argv, clone, env, stdin, piped);
      expect(result.code, `${line}\n${result.output}`).toBe(step.refused ? 1 : 0);
      for (const pattern of step.expect) expect(result.output, line).toMatch(pattern);
      expect(result.output, line).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
      expect(result.output, line).not.toContain(graph.token);
    }
    // After the upgrade the people are still on file, and both stops were clean.
    expect((await run(words('node bin/portal-hub.mjs person list').argv, clone, env, null)).output).toContain('Trần Thị Bình');

    // Its process tree held no TypeScript loader; it stops on SIGTERM through npm, saying so.
    const tree = [service!.pid!];
    for (let i = 0; i < tree.length; i += 1) tree.push(...readFileSync(`/proc/${tree[i]}/task/${tree[i]}/children`, 'utf8').trim().split(' ').filter((p) => p !== '').map(Number));
    const commands = tree.map((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' '));
    expect(commands.some((c) => c.includes('scripts/start.mjs'))).toBe(true);
    for (const command of commands) expect(command).not.toContain('tsx');
    await stopped();
    expect(out.match(/"msg":"đã dừng \/ stopped"/g)).toHaveLength(2);
  });
});
