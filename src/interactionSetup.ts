import { Hono } from 'hono';
import { youtubeInteractions } from '../adapters/youtube/interactions.js';
import { youtubeQuota } from '../adapters/youtube/profile.js';
import { sealingKey } from './core/sealing.js';
import type { Deps } from './app/deps.js';
import type { InteractionPlatform } from './app/interactions/platformActions.js';
import type { WebhookSource } from './app/interactions/webhooks.js';
import type { Config } from './config.js';
import type { Job } from '../jobs/schedule.js';
import { zaloOaInteractions, zaloOaWebhookSource } from '../adapters/zalo-oa/interactions.js';
import { verifyZaloEvent } from '../adapters/zalo-oa/webhook.js';
import { zaloOaWebhook } from './http/webhooks/zaloOa.js';
import { GraphClient } from '../adapters/facebook/client.js';
import { facebookInteractions } from '../adapters/facebook/interactions.js';
import { facebookPolls } from '../adapters/facebook/sweep.js';
import { facebookWebhookSource } from '../adapters/facebook/webhook.js';
import { channelAccount } from './app/dispatch.js';
import { facebookWebhookRoutes } from './http/webhooks/facebook.js';

/** What the service needs to hear the public back, from every platform this build knows. */
export interface InteractionWiring {
  /** Platforms that push by webhook: their events wait in the durable inbox under these prefixes. */
  webhookSources: WebhookSource[];
  /** Platforms a moderator's reply or hiding is sent to. */
  platforms: Partial<Record<string, InteractionPlatform>>;
  /** Pollers (comment threads, a sweep for missed webhooks, share counts): rows of the schedule table. */
  polls: Job[];
  /** The webhook routes (POST /webhooks/<platform>), mounted before the portal. */
  routes: Hono;
}

export interface InteractionHooks {
  /** Something a person must act on reaches the admins' chat. */
  alert: (text: string) => void;
  /** A refused webhook (a wrong signature) for the audit trail. */
  refused?: (source: string, detail: Record<string, string>) => void;
  log: { warn: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };
  /** Told each channel credential as it is unsealed, so the log never shows it. */
  revealed?: (credentials: string) => void;
}

/** Every platform's interaction side, configured; each adapter adds itself here. */
export function interactionsFor(config: Config, deps: Deps, hubSecret: string, hooks: InteractionHooks): InteractionWiring {
  const wiring: InteractionWiring = { webhookSources: [], platforms: {}, polls: [], routes: new Hono() };

  // Facebook: webhook (feed comments), reply and hide, a sweep of recent posts, share counts.
  // Replies, hiding and the sweep need only the Page token: they run with or without the webhook.
  {
    const graph = new GraphClient({ baseUrl: config.facebook.graphBase, videoBaseUrl: config.facebook.graphVideoBase, version: config.facebook.graphVersion, timeoutMs: 30_000, now: () => deps.clock().getTime() });
    const { facebookAppSecret: appSecret, facebookVerifyToken: verifyToken } = config.interactions;
    wiring.webhookSources.push(facebookWebhookSource);
    wiring.platforms.facebook = facebookInteractions(graph);
    const unsealing = { deps, sealingKey: sealingKey(hubSecret), ...(hooks.revealed ? { revealed: hooks.revealed } : {}) };
    wiring.polls.push(...facebookPolls({ deps, graph, account: (channel) => channelAccount(unsealing, channel), log: hooks.log }));
    wiring.routes.route('/', facebookWebhookRoutes({ deps, source: facebookWebhookSource, secrets: appSecret && verifyToken ? { appSecret, verifyToken } : null, ...(hooks.refused ? { refused: hooks.refused } : {}) }));
  }

  // YouTube: comment threads of mirrored videos by polling, within the channel's daily quota; reply and hide.
  const youtube = youtubeInteractions({
    deps,
    rootUrl: `${config.youtube.apiRoot}/`,
    tokenUrl: config.youtube.tokenUrl,
    timeoutMs: 30_000,
    quota: youtubeQuota(config.youtube.units, config.youtube.uploadCost),
    sealingKey: sealingKey(hubSecret),
    log: hooks.log,
    ...(hooks.revealed ? { revealed: hooks.revealed } : {}),
  });
  wiring.platforms.youtube = youtube.platform;
  wiring.polls.push({ name: 'youtube-comments', everyMs: config.interactions.youtubePollMs, firstAfterMs: Math.min(config.interactions.youtubePollMs, 30_000), run: youtube.poll });

  // Zalo OA: webhook (follower messages and reactions), reply by consultation message.
  // The source drains always (events stored while the feature was on are still read); the route answers 404 while it is off.
  const zaloSecrets = config.interactions.zaloOa;
  wiring.webhookSources.push(zaloOaWebhookSource);
  wiring.platforms['zalo-oa'] = zaloOaInteractions({ openApiBase: config.zaloOa.openApiBase, oauthBase: config.zaloOa.oauthBase, timeoutMs: 30_000 });
  wiring.routes.route(
    '/',
    zaloOaWebhook({
      deps,
      source: zaloOaWebhookSource,
      check: zaloSecrets ? (raw, signature, now) => verifyZaloEvent({ appId: zaloSecrets.appId, oaSecretKey: zaloSecrets.secretKey }, raw, signature, now) : null,
      ...(hooks.refused ? { refused: hooks.refused } : {}),
      log: hooks.log,
    }),
  );

  return wiring;
}
