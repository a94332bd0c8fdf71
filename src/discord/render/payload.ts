import type {
  APIActionRowComponent,
  APIAllowedMentions,
  APIComponentInMessageActionRow,
  APIEmbed,
} from 'discord-api-types/v10';

/** A file sent with a message (uploaded as multipart `files[n]`). */
export interface FileAttachment {
  name: string;
  data: Buffer;
  /** Alt text screen readers announce (Discord allows 1024 characters). */
  description?: string;
}

/** A message as the bot sends it: always with explicit allowed_mentions. */
export interface MessagePayload {
  content?: string;
  embeds: APIEmbed[];
  allowed_mentions: APIAllowedMentions;
  files?: FileAttachment[];
  /** Buttons; absent on messages that have none. */
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
}

/** Mentions nothing: users, roles and @everyone are all shown as text only. */
export const NO_MENTIONS: APIAllowedMentions = { parse: [] };

/** Discord's limits on what one message may carry. */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedsTotal: 6000,
} as const;

/** Cuts text to `max` characters, ending with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The characters Discord counts towards the 6000 across an embed. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0)
  );
}

/** Markdown link whose text cannot break out of the brackets. */
export function link(text: string, url: string): string {
  return `[${text.replace(/[[\]]/g, '')}](${url})`;
}

/** Escapes Discord markdown in text that came from a member. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\*_~`|>#[\]()-])/g, '\\$1').replace(/@/g, '@\u200b');
}

export const COLOURS = {
  remembrance: 0x2b2d31,
  notice: 0x8b1e2d,
  ok: 0x2e7d32,
  warn: 0xc77700,
  error: 0xb00020,
};
