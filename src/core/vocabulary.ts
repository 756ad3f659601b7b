/**
 * The words of Tend's domain, as plain lists: circles, channels, natures, kinds, states. The
 * one place each is written, and the short explanation of each term the user sees (`terms`). This
 * module imports nothing and holds only `as const` data, so the web app may import it at build time (docs/decisions/0011-one-source-per-fact.md): it is
 * the only runtime code web takes from src/. The types are derived in `types.ts`.
 */

export const circles = ['focus', 'network', 'pool', 'archived'] as const;

export const sources = ['manual', 'linkedin', 'vcard', 'google', 'event'] as const;

export const channels = ['in_person', 'call', 'letter', 'message', 'social'] as const;

export const natures = ['gave', 'asked', 'received', 'touch'] as const;

export const giveKinds = [
  'intro',
  'referral',
  'advice',
  'resource',
  'favor',
  'recommendation',
  'congratulation',
  'gift',
  'opportunity',
] as const;

export const askKinds = ['intro', 'referral', 'favor', 'advice', 'business', 'job'] as const;

export const itemSides = ['need', 'offer', 'goal'] as const;

export const itemStatuses = ['open', 'met', 'stale'] as const;

export const promiseStatuses = ['open', 'kept', 'broken'] as const;

export const outcomeKinds = ['thanks', 'led_somewhere', 'business'] as const;

export const introStates = ['proposed', 'asked_a', 'asked_b', 'made', 'outcome', 'declined'] as const;

/**
 * What each number and label the user sees means, in one or two plain sentences: the one source
 * of this wording (the web app shows it where the term appears; the CLI may print it).
 */
export const terms = {
  fit: {
    label: 'Fit',
    text: 'How well help can flow both ways: the square root of "you help" × "they help". It is high only when you can help them and they can help you; if either side is 0%, fit is 0%.',
  },
  helpOut: {
    label: 'You help',
    text: 'How well your offers (and, discounted, your network’s) meet their open needs.',
  },
  helpIn: {
    label: 'They help',
    text: 'How well their offers meet your open needs and goals.',
  },
  balance: {
    label: 'Balance',
    text: 'What you gave minus what you asked and received, each weighted by kind (an introduction or referral counts 3, a favor 2, advice 1). Below zero you have taken more than you gave: give before you ask again.',
  },
  strength: {
    label: 'Strength',
    text: 'How alive the relationship is, 0–100: real conversations count most (in person, then call, letter, message; a social click least), and each fades by half every 90 days.',
  },
  toolOnly: {
    label: 'tool-only',
    text: 'You only know them through a tool (a connection request, a like): no real conversation yet. A call or a coffee makes it real.',
  },
  reach: {
    label: 'reach',
    text: 'They could help you a lot, but you cannot help them yet. Rather than ask, look for people who benefit from what you know.',
  },
  needsUnknown: {
    label: 'needs unknown',
    text: 'You have not noted anything they need, so Tend cannot say how you could help. Ask them what would help right now.',
  },
  shotgun: {
    label: 'Shotgun signals',
    text: 'Signs of spraying instead of tending, over the last 7 days: the same note to many people, asks to many people, many social clicks with no real conversation, many people moved into focus at once.',
  },
  realDigital: {
    label: 'Real : digital',
    text: 'Real conversations (in person, call, letter) per digital one (message, social click).',
  },
  giveAsk: {
    label: 'Gives : asks',
    text: 'How many gives per ask in the period. Giving first keeps it above 1.',
  },
} as const satisfies Record<string, { label: string; text: string }>;

export type Term = keyof typeof terms;

/** A community member's roles (core/community.ts holds who may change whose). */
export const roles = ['owner', 'admin', 'member'] as const;

export const referralStates = [
  'proposed',
  'accepted',
  'contacted',
  'closed_won',
  'closed_lost',
  'declined',
] as const;

/**
 * A referral's moves, and who may make each (core/community.ts checks them; the web app offers
 * them). The member who receives a referral answers it (accept or decline), then reports
 * contacting the prospect and the outcome; the member who gave it may withdraw it only by
 * declining before it is accepted. Closed and declined are final.
 */
export const referralMoves = {
  proposed: [
    { to: 'accepted', by: 'receiver' },
    { to: 'declined', by: 'either' },
  ],
  accepted: [
    { to: 'contacted', by: 'receiver' },
    { to: 'declined', by: 'receiver' },
  ],
  contacted: [
    { to: 'closed_won', by: 'receiver' },
    { to: 'closed_lost', by: 'receiver' },
  ],
  closed_won: [],
  closed_lost: [],
  declined: [],
} as const;
