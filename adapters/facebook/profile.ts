import type { ChannelProfile } from '../../src/app/outboxPorts.js';

/** A Page gets a post (photos or a link) and, for an item with a video, a Page video. */
export const facebookProfile: ChannelProfile = {
  label: 'Facebook',
  parts: () => ({ plain: ['post'], withVideo: ['post', 'video'] }),
  canBroadcast: false,
};
