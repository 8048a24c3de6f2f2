import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeTouches, publicationTags, TAG, touchOf, type ChangeRow, type Touch } from '../../../src/core/portal/changes.js';
import { ROOT } from '../../helpers/cli.js';

const row = (action: string, subjectType: string, data: Record<string, unknown> = {}, subjectId = 'id-1'): ChangeRow => ({ action, subjectType, subjectId, data });
const NOTHING: Touch = { kind: 'some', tags: [], publications: [], interactions: [] };

describe('what an audited write changes on the portal', () => {
  it('writes nobody outside sees change nothing', () => {
    for (const [action, type] of [
      ['person.create', 'person'], ['person.lang', 'person'], ['identity.code', 'person'], ['identity.link', 'person'],
      ['role.grant', 'grant'], ['role.revoke', 'grant'], ['delegation.create', 'delegation'], ['delegation.revoke', 'delegation'], ['delegation.end', 'delegation'],
      ['submission.receive', 'submission'], ['submission.accept', 'submission'], ['submission.reject', 'submission'], ['submission.needsInfo', 'submission'],
      ['submission.withdraw', 'submission'], ['submission.revise', 'submission'],
      ['channel.connect', 'channel'], ['channel.reconnect', 'channel'], ['channel.pause', 'channel'], ['channel.resume', 'channel'],
      ['calendar_day_set', 'calendar_day'], ['calendar_day_removed', 'calendar_day'],
      ['audit.keyed', 'audit'], ['site.caps', 'site'], ['item.write', 'item'], ['chat.upgrade', 'chat'], ['chatAccount.signIn', 'chatAccount'],
      ['security.refused.role', 'security'], ['security.refused.rate', 'security'],
    ] as const) {
      expect(touchOf(row(action, type)), action).toEqual(NOTHING);
    }
  });

  it('what every page shows around its content (sites, sections, maintenance, contact) changes everything', () => {
    for (const [action, type] of [['site.create', 'site'], ['site.contact', 'site'], ['site.look', 'site'], ['portal.category', 'category'], ['portal.maintenance', 'maintenance'], ['portal.maintenanceCancel', 'maintenance']] as const) {
      expect(touchOf(row(action, type)), action).toEqual({ kind: 'all' });
    }
  });

  it('an action nobody mapped changes everything', () => {
    expect(touchOf(row('portal.somethingNew', 'portal'))).toEqual({ kind: 'all' });
    expect(touchOf(row('item.merge', 'item', { code: 'BP-1' }))).toEqual({ kind: 'all' });
    expect(touchOf(row('ticket_merged', 'consultation'))).toEqual({ kind: 'all' });
    expect(touchOf(row('interaction_teleported', 'interaction'))).toEqual({ kind: 'all' });
  });

  it('an item decision touches its publication only when it publishes, corrects or takes it down', () => {
    const decision = (command: string, from: string, to: string) => touchOf(row(`item.${command}`, 'item', { code: 'BP-2026-00001', from, to }));
    const publication: Touch = { kind: 'some', tags: [], publications: ['BP-2026-00001'], interactions: [] };
    for (const command of ['approve', 'return', 'reject', 'flagSensitive', 'requireChairman', 'edit', 'schedule']) expect(decision(command, 'review', 'review'), command).toEqual(NOTHING);
    expect(decision('edit', 'scheduled', 'scheduled')).toEqual(NOTHING);
    expect(decision('schedule', 'review', 'scheduled')).toEqual(NOTHING);
    // The last approval publishes.
    expect(decision('approve', 'review', 'published')).toEqual(publication);
    expect(decision('schedule', 'review', 'published')).toEqual(publication);
    expect(decision('correct', 'published', 'published')).toEqual(publication);
    expect(decision('takeDown', 'published', 'takenDown')).toEqual(publication);
    expect(decision('takeDown', 'scheduled', 'takenDown')).toEqual(publication);
    expect(touchOf(row('item.publishScheduled', 'item', { code: 'BP-2026-00001' }))).toEqual(publication);
    expect(touchOf(row('portal.feature', 'item', { code: 'BP-2026-00001' }))).toEqual(publication);
    expect(touchOf(row('portal.unfeature', 'item', { code: 'BP-2026-00001' }))).toEqual(publication);
  });

  it('a mirror delivered or retried touches its article only (the links to its copies)', () => {
    for (const action of ['delivery.delivered', 'delivery.rejected', 'delivery.needsReauth', 'delivery.failed', 'delivery.retry']) {
      expect(touchOf(row(action, 'item', { code: 'BP-1' })), action).toEqual({ kind: 'some', tags: [TAG.item('BP-1')], publications: [], interactions: [] });
    }
  });

  it('interactions touch the interactions pages and their article, looked up when the row does not name it', () => {
    const named = (action: string, item: string | null) => touchOf(row(action, 'interaction', { item }));
    expect(named('interaction_received', 'BP-1')).toEqual({ kind: 'some', tags: [TAG.interactions, TAG.item('BP-1')], publications: [], interactions: [] });
    for (const action of ['interaction_published', 'interaction_answered', 'interaction_hid']) expect(named(action, 'BP-1'), action).toEqual({ kind: 'some', tags: [TAG.interactions, TAG.item('BP-1')], publications: [], interactions: [] });
    expect(named('interaction_published', null)).toEqual({ kind: 'some', tags: [TAG.interactions], publications: [], interactions: [] });
    expect(named('interaction_to_ticket', 'BP-1')).toEqual({ kind: 'some', tags: [TAG.interactions, TAG.item('BP-1'), TAG.tickets], publications: [], interactions: [] });
    // Answered from a ticket, edited or removed on the platform, a platform call settled: the row names the interaction.
    for (const action of ['interaction_answered', 'interaction_edited', 'interaction_removed', 'interaction_reply_done', 'interaction_hide_rejected']) {
      expect(touchOf(row(action, 'interaction', { source: 'facebook' }, 'i-9')), action).toEqual({ kind: 'some', tags: [TAG.interactions], publications: [], interactions: ['i-9'] });
    }
  });

  it('tickets and drafts touch their own pages', () => {
    for (const action of ['ticket_received', 'ticket_verified', 'ticket_assigned', 'ticket_due_moved', 'ticket_answered', 'ticket_publish_decided', 'ticket_archived', 'ticket_declined', 'ticket_escalated']) {
      expect(touchOf(row(action, 'ticket')), action).toEqual({ kind: 'some', tags: [TAG.tickets], publications: [], interactions: [] });
    }
    for (const [action, type] of [['consultation_posted', 'consultation'], ['consultation_closed', 'consultation'], ['consultation_summary_stored', 'consultation'], ['consultation_comment_published', 'consultation_comment'], ['consultation_comment_hidden', 'consultation_comment']] as const) {
      expect(touchOf(row(action, type)), action).toEqual({ kind: 'some', tags: [TAG.consultations, TAG.media], publications: [], interactions: [] });
    }
  });

  it('a publication touches its article, its site’s and section’s lists in its language, search, sitemap, API lists and media', () => {
    expect(publicationTags({ code: 'bp-1', siteId: 's1', lang: 'en', category: 'kinh-te' })).toEqual(['item:BP-1', 'site:s1:en', 'category:kinh-te:en', 'search', 'sitemap', 'api:items', 'interactions', 'media']);
    expect(publicationTags({ code: 'BP-1', siteId: 's1', lang: 'vi', category: null })).not.toContain('category:null:vi');
  });

  it('rows together: everything as soon as one says so, else the union', () => {
    const a: Touch = { kind: 'some', tags: ['x'], publications: ['bp-1'], interactions: [] };
    const b: Touch = { kind: 'some', tags: ['x', 'y'], publications: ['BP-1'], interactions: ['i'] };
    expect(mergeTouches([a, b])).toEqual({ kind: 'some', tags: ['x', 'y'], publications: ['BP-1'], interactions: ['i'] });
    expect(mergeTouches([a, { kind: 'all' }, b])).toEqual({ kind: 'all' });
    expect(mergeTouches([])).toEqual(NOTHING);
  });
});

