import { explain, message } from '../../src/core/messages.js';
import { fold } from '../../src/core/search.js';
import { logNewsByHand } from '../../src/app/manualIntake.js';
import type { CardDesk } from './cards.js';
import type { Handler } from './commands.js';

/** Channel words, folded: the English names and the Vietnamese ones. */
const CHANNELS: Record<string, string> = {
  post: 'post', 'buu-chinh': 'post', 'buu-dien': 'post', thu: 'post',
  'document-system': 'document-system', 'van-ban': 'document-system', vb: 'document-system', 'he-thong-van-ban': 'document-system',
  'in-person': 'in-person', 'truc-tiep': 'in-person',
};

/**
 * `/nhap post 123/SYT-VP` then the title on the next line and the body below it: a news item received on paper,
 * through the document system or in person becomes a submission, acknowledged here with its tracking code,
 * its intake card in the editorial chat.
 */
export function newsByHandCommand(desk: CardDesk): Handler {
  return async (env, ctx, args, { person, lang }) => {
    if (!person) return message(lang, 'not_linked');
    const [first = '', title = '', ...body] = args.split('\n').map((l) => l.trim());
    const [channelWord = '', ...reference] = first.split(/\s+/).filter(Boolean);
    if (channelWord === '') return message(lang, 'usage', { usage: message(lang, 'tdesk_nhap_usage') });
    const channel = CHANNELS[fold(channelWord).replace(/\s+/g, '-')] ?? channelWord;
    const done = await logNewsByHand(env.deps, { channel, reference: reference.join(' '), title, body: body.join('\n'), loggedById: person.id, siteKey: await env.siteKeyFor(String(ctx.chat?.id)) });
    if (!done.ok) {
      const usage = done.reason === 'tdesk_news_reference_required' || done.reason === 'tdesk_news_title_required';
      return usage ? `${explain(lang, done)}\n${message(lang, 'usage', { usage: message(lang, 'tdesk_nhap_usage') })}` : explain(lang, done);
    }
    const { submission, created } = done.value;
    const detail = { code: submission.code ?? '?', channel: message(lang, `tdesk_news_channel_${submission.channel}`), reference: submission.senderPlatformId };
    if (!created) return message(lang, 'tdesk_nhap_again', detail);
    desk.later(() => desk.showSubmission(submission));
    return message(lang, 'tdesk_nhap_done', detail);
  };
}
