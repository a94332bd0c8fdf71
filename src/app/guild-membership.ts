import type { Logger } from 'pino';
import { type GuildRetention, LEFT_GRACE_MS } from '../store/guild-retention.js';
import type { SettingsRepository, ShardSelection } from '../store/settings-repository.js';

export const SWEEP_INTERVAL_MS = 24 * 60 * 60 * 1000;

/**
 * Follows which servers the bot is in. A server it was removed from keeps its settings, audit trail and
 * ledger for 30 days (a re-invite finds them), then a daily sweep deletes them. An outage (a server
 * Discord reports unavailable) is not a removal.
 */
export class GuildMembership {
  constructor(
    private readonly retention: GuildRetention,
    private readonly settings: SettingsRepository,
    private readonly now: () => number,
    private readonly logger: Logger,
    /** Called when the bot is back in a server it had left, to plan its next post again. */
    private readonly rejoined: (guildId: string) => Promise<void> = async () => undefined,
  ) {}

  /** GUILD_DELETE: `unavailable` means an outage, and nothing changes. */
  async removed(guildId: string, unavailable: boolean): Promise<void> {
    if (unavailable) return;
    if (await this.retention.markLeft(guildId, this.now())) {
      this.logger.info({ guildId }, 'removed from server; its data is kept 30 days for a re-invite');
    }
  }

  /** GUILD_CREATE: the bot is in the server (again). */
  async present(guildId: string): Promise<void> {
    if (await this.retention.clearLeft(guildId)) {
      await this.rejoined(guildId);
      this.logger.info({ guildId }, 'back in server; data kept');
    }
  }

  /**
   * After READY: every stored server of these shards that READY did not list was removed while the bot was
   * down; every listed one is present.
   */
  async reconcile(present: ReadonlySet<string>, shards?: ShardSelection): Promise<void> {
    // Two reads, then writes only for servers whose state changed: a restart with many servers stays cheap.
    const left = await this.retention.leftIds();
    for (const s of await this.settings.listAll(shards)) {
      if (present.has(s.guildId)) {
        if (left.has(s.guildId)) await this.present(s.guildId);
      } else if (!left.has(s.guildId)) await this.removed(s.guildId, false);
    }
  }

  /** When the bot was removed from a server whose data is still kept; null while it is a member. */
  leftAt(guildId: string): Promise<number | null> {
    return this.retention.leftAt(guildId);
  }

  /** Deletes the data of servers left more than 30 days ago. */
  async sweep(): Promise<number> {
    const deleted = await this.retention.deleteLeftBefore(this.now() - LEFT_GRACE_MS);
    if (deleted.length > 0)
      this.logger.info({ servers: deleted.length }, 'deleted data of servers left 30 days ago');
    return deleted.length;
  }

  /** Runs the sweep now and then daily; returns a stop function. */
  startDailySweep(): () => void {
    const run = () =>
      void this.sweep().catch((err: unknown) => this.logger.error({ err }, 'retention sweep failed'));
    run();
    const timer = setInterval(run, SWEEP_INTERVAL_MS);
    timer.unref();
    return () => clearInterval(timer);
  }
}
