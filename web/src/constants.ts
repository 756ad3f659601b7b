import type { Channel } from '../../src/core/types.js';

// The vocabularies of the API are the core's own lists: `src/core/vocabulary.ts` holds nothing
// but `as const` arrays, the one runtime module web may import from src/ (decision 0011).
export { askKinds, channels, circles, giveKinds } from '../../src/core/vocabulary.js';

export const channelLabel: Record<Channel, string> = {
  in_person: 'In person',
  call: 'Call',
  letter: 'Letter or gift',
  message: 'Personal message',
  social: 'Social click',
};
