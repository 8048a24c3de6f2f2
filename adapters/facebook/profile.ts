import { credentialsProblem } from '../../src/core/credentialsShape.js';
import { readCredentials } from './credentials.js';
import type { ChannelProfile } from '../../src/app/outboxPorts.js';

/** A Page gets a post (photos or a link) and, for an item with a video, a Page video. */
export const facebookProfile: ChannelProfile = {
  label: 'Facebook',
  parts: () => ({ plain: ['post'], withVideo: ['post', 'video'] }),
  canBroadcast: false,
  credentialsProblem: (text) => credentialsProblem(() => readCredentials(text), 'a Page token, or JSON {"pageToken", "userToken", "appId"}'),
};
