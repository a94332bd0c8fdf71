/**
 * What the bot must keep in discord.js's cache, and nothing more: the channels servers post in (so a
 * CHANNEL_DELETE reaches the bot), @everyone, the bot's own roles (to work out its permissions) and the roles
 * notices mention. Everything else a GUILD_CREATE carries — at 10,000 servers, hundreds of thousands of
 * channels and roles — is dropped as it arrives; a lookup that needs one fetches it.
 */
export class CacheNeeds {
  private readonly channels = new Set<string>();
  private readonly roles = new Set<string>();
  /** Servers where the bot was given roles after they arrived (those roles were dropped then). */
  private readonly botRolesChanged = new Set<string>();

  keepChannel(id: string): void {
    this.channels.add(id);
  }

  keepRole(id: string): void {
    this.roles.add(id);
  }

  keepsChannel(id: string): boolean {
    return this.channels.has(id);
  }

  /** @everyone (its id is the server's) and every role the bot holds or mentions. */
  keepsRole(id: string, guildId: string): boolean {
    return id === guildId || this.roles.has(id);
  }

  /**
   * Whether the bot's roles in this server changed since it arrived (or since the last call): then some may
   * be missing from the cache and must be fetched. Answers from the gateway's own packets, so the bot need
   * not read discord.js's private list of a member's role ids.
   */
  takeBotRolesChanged(guildId: string): boolean {
    return this.botRolesChanged.delete(guildId);
  }

  markBotRolesChanged(guildId: string): void {
    this.botRolesChanged.add(guildId);
  }

  /**
   * Notes the bot's own roles from a raw gateway packet, before discord.js builds the guild from it
   * (its roles arrive ahead of its members, so the decision cannot wait for the bot's member object).
   */
  observe(packet: { t?: string | null; d?: unknown }, botUserId: string | undefined): void {
    if (!botUserId || !packet.d || typeof packet.d !== 'object') return;
    const d = packet.d as {
      members?: Array<{ user?: { id?: string }; roles?: string[] }>;
      user?: { id?: string };
      roles?: string[];
      guild_id?: string;
    };
    if (packet.t === 'GUILD_CREATE') {
      const me = d.members?.find((m) => m.user?.id === botUserId);
      for (const role of me?.roles ?? []) this.keepRole(role);
    } else if (packet.t === 'GUILD_MEMBER_UPDATE' && d.user?.id === botUserId) {
      for (const role of d.roles ?? []) this.keepRole(role);
      if (d.guild_id) this.markBotRolesChanged(d.guild_id);
    }
  }
}
