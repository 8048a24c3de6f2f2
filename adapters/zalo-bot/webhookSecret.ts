import { createHmac } from 'node:crypto';

/** The secret the platform echoes in X-Bot-Api-Secret-Token; derived, so only HUB_SECRET needs keeping. */
export function zaloBotWebhookSecret(hubSecret: string): string {
  return createHmac('sha256', hubSecret).update('zalo-bot-webhook').digest('hex').slice(0, 48);
}
