import { PermissionFlagsBits } from 'discord-api-types/v10';

/** A permission a feature of the bot needs, by discord.js's flag name. */
export type BotPermission =
  | 'ViewChannel'
  | 'SendMessages'
  | 'EmbedLinks'
  | 'AttachFiles'
  | 'ReadMessageHistory'
  | 'CreateEvents';

/**
 * Every permission the bot's features use, with its bit: the README's invite link grants exactly these and
 * `/config show` checks them. View Channel, Send Messages and Embed Links post notices; Read Message History
 * lets the bot check, after a crash, whether a notice was already posted; Attach Files carries /timeline's
 * picture; Create Events shows anniversaries in the Events tab (Manage Events, which includes it, also does).
 */
export const BOT_PERMISSIONS: ReadonlyArray<readonly [BotPermission, bigint]> = [
  ['ViewChannel', PermissionFlagsBits.ViewChannel],
  ['SendMessages', PermissionFlagsBits.SendMessages],
  ['EmbedLinks', PermissionFlagsBits.EmbedLinks],
  ['AttachFiles', PermissionFlagsBits.AttachFiles],
  ['ReadMessageHistory', PermissionFlagsBits.ReadMessageHistory],
  ['CreateEvents', PermissionFlagsBits.CreateEvents],
];

/** The invite link's `permissions=` number. */
export const BOT_PERMISSIONS_BITS: bigint = BOT_PERMISSIONS.reduce((all, [, bit]) => all | bit, 0n);

/** Either lets the bot create its own scheduled events (Manage Events also edits everyone's). */
export const EVENT_PERMISSION_BITS = [
  PermissionFlagsBits.CreateEvents,
  PermissionFlagsBits.ManageEvents,
] as const;
