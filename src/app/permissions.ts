/**
 * Every permission the bot asks for, in one list: the README's invite link grants exactly these (its number
 * is checked against this list by test/discord/invite-permissions.test.ts) and `/config show`, `/config
 * channel` and the notice-channel check ask for the channel ones. A feature that needs another permission adds
 * it here, and each feature still checks what it needs when it runs.
 *
 * Bits are Discord's (`PermissionFlagsBits`), written out so this layer needs no discord.js; the test checks
 * each against discord.js's own.
 */
export type BotPermissionName = 'ViewChannel' | 'SendMessages' | 'EmbedLinks' | 'ReadMessageHistory';

export interface BotPermission {
  name: BotPermissionName;
  bit: bigint;
  /** Checked in the notice channel, or server-wide. */
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
  // Before a retry or takeover, to read back whether a notice or reminder was already posted.
  { name: 'ReadMessageHistory', bit: 1n << 16n, where: 'channel', usedBy: ['notices', 'reminders'] },
];

/** The invite link's `permissions` integer: every bit above. */
export const INVITE_PERMISSIONS: bigint = BOT_PERMISSIONS.reduce((all, p) => all | p.bit, 0n);
