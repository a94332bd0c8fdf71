import {
  ApplicationCommandOptionType,
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
} from 'discord-api-types/v10';
import type { Command, CommandContext, Invocation } from '../src/app/command.js';
import type { ConfigChange, ConfigProblem, ConfigReply, UpcomingPost } from '../src/app/config-replies.js';
import type { AppServices } from '../src/app/services.js';
import { formatLocalTime, isValidTimeZone, parseLocalTime } from '../src/domain/anniversary.js';
import { eventsWithDay, LANGUAGES, type Language } from '../src/domain/dataset.js';
import { findPlaces } from '../src/domain/name-lookup.js';
import { findTimeZones } from '../src/domain/time-zones.js';
import { describe } from '../src/i18n/command-text.js';
import { choiceLabel } from '../src/i18n/place-names.js';
import { nextPosts } from '../src/schedule/planner.js';
import { plannerSettings } from '../src/schedule/planner-settings.js';
import type { GuildSettings, GuildSettingsPatch } from '../src/store/guild-settings.js';

type Ctx = CommandContext<AppServices>;
const sub = (name: string, options: unknown[] = []) => ({
  type: ApplicationCommandOptionType.Subcommand as const,
  name,
  ...describe(`config.${name}` as Parameters<typeof describe>[0]),
  options: options as never[],
});
const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  az: 'Azərbaycanca',
  ru: 'Русский',
  tr: 'Türkçe',
};

/** Problems that keep notices from arriving, each with a fix the admin can make. */
export async function problemsOf(
  settings: GuildSettings,
  ctx: Ctx,
  guildId: string,
): Promise<ConfigProblem[]> {
  const problems: ConfigProblem[] = [];
  if (settings.paused && settings.pauseReason) {
    problems.push({ code: 'paused', reason: settings.pauseReason, detail: settings.pauseDetail });
  }
  if (!settings.channelId) problems.push({ code: 'no-channel' });
  else {
    const channel = await ctx.services.guilds.channel(guildId, settings.channelId);
    if (!channel) problems.push({ code: 'channel-missing' });
    else if (channel.missing.length > 0)
      problems.push({ code: 'missing-permissions', permissions: channel.missing });
  }
  if (eventsWithDay(ctx.dataset).every((e) => settings.disabledEvents.includes(e.id))) {
    problems.push({ code: 'all-events-off' });
  }
  return problems;
}

function upcoming(settings: GuildSettings, ctx: Ctx, count: number): UpcomingPost[] {
  return nextPosts(plannerSettings(settings), eventsWithDay(ctx.dataset), ctx.now(), count);
}

async function updated(
  ctx: Ctx,
  guildId: string,
  patch: GuildSettingsPatch,
  change: ConfigChange,
): Promise<ConfigReply> {
  const settings = await ctx.services.settings.update(guildId, patch);
  return {
    kind: 'config-updated',
    change,
    settings,
    next: settings.paused || !settings.channelId ? null : (upcoming(settings, ctx, 1)[0] ?? null),
    problems: await problemsOf(settings, ctx, guildId),
  };
}

function dayEvent(ctx: Ctx, value: string) {
  const events = eventsWithDay(ctx.dataset);
  const byId = events.find((e) => e.id === value);
  if (byId) return byId;
  const match = findPlaces(ctx.names, value, 25).find((m) => events.some((e) => e.id === m.eventId));
  return events.find((e) => e.id === match?.eventId);
}

