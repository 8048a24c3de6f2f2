import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { moderateComment } from '../app/consultations/moderate.js';
import { postDraft } from '../app/consultations/post.js';
import { HIDE_GROUNDS, isCommentState, isHideGround, type CommentState, type HideGround } from '../core/consultations/model.js';
import { draftPath } from '../core/consultations/paths.js';
import { formatLocal, localDateTime } from '../core/dates.js';
import { bilingual } from '../core/messages.js';
import { configOrExit } from '../config.js';
import { consultationFiles } from '../store/consultationFiles.js';
import { fail, withStore } from './common.js';

/** Terminal commands for draft consultations: post an agency's draft, read and moderate its comments. */

/** `dd/mm/yyyy HH:mm` in the province's zone, as people type it; scripts may give an ISO instant with its offset. */
function closingTime(value: string): Date {
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(value.trim()) ? new Date(value.trim()) : null;
  const at = iso && !Number.isNaN(iso.getTime()) ? iso : localDateTime(value, configOrExit().timeZone);
  if (!at) throw new InvalidArgumentError(bilingual('consultation_bad_time', { time: value }));
  return at;
}

function state(value: string): CommentState {
  if (!isCommentState(value)) throw new InvalidArgumentError('new | published | hidden');
  return value;
}

function ground(value: string): HideGround {
  if (!isHideGround(value)) throw new InvalidArgumentError(HIDE_GROUNDS.join(' | '));
  return value;
}

const collect = (value: string, previous: string[]) => [...previous, value];
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

export function addConsultationCommands(program: Command): void {
  const consultation = program.command('consultation').description('Lấy ý kiến dự thảo văn bản / draft documents for public comment');

  consultation
    .command('add')
    .description('Đăng dự thảo theo đề nghị của cơ quan soạn thảo / post an agency’s draft for comment')
    .requiredOption('--site <key>', 'trang đăng dự thảo / site key')
    .requiredOption('--title <title>', 'tên dự thảo / title')
    .requiredOption('--agency <name>', 'cơ quan soạn thảo / drafting agency')
    .requiredOption('--contact <email>', 'thư điện tử nhận bản tổng hợp / e-mail that receives the summary')
    .requiredOption('--file <path>', 'toàn văn dự thảo, PDF hoặc DOCX / the draft, PDF or DOCX')
    .option('--section <title>', 'một mục để góp ý (lặp lại cho mỗi mục) / a section to comment on (repeat for each)', collect, [])
    .requiredOption('--closes <time>', 'hạn góp ý, dd/mm/yyyy HH:mm / closing time', closingTime)
    .action(async (o: { site: string; title: string; agency: string; contact: string; file: string; section: string[]; closes: Date }) =>
      withStore(async (deps, config) => {
        const site = await deps.store.siteByKey(o.site);
        if (!site) return fail({ ok: false, reason: 'unknown_site', detail: { site: o.site } });
        const files = consultationFiles({ dir: config.mediaDir, maxBytes: config.mediaMaxBytes });
        const size = (await stat(o.file).catch(() => null))?.size;
        if (size === undefined) return fail({ ok: false, reason: 'consultation_file_unreadable', detail: { file: o.file } });
        if (size > files.maxBytes) return fail({ ok: false, reason: 'consultation_file_too_large', detail: { max: `${config.mediaMaxBytes / 1024 / 1024} MB` } });
        const bytes = await readFile(o.file);
        const request = { siteId: site.id, title: o.title, agency: o.agency, contactEmail: o.contact, sections: o.section.map((title) => ({ title })), closesAt: o.closes };
        const r = await postDraft(deps, files, null, request, { bytes, name: basename(o.file) });
        if (!r.ok) return fail(r);
        const c = r.value.consultation;
        console.log(bilingual('consultation_posted', { title: c.title, closes: formatLocal(c.closesAt, config.timeZone), url: `${config.portalBaseUrl}${draftPath('vi', c.slug)}` }));
        console.log(`slug=${c.slug} id=${c.id} sections=${r.value.sections.length}`);
      }),
    );

  consultation
    .command('list')
    .description('Liệt kê dự thảo: đang lấy ý kiến, rồi đã hết hạn / list drafts: open, then closed')
    .option('--json', 'dạng JSON cho chương trình khác / in JSON, for scripts')
    .action(async (o: { json?: boolean }) =>
      withStore(async (deps, config) => {
        const open = await deps.store.listConsultations({ state: 'open', limit: 500 });
        const closed = await deps.store.listConsultations({ state: 'closed', limit: 500 });
        // The drafting agency's contact address is not on the terminal's line, nor here.
        if (o.json) {
          const rows = [...open, ...closed].map((c) => ({ slug: c.slug, id: c.id, state: c.state, opensAt: c.opensAt.toISOString(), closesAt: c.closesAt.toISOString(), closedAt: c.closedAt?.toISOString() ?? null, agency: c.agency, title: c.title, summary: c.summaryDocxRef !== null, summarySentAt: c.summarySentAt?.toISOString() ?? null }));
          return console.log(JSON.stringify(rows, null, 2));
        }
        for (const [s, list] of [['open', open], ['closed', closed]] as const) {
          for (const c of list) {
            const summary = c.summaryDocxRef ? 'summary' : s === 'closed' ? 'no-summary-yet' : '';
            console.log([c.slug, s, formatLocal(c.closesAt, config.timeZone), c.agency, c.title, summary].join('\t'));
          }
        }
      }),
    );

  consultation
    .command('comments')
    .description('Góp ý của một dự thảo, theo thứ tự nhận / a draft’s comments, in the order received')
    .argument('<slug>', 'địa chỉ dự thảo / the draft’s slug')
    .option('--state <state>', 'new | published | hidden', state)
    .action(async (slug: string, o: { state?: CommentState }) =>
      withStore(async (deps, config) => {
        const found = await deps.store.consultationBySlug(slug);
        if (!found) return fail({ ok: false, reason: 'consultation_unknown', detail: { slug } });
        const positions = new Map(found.sections.map((s) => [s.id, s.position]));
        for (const c of await deps.store.consultationComments(found.consultation.id, o.state ? { state: o.state } : {})) {
          console.log([c.id, c.state, `§${positions.get(c.sectionId) ?? '?'}`, formatLocal(c.receivedAt, config.timeZone), oneLine(c.authorName), oneLine(c.text), c.reason ?? ''].join('\t'));
        }
      }),
    );

  consultation
    .command('publish')
    .description('Công bố một góp ý / publish a comment')
    .argument('<commentId>', 'mã góp ý / comment id')
    .action(async (id: string) =>
      withStore(async (deps) => {
        const r = await moderateComment(deps, null, id, { type: 'publish' });
        if (!r.ok) return fail(r);
        console.log(bilingual('consultation_published_done', { id }));
      }),
    );

  consultation
    .command('hide')
    .description('Ẩn một góp ý, ghi lý do / hide a comment, with the reason')
    .argument('<commentId>', 'mã góp ý / comment id')
    .option('--ground <ground>', 'spam | abuse (không tính vào bản tổng hợp / left out of the summary) | other', ground, 'other' as HideGround)
    .option('--reason <text>', 'lý do (bắt buộc với other) / why (required with other)', '')
    .action(async (id: string, o: { ground: HideGround; reason: string }) =>
      withStore(async (deps) => {
        const r = await moderateComment(deps, null, id, { type: 'hide', ground: o.ground, note: o.reason });
        if (!r.ok) return fail(r);
        console.log(bilingual('consultation_hidden_done', { id, reason: r.value.reason ?? o.ground }));
      }),
    );
}
