import { callbackKey, webhookSecret } from '../adapters/telegram/callbackData.js';
import { zaloBotWebhookSecret } from '../adapters/zalo-bot/webhookSecret.js';
import type { Config } from './config.js';
import { auditKeys } from './core/audit.js';
import { sealingKey } from './core/sealing.js';
import { operatorHealthToken } from './http/health.js';
import { Secrets } from './redaction.js';

/** The password in a connection URL (PostgreSQL, Redis), if it has one. */
function passwordOf(url: string | null): string | null {
  if (!url) return null;
  try {
    const password = new URL(url).password;
    return password === '' ? null : decodeURIComponent(password);
  } catch {
    return null;
  }
}

/** What the configuration holds that no log may show: the bot token and the passwords in connection URLs. */
export function configSecrets(config: Config): Secrets {
  const secrets = new Secrets();
  secrets.remember(config.telegram?.token);
  secrets.remember(config.zaloBot?.token);
  secrets.remember(passwordOf(config.databaseUrl));
  secrets.remember(passwordOf(config.redisUrl));
  secrets.remember(passwordOf(config.mail?.imapUrl ?? null));
  secrets.remember(passwordOf(config.mail?.smtpUrl ?? null));
  secrets.remember(config.interactions.facebookAppSecret ?? undefined);
  secrets.remember(config.interactions.facebookVerifyToken ?? undefined);
  secrets.remember(config.interactions.zaloOa?.secretKey);
  return secrets;
}

/** The hub secret and every key derived from it (webhook secret, button signing, credential sealing, audit seals and checkpoints, the operator's health token). */
export function rememberHubSecret(secrets: Secrets, hubSecret: string): void {
  secrets.remember(hubSecret);
  secrets.remember(webhookSecret(hubSecret));
  secrets.remember(zaloBotWebhookSecret(hubSecret));
  secrets.remember(callbackKey(hubSecret));
  secrets.remember(sealingKey(hubSecret));
  const audit = auditKeys(hubSecret);
  secrets.remember(audit.rows);
  secrets.remember(audit.checkpoints);
  secrets.remember(operatorHealthToken(hubSecret));
}