async function run(invocation: Invocation, guildId: string, ctx: Ctx): Promise<ConfigReply> {
  const { options } = invocation;
  const str = (name: string) => (options[name] === undefined ? undefined : String(options[name]));
  const current = await ctx.services.settings.get(guildId);
  switch (invocation.subcommand) {
    case 'show': {
      const trouble = await ctx.services.settings.recentTrouble(guildId);
      return {
        kind: 'config-show',
        settings: current,
        channelName: current.channelId
          ? ((await ctx.services.guilds.channel(guildId, current.channelId))?.name ?? null)
          : null,
        roleName: current.roleId
          ? ((await ctx.services.guilds.role(guildId, current.roleId))?.name ?? null)
          : null,
        next: current.paused || !current.channelId ? [] : upcoming(current, ctx, 3),
        problems: await problemsOf(current, ctx, guildId),
        trouble: trouble.map((d) => ({ ...d, event: ctx.dataset.events.find((e) => e.id === d.eventId) })),
        events: eventsWithDay(ctx.dataset),
      };
    }
    case 'channel': {
      const channelId = str('channel') ?? '';
      const channel = await ctx.services.guilds.channel(guildId, channelId);
      if (!channel) return { kind: 'config-error', code: 'channel-unknown', channelId };
      if (!channel.postable) return { kind: 'config-error', code: 'channel-type', channelId };
      if (channel.missing.length > 0) {
        return { kind: 'config-error', code: 'channel-permissions', channelId, permissions: channel.missing };
      }
      // A channel the bot can post in again clears a pause Discord caused; an admin's own pause stays.
      const unpause = current.paused && current.pauseReason !== 'admin' ? { paused: false } : {};
      return updated(ctx, guildId, { channelId, ...unpause }, { what: 'channel', channelId });
    }
    case 'timezone': {
      const value = (str('zone') ?? '').trim();
      const zone = isValidTimeZone(value) ? value : findTimeZones(value, 1).find((z) => z.exact)?.zone;
      if (!zone) return { kind: 'config-error', code: 'invalid-zone', value };
      return updated(ctx, guildId, { timeZone: zone }, { what: 'timezone', zone });
    }
    case 'time': {
      const value = str('at') ?? '';
      const time = parseLocalTime(value);
      if (!time) return { kind: 'config-error', code: 'invalid-time', value };
      const postTime = formatLocalTime(time);
      return updated(ctx, guildId, { postTime }, { what: 'time', time: postTime });
    }
    case 'role': {
      const roleId = str('role');
      if (roleId === undefined) return updated(ctx, guildId, { roleId: null }, { what: 'role-cleared' });
      const role = await ctx.services.guilds.role(guildId, roleId);
      if (!role) return { kind: 'config-error', code: 'role-unknown', roleId };
      if (role.managed) return { kind: 'config-error', code: 'role-managed', roleId };
      const channel = current.channelId
        ? await ctx.services.guilds.channel(guildId, current.channelId)
        : null;
      const botMayMentionAll = channel?.canMentionEveryone ?? false;
      if ((role.isEveryone || !role.mentionable) && !botMayMentionAll) {
        return { kind: 'config-error', code: 'role-not-mentionable', roleId, everyone: role.isEveryone };
      }
      return updated(ctx, guildId, { roleId }, { what: 'role', roleId });
    }
    case 'event': {
      const value = str('event') ?? '';
      const event = dayEvent(ctx, value);
      if (!event) return { kind: 'config-error', code: 'unknown-event', value };
      const enabled = options.enabled !== false;
      const disabled = new Set(current.disabledEvents);
      if (enabled) disabled.delete(event.id);
      else disabled.add(event.id);
      return updated(ctx, guildId, { disabledEvents: [...disabled] }, { what: 'event', event, enabled });
    }
    case 'language': {
      const value = str('language') ?? '';
      const language = LANGUAGES.find((l) => l === value);
      if (!language) return { kind: 'config-error', code: 'invalid-language', value };
      return updated(ctx, guildId, { language }, { what: 'language' });
    }
    case 'pause':
      if (current.paused && current.pauseReason === 'admin')
        return { kind: 'config-error', code: 'already-paused' };
      return updated(
        ctx,
        guildId,
        { paused: true, pauseReason: 'admin', pauseDetail: null },
        { what: 'pause' },
      );
    case 'resume':
      if (!current.paused) return { kind: 'config-error', code: 'not-paused' };
      return updated(ctx, guildId, { paused: false }, { what: 'resume' });
    case 'test': {
      if (!current.channelId) return { kind: 'config-error', code: 'no-channel' };
      const value = str('event');
      const event = value
        ? dayEvent(ctx, value)
        : upcoming({ ...current, disabledEvents: [] }, ctx, 1)[0]?.event;
      if (!event) return { kind: 'config-error', code: 'unknown-event', value: value ?? '' };
      const outcome = await ctx.services.preview(guildId, event.id);
      return {
        kind: 'config-test',
        ok: outcome.ok,
        channelId: current.channelId,
        event,
        failure: outcome.ok
          ? null
          : outcome.code === 'send-failed'
            ? { code: 'send-failed', detail: outcome.detail }
            : outcome.code === 'unknown-channel'
              ? { code: 'channel-missing' }
              : { code: 'paused', reason: outcome.code, detail: outcome.detail },
      };
    }
    default:
      throw new Error(`unknown /config subcommand ${invocation.subcommand}`);
  }
}

