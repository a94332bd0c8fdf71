import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { z } from 'zod';
import type { ChannelPermission, PreviewFailure } from '../../src/app/config-replies.js';
import type { PreviewOutcome } from '../../src/app/services.js';
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
    // Without a choice, the next anniversary — even one turned off or while paused: it is only a preview.
    const event =
      value !== undefined
        ? dayEvent(ctx, value)
        : nextPostsOf({ ...current, paused: false, disabledEvents: [] }, ctx, 1)[0]?.event;
    if (!event) return { kind: 'config-error', code: 'unknown-event', value: value ?? '' };
    const outcome = await ctx.services.preview(guildId, event.id);
    return {
      kind: 'config-test',
      ok: outcome.ok,
      channelId,
      event,
      failure: outcome.ok ? null : await failureOf(outcome, ctx, guildId, channelId),
    };
  },
});
