import type { Core } from './core.js';
import { apiChannel, apiMember, apiRole, apiUser, type MemberState } from './fixtures.js';
import { publicMessage } from './messages.js';
import { ALL_PERMISSIONS } from './permissions.js';
import type {
  AnyJson,
  ComponentInput,
  InteractionInput,
  InteractionOptionInput,
  StoredMessage,
} from './types.js';

/** INTERACTION_CREATE as Discord sends it, with every field discord.js reads (see discord-facts.md). */

type Json = Record<string, AnyJson>;

const OptionType = { SubCommand: 1, SubCommandGroup: 2, User: 6, Channel: 7, Role: 8, Mentionable: 9 };

function resolveOptions(core: Core, input: InteractionInput, memberPermissions: string): Json | undefined {
  const resolved: Json = {};
  const put = (kind: string, id: string, value: unknown) => {
    resolved[kind] ??= {};
    resolved[kind][id] = value;
  };
  const guild = input.guildId ? core.world.guilds.get(input.guildId) : undefined;
  const resolveUser = (id: string) => {
    const m = guild?.members.get(id);
    put('users', id, apiUser(id, m?.username ?? `user${id.slice(-4)}`, m?.bot ?? false));
    if (m) {
      const { user: _u, ...member } = apiMember(m);
      put('members', id, { ...member, permissions: memberPermissions });
    }
  };
  for (const o of input.options ?? []) {
    const id = String(o.value);
    if (o.focused) continue;
    if (o.type === OptionType.Channel) {
      const c = core.world.channel(id);
      if (c) {
        const { id: cid, name, type, parent_id } = apiChannel(c);
        put('channels', id, { id: cid, name, type, parent_id, permissions: memberPermissions, flags: 0 });
      }
    } else if (o.type === OptionType.Role || (o.type === OptionType.Mentionable && guild?.roles.has(id))) {
      const role = guild?.roles.get(id);
      if (role) put('roles', id, apiRole(role));
    } else if (o.type === OptionType.User || o.type === OptionType.Mentionable) {
      resolveUser(id);
    }
  }
  for (const [kind, entries] of Object.entries(input.resolved ?? {})) {
    for (const [id, value] of Object.entries(entries ?? {})) put(kind, id, value);
  }
  return Object.keys(resolved).length ? resolved : undefined;
}

function commandOptions(input: InteractionInput): Json[] {
  let options: Json[] = (input.options ?? []).map((o: InteractionOptionInput) => ({
    name: o.name,
    type: o.type,
    value: o.value,
    ...(o.focused ? { focused: true } : {}),
  }));
  if (input.subcommand) options = [{ type: OptionType.SubCommand, name: input.subcommand, options }];
  if (input.subcommandGroup)
    options = [{ type: OptionType.SubCommandGroup, name: input.subcommandGroup, options }];
  return options;
}

/**
 * Discord's client does not let a member send a number outside the option's registered `min_value`/`max_value`
 * (nor a string outside `min_length`/`max_length`): a test that tries is told so, and nothing reaches the bot.
 */
function checkOptionBounds(command: Json | undefined, input: InteractionInput): void {
  if (!command || input.type === 'autocomplete') return;
  let defs: Json[] = command.options ?? [];
  for (const name of [input.subcommandGroup, input.subcommand]) {
    if (name) defs = defs.find((d) => d.name === name)?.options ?? [];
  }
  for (const o of input.options ?? []) {
    const def = defs.find((d) => d.name === o.name);
    if (!def) continue;
    const v = o.value;
    const outside =
      typeof v === 'number'
        ? (def.min_value !== undefined && v < def.min_value) ||
          (def.max_value !== undefined && v > def.max_value)
        : typeof v === 'string' &&
          ((def.min_length !== undefined && v.length < def.min_length) ||
            (def.max_length !== undefined && v.length > def.max_length));
    if (outside) {
      throw new Error(`emulator: Discord's client refuses ${o.name}=${JSON.stringify(v)} for /${input.name}`);
    }
  }
}