/** `/config` — server admins choose where, when and in which language notices are posted. */
export const configCommand: Command<AppServices> = {
  definition: {
    name: 'config',
    ...describe('config'),
    default_member_permissions: String(PermissionFlagsBits.ManageGuild),
    contexts: [InteractionContextType.Guild],
    options: [
      sub('show'),
      sub('channel', [
        {
          type: ApplicationCommandOptionType.Channel,
          name: 'channel',
          ...describe('config.channel.channel'),
          required: true,
          channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
        },
      ]),
      sub('timezone', [
        {
          type: ApplicationCommandOptionType.String,
          name: 'zone',
          ...describe('config.timezone.zone'),
          required: true,
          autocomplete: true,
          max_length: 64,
        },
      ]),
      sub('time', [
        {
          type: ApplicationCommandOptionType.String,
          name: 'at',
          ...describe('config.time.at'),
          required: true,
          max_length: 5,
        },
      ]),
      sub('role', [
        {
          type: ApplicationCommandOptionType.Role,
          name: 'role',
          ...describe('config.role.role'),
          required: false,
        },
      ]),
      sub('event', [
        {
          type: ApplicationCommandOptionType.String,
          name: 'event',
          ...describe('config.event.event'),
          required: true,
          autocomplete: true,
        },
        {
          type: ApplicationCommandOptionType.Boolean,
          name: 'enabled',
          ...describe('config.event.enabled'),
          required: true,
        },
      ]),
      sub('language', [
        {
          type: ApplicationCommandOptionType.String,
          name: 'language',
          ...describe('config.language.language'),
          required: true,
          choices: LANGUAGES.map((l) => ({ name: LANGUAGE_NAMES[l], value: l })),
        },
      ]),
      sub('pause'),
      sub('resume'),
      sub('test', [
        {
          type: ApplicationCommandOptionType.String,
          name: 'event',
          ...describe('config.test.event'),
          required: false,
          autocomplete: true,
        },
      ]),
    ],
  },
  async execute(invocation, ctx) {
    if (!invocation.guildId) return { reply: { kind: 'error', code: 'guild-only' }, ephemeral: true };
    // Discord hides the command from others, but server owners can change that: check again here.
    const perms = invocation.memberPermissions ?? 0n;
    if ((perms & (PermissionFlagsBits.ManageGuild | PermissionFlagsBits.Administrator)) === 0n) {
      return { reply: { kind: 'error', code: 'missing-manage-guild' }, ephemeral: true };
    }
    return { reply: await run(invocation, invocation.guildId, ctx), ephemeral: true };
  },
  async autocomplete(request, ctx) {
    const { focused, invocation } = request;
    if (focused.name === 'zone') {
      return findTimeZones(focused.value, 25).map((z) => ({ name: z.label, value: z.zone }));
    }
    const events = eventsWithDay(ctx.dataset);
    const matches =
      focused.value.trim() === ''
        ? events.map((e) => ({ event: e, matched: null as string | null }))
        : findPlaces(ctx.names, focused.value, 25).flatMap((m) => {
            const event = events.find((e) => e.id === m.eventId);
            return event ? [{ event, matched: m.matchedName }] : [];
          });
    return matches.map(({ event, matched }) => ({
      name: choiceLabel(event, invocation.language, matched),
      value: event.id,
    }));
  },
};
