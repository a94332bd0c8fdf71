import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { z } from 'zod';
import type { ChannelPermission, PreviewFailure } from '../../src/app/config-replies.js';
import type { PreviewOutcome } from '../../src/app/services.js';
import type { RemembranceEvent } from '../../src/domain/dataset.js';
import { isServerDateId, type ServerDate } from '../../src/domain/server-date.js';
import { describe } from '../../src/i18n/command-text.js';
import { dayEvent } from './events.js';
import { nextPostsOf } from './status.js';
import { type ConfigContext, configSubcommand } from './subcommand.js';

const NOTICE_PERMISSIONS: ChannelPermission[] = ['ViewChannel', 'SendMessages', 'EmbedLinks'];

/**
 * Why a preview was not posted. A refusal says what to grant: the permissions the bot's view of the channel
 * lacks, or — when that view saw nothing missing — every permission a notice needs. A failed preview
 * changes nothing: the schedule is not paused by it.
 */
async function failureOf(
  outcome: Exclude<PreviewOutcome, { ok: true }>,
  ctx: ConfigContext,
  guildId: string,
  channelId: string,
): Promise<PreviewFailure> {
  switch (outcome.code) {
    case 'unknown-channel':
      return { code: 'channel-missing' };
    case 'send-failed':
      return { code: 'send-failed', detail: outcome.detail };
    case 'missing-access':
    case 'missing-permissions': {
      const channel = await ctx.services.guilds.channel(guildId, channelId);
      const missing = channel?.missing.length ? channel.missing : NOTICE_PERMISSIONS;
      return { code: 'preview-refused', permissions: missing };
    }
  }
}

/** What a preview shows: a dataset anniversary, or one of the server's own dates. */
type Previewed =
  | { event: RemembranceEvent; serverDate?: undefined }
  | { event?: undefined; serverDate: ServerDate };

function ownDate(dates: readonly ServerDate[], id: string): { serverDate: ServerDate } | undefined {
  const serverDate = dates.find((d) => d.id === id);
  return serverDate && { serverDate };
}

function datasetEvent(ctx: ConfigContext, value: string): { event: RemembranceEvent } | undefined {
  const event = dayEvent(ctx, value);
  return event && { event };
}

/** `/config test` — posts a labelled preview of a notice now, so problems show at once. */
export const testSubcommand = configSubcommand({
  name: 'test',
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'event',
      ...describe('config.test.event'),
      required: false,
      autocomplete: true,
    },
  ],
  input: z.object({ event: z.string().optional() }),
  async run({ event: value }, { ctx, guildId }) {
    const current = await ctx.services.settings.get(guildId);
    const channelId = current.channelId;
    if (!channelId) return { kind: 'config-error', code: 'no-channel' };
    const own = await ctx.services.settings.serverDates(guildId);
    // Without a choice, the next post of any kind (the dataset's or the server's own) — even one turned off or
    // while paused: it is only a preview. A chosen own date is looked up among this server's only.
    const subject: Previewed | undefined =
      value === undefined
        ? nextPostsOf({ ...current, paused: false, disabledEvents: [] }, ctx, 1, own)[0]
        : isServerDateId(value)
          ? ownDate(own, value)
          : datasetEvent(ctx, value);
    if (!subject) return { kind: 'config-error', code: 'unknown-event', value: value ?? '' };
    const outcome = await ctx.services.preview(
      guildId,
      subject.event ? subject.event.id : subject.serverDate.id,
    );
    const failure = outcome.ok ? null : await failureOf(outcome, ctx, guildId, channelId);
    const base = { kind: 'config-test' as const, ok: outcome.ok, channelId, failure };
    return subject.event ? { ...base, event: subject.event } : { ...base, serverDate: subject.serverDate };
  },
});
