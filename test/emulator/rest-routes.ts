import { validateCommandList } from './command-validation.js';
import type { Core } from './core.js';
import { Errors } from './errors.js';
import { apiChannel, apiGuild, apiMember, apiRole, apiUser, type GuildState } from './fixtures.js';
import { Permission } from './permissions.js';
import type { Router } from './router.js';

/** Gateway discovery, the bot's user and application, commands, and read-only guild/channel routes. */

export function restRoutes(router: Router, core: () => Core): void {
  let ownerId: string | undefined;
  const application = () => {
    const { opts } = core();
    ownerId ??= core().ids();
    return {
      id: opts.applicationId,
      name: opts.botUsername,
      icon: null,
      description: '',
      summary: '',
      type: null,
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: '0'.repeat(64),
      flags: 0,
      owner: apiUser(ownerId, 'owner', false),
      team: null,
      bot: apiUser(opts.botUserId, opts.botUsername, true),
      approximate_guild_count: core().world.joinedGuilds().length,
      interactions_endpoint_url: null,
      redirect_uris: [],
      tags: [],
    };
  };

  const joinedGuild = (guildId: string): GuildState => {
    const g = core().world.guilds.get(guildId);
    if (!g) throw Errors.unknownGuild();
    if (!g.botIsMember) throw Errors.missingAccess();
    return g;
  };

  const checkApplication = (applicationId: string) => {
    if (applicationId !== core().opts.applicationId) throw Errors.unknownApplication();
  };

  router
    .add('GET /gateway', () => ({ status: 200, body: { url: core().gatewayUrl() } }))
    .add('GET /gateway/bot', () => {
      const { opts } = core();
      return {
        status: 200,
        body: {
          url: core().gatewayUrl(),
          shards: opts.shardCount,
          session_start_limit: {
            total: 1000,
            remaining: 1000,
            reset_after: 86_400_000,
            max_concurrency: opts.maxConcurrency,
          },
        },
      };
    })
    .add('GET /users/@me', () => {
      const { opts } = core();
      const user = apiUser(opts.botUserId, opts.botUsername, true);
      return {
        status: 200,
        body: { ...user, verified: true, mfa_enabled: false, email: null, locale: 'en-US' },
      };
    })
    .add('GET /applications/@me', () => ({ status: 200, body: application() }))
    .add('GET /oauth2/applications/@me', () => ({ status: 200, body: application() }))
    .add('GET /applications/:id/commands', ({ params }) => {
      checkApplication(params[0] as string);
      return { status: 200, body: core().commands.list() };
    })
    .add('PUT /applications/:id/commands', ({ params, body }) => {
      checkApplication(params[0] as string);
      return { status: 200, body: core().commands.overwrite(undefined, validateCommandList(body)) };
    })
    .add('GET /applications/:id/guilds/:id/commands', ({ params }) => {
      checkApplication(params[0] as string);
      joinedGuild(params[1] as string);
      return { status: 200, body: core().commands.list(params[1]) };
    })
    .add('PUT /applications/:id/guilds/:id/commands', ({ params, body }) => {
      checkApplication(params[0] as string);
      joinedGuild(params[1] as string);
      return { status: 200, body: core().commands.overwrite(params[1], validateCommandList(body)) };
    })
    .add('GET /guilds/:id', ({ params, query }) => {
      const g = joinedGuild(params[0] as string);
      const counts =
        query.get('with_counts') === 'true'
          ? { approximate_member_count: g.members.size, approximate_presence_count: 0 }
          : {};
      return { status: 200, body: { ...apiGuild(g), ...counts } };
    })
    .add('GET /guilds/:id/channels', ({ params }) => {
      const g = joinedGuild(params[0] as string);
      return { status: 200, body: [...g.channels.values()].map(apiChannel) };
    })
    .add('GET /guilds/:id/roles', ({ params }) => {
      const g = joinedGuild(params[0] as string);
      return { status: 200, body: [...g.roles.values()].map(apiRole) };
    })
    .add('GET /guilds/:id/roles/:id', ({ params }) => {
      const g = joinedGuild(params[0] as string);
      const role = g.roles.get(params[1] as string);
      if (!role) throw Errors.unknownRole();
      return { status: 200, body: apiRole(role) };
    })
    .add('GET /guilds/:id/members/:id', ({ params }) => {
      const g = joinedGuild(params[0] as string);
      const m = g.members.get(params[1] as string);
      if (!m) throw Errors.unknownMember();
      return { status: 200, body: apiMember(m) };
    })
    .add('GET /guilds/:id/members/@me', ({ params }) => {
      const g = joinedGuild(params[0] as string);
      const m = g.members.get(core().opts.botUserId);
      if (!m) throw Errors.unknownMember();
      return { status: 200, body: apiMember(m) };
    })
    .add('GET /channels/:id', ({ params }) => {
      const { world } = core();
      const c = world.channel(params[0] as string);
      if (!c) throw Errors.unknownChannel();
      if (!(world.permissionsIn(c.id) & Permission.ViewChannel)) throw Errors.missingAccess();
      return { status: 200, body: apiChannel(c) };
    });
}
