/**
 * Every permission the bot asks for, in one list: the README's invite link grants exactly these (its number
 * is checked against this list by test/discord/invite-permissions.test.ts) and `/config show`, `/config
 * channel` and the notice-channel check ask for the channel ones. A feature that needs another permission adds
 * it here, and each feature still checks what it needs when it runs.
 *
 * Bits are Discord's (`PermissionFlagsBits`), written out so this layer needs no discord.js; the test checks
 * each against discord.js's own.
 */
export type BotPermissionName =
  | 'ViewChannel'
  | 'SendMessages'
  | 'EmbedLinks'
  | 'AttachFiles'
  | 'ReadMessageHistory'
  | 'CreateEvents';

export interface BotPermission {
  name: BotPermissionName;
  bit: bigint;
  /** Checked in the notice channel, or server-wide (by the feature that needs it, when it runs). */
  where: 'channel' | 'server';
  /** What uses it, for the README and for whoever removes one. */
  usedBy: readonly string[];
}

export const BOT_PERMISSIONS: readonly BotPermission[] = [
  { name: 'ViewChannel', bit: 1n << 10n, where: 'channel', usedBy: ['notices', 'reminders'] },
  // Publishing (crossposting) the bot's own notice in an announcement channel needs nothing more than
  // Send Messages; Manage Messages would only be needed to publish other members' messages.
  { name: 'SendMessages', bit: 1n << 11n, where: 'channel', usedBy: ['notices', 'reminders', 'publishing'] },
  { name: 'EmbedLinks', bit: 1n << 14n, where: 'channel', usedBy: ['notices', 'reminders'] },
  // /timeline's picture; not checked in the notice channel (interaction replies carry it).
  { name: 'AttachFiles', bit: 1n << 15n, where: 'server', usedBy: ['timeline picture'] },
  // Before a retry or takeover, to read back whether a notice or reminder was already posted.
  { name: 'ReadMessageHistory', bit: 1n << 16n, where: 'channel', usedBy: ['notices', 'reminders'] },
  // The Events tab: events the bot creates itself (Manage Events, which includes it, also does).
  { name: 'CreateEvents', bit: 1n << 44n, where: 'server', usedBy: ['events tab'] },
];

/** The invite link's `permissions` integer: every bit above. */
export const INVITE_PERMISSIONS: bigint = BOT_PERMISSIONS.reduce((all, p) => all | p.bit, 0n);

/** Either lets the bot create its own scheduled events: Create Events (1 << 44) or Manage Events (1 << 33). */
export const EVENT_PERMISSION_BITS = [1n << 44n, 1n << 33n] as const;