export function buildInteractionPayload(
  core: Core,
  input: InteractionInput,
  id: string,
  token: string,
): Json {
  const { commands } = core;
  const command = commands.find(input.name, input.guildId);
  checkOptionBounds(command, input);
  const memberPermissions = input.memberPermissions ?? ALL_PERMISSIONS.toString();
  const resolved = resolveOptions(core, input, memberPermissions);
  const data: Json = {
    id: command?.id ?? core.interactions.commandId(input.name),
    name: input.name,
    type: 1,
    options: commandOptions(input),
    ...(command?.guild_id ? { guild_id: command.guild_id } : {}),
    ...(resolved ? { resolved } : {}),
  };
  return envelope(core, input, { id, token, type: input.type === 'autocomplete' ? 4 : 2, data });
}

/** MESSAGE_COMPONENT (type 3): a button pressed on `message`, which Discord sends whole. */
export function buildComponentPayload(
  core: Core,
  input: ComponentInput,
  message: StoredMessage,
  id: string,
  token: string,
): Json {
  return {
    ...envelope(core, input, {
      id,
      token,
      type: 3,
      data: { custom_id: input.customId, component_type: 2 },
    }),
    message: publicMessage(message),
  };
}

/** What every interaction carries besides its data: who, where, with which permissions and locale. */
function envelope(
  core: Core,
  input: Pick<
    InteractionInput,
    'guildId' | 'channelId' | 'user' | 'memberPermissions' | 'appPermissions' | 'guildLocale'
  >,
  head: { id: string; token: string; type: number; data: Json },
): Json {
  const { world, opts } = core;
  const guild = input.guildId ? world.guilds.get(input.guildId) : undefined;
  if (input.guildId && !guild?.botIsMember)
    throw new Error(`emulator: the bot is not in guild ${input.guildId}`);
  const userId = input.user?.id ?? core.interactions.testerId();
  const fixtureMember: MemberState | undefined = guild?.members.get(userId);
  const username = input.user?.username ?? fixtureMember?.username ?? 'tester';
  const user = apiUser(userId, username, false);
  const memberPermissions = input.memberPermissions ?? ALL_PERMISSIONS.toString();
  const channelState = world.channel(input.channelId);
  const base: Json = {
    id: head.id,
    application_id: opts.applicationId,
    type: head.type,
    token: head.token,
    version: 1,
    data: head.data,
    locale: input.user?.locale ?? 'en-US',
    app_permissions: input.appPermissions ?? world.appPermissions(input.guildId, input.channelId).toString(),
    entitlements: [],
    attachment_size_limit: 10 * 1024 * 1024,
  };
  if (!guild) {
    return {
      ...base,
      channel_id: input.channelId,
      channel: { id: input.channelId, type: 1, flags: 0, last_message_id: null, recipients: [user] },
      user,
      context: 1,
      authorizing_integration_owners: { 0: '0' },
    };
  }
  const member = fixtureMember
    ? apiMember(fixtureMember)
    : apiMember({ id: userId, username, roleIds: [], nick: null, bot: false, joinedAt: guild.joinedAt });
  return {
    ...base,
    guild_id: guild.id,
    guild: { id: guild.id, locale: input.guildLocale ?? guild.preferredLocale, features: [] },
    guild_locale: input.guildLocale ?? guild.preferredLocale,
    channel_id: input.channelId,
    channel: channelState
      ? { ...apiChannel(channelState), permissions: memberPermissions }
      : {
          id: input.channelId,
          type: 0,
          guild_id: guild.id,
          name: 'unknown',
          flags: 0,
          permissions: memberPermissions,
        },
    member: { ...member, user, permissions: memberPermissions },
    context: 0,
    authorizing_integration_owners: { 0: guild.id },
  };
}