/** Every audit entry the code writes, read from the source: a new one must be mapped before it drops every page. */
function auditActionsInSource(): { file: string; expression: string; subjectType: string }[] {
  const found: { file: string; expression: string; subjectType: string }[] = [];
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? (e.name === 'generated' ? [] : walk(join(dir, e.name))) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
  for (const file of [...walk(join(ROOT, 'src')), ...walk(join(ROOT, 'adapters'))]) {
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/action:\s*([^\n]+?),\s*subjectType:\s*'([a-z_A-Z]+)'/g)) found.push({ file: relative(ROOT, file), expression: m[1] ?? '', subjectType: m[2] ?? '' });
  }
  return found;
}

/** The entries whose action is computed, with the actions they can write (see each file). */
const DYNAMIC: Record<string, string[]> = {
  'src/app/intake.ts: `submission.${command.type}`': ['submission.accept', 'submission.reject', 'submission.needsInfo'],
  "src/app/portalAdmin.ts: featured ? 'portal.feature' : 'portal.unfeature'": ['portal.feature', 'portal.unfeature'],
  'src/app/refusals.ts: `security.refused.${refusal.kind}`': ['security.refused.role', 'security.refused.rate'],
  "src/app/consultations/moderate.ts: next.state === 'published' ? 'consultation_comment_published' : 'consultation_comment_hidden'": ['consultation_comment_published', 'consultation_comment_hidden'],
  'src/app/items.ts: `item.${command.type}`': ['item.approve', 'item.return', 'item.reject', 'item.flagSensitive', 'item.requireChairman', 'item.edit', 'item.correct', 'item.takeDown', 'item.schedule'],
  "src/app/channels.ts: state === 'paused' ? 'channel.pause' : 'channel.resume'": ['channel.pause', 'channel.resume'],
  'src/app/dispatch.ts: `delivery.${isResult(outcome) ? outcome.kind : settlement.state}`': ['delivery.delivered', 'delivery.rejected', 'delivery.needsReauth', 'delivery.failed'],
  'src/app/interactions/platformActions.ts: `interaction_${row.action}_${state}`': ['interaction_reply_done', 'interaction_hide_rejected'],
  'src/app/interactions/moderation.ts: AUDIT_ACTION[command.type]': ['interaction_published', 'interaction_answered', 'interaction_hid', 'interaction_to_ticket'],
  'src/app/tickets/act.ts: AUDIT[command.type]': ['ticket_verified', 'ticket_assigned', 'ticket_due_moved', 'ticket_answered', 'ticket_publish_decided', 'ticket_archived', 'ticket_declined'],
  'src/store/interactionStore.ts: `interaction_${verb}`': ['interaction_removed', 'interaction_edited'],
  'src/store/audit.ts: entry.action': [],
};
// The frame of every page, and the sample archive's batches (thousands of publications at once), drop everything by design.
const FRAME = new Set(['site.create', 'site.edit', 'site.contact', 'site.look', 'site.procedures', 'portal.category', 'portal.maintenance', 'portal.maintenanceCancel', 'portal.demo']);

describe('every audit entry in the code is mapped', () => {
  it('no action written anywhere falls to the “unknown: drop everything” default, except the frame’s', () => {
    const entries = auditActionsInSource();
    expect(entries.length).toBeGreaterThan(40);
    // Entries over several lines and computed ones are read too.
    const seen = new Set(entries.map((e) => e.expression));
    for (const e of ["'submission.receive'", "'consultation_summary_stored'", 'AUDIT[command.type]', '`delivery.${isResult(outcome) ? outcome.kind : settlement.state}`', "'chatAccount.signIn'"]) expect(seen, e).toContain(e);
    const unknownDynamic: string[] = [];
    for (const e of entries) {
      const literal = /^'([^']+)'$/.exec(e.expression)?.[1];
      const actions = literal ? [literal] : DYNAMIC[`${e.file}: ${e.expression}`];
      if (!actions) {
        unknownDynamic.push(`${e.file}: ${e.expression}`);
        continue;
      }
      for (const action of actions) {
        const touch = touchOf(row(action, e.subjectType, { code: 'BP-1', item: 'BP-1', from: 'review', to: 'review' }));
        expect(touch.kind === 'all', `${e.file}: ${action}`).toBe(FRAME.has(action));
      }
    }
    expect(unknownDynamic, 'computed audit actions not listed here: map them in src/core/portal/changes.ts and list them').toEqual([]);
  });
});
