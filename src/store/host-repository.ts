import type { Kysely } from 'kysely';
import type { Schema } from './schema.js';

/** What a running process says about itself in each heartbeat. */
export interface HostBeat {
  hostId: string;
  hostName: string;
  pid: number;
  shardIds: readonly number[];
  shardCount: number;
  startedAt: number;
  now: number;
}

export type ShardCountCheck =
  | { ok: true; recorded: number; changedFrom?: number }
  | { ok: false; recorded: number; liveHosts: number };

/** The shard count, host heartbeats and identify leases that several hosts share through the database. */
export class HostRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  /**
   * Records `count` as the bot's shard count if none is recorded, and compares it with the recorded one.
   * `change` replaces a different recorded count, but only while no host holding the old one is live.
   */
  async checkShardCount(
    count: number,
    now: number,
    change: boolean,
    liveSince: number,
  ): Promise<ShardCountCheck> {
    await this.db
      .insertInto('shard_layout')
      .values({ id: 1, shard_count: count, recorded_at: now })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    const recorded = Number(
      (
        await this.db
          .selectFrom('shard_layout')
          .select('shard_count')
          .where('id', '=', 1)
          .executeTakeFirstOrThrow()
      ).shard_count,
    );
    if (recorded === count) return { ok: true, recorded };
    const live = await this.db
      .selectFrom('host_heartbeats')
      .select('host_id')
      .distinct()
      .where('seen_at', '>=', liveSince)
      .where('shard_count', '<>', count)
      .execute();
    if (!change || live.length > 0) return { ok: false, recorded, liveHosts: live.length };
    await this.db
      .updateTable('shard_layout')
      .set({ shard_count: count, recorded_at: now })
      .where('id', '=', 1)
      .where('shard_count', '=', recorded)
      .execute();
    return { ok: true, recorded: count, changedFrom: recorded };
  }

  /** Records (or refreshes) that this process holds its shards now. */
  async beat(beat: HostBeat): Promise<void> {
    if (beat.shardIds.length === 0) return;
    await this.db
      .insertInto('host_heartbeats')
      .values(
        beat.shardIds.map((shardId) => ({
          host_id: beat.hostId,
          shard_id: shardId,
          shard_count: beat.shardCount,
          host_name: beat.hostName,
          pid: beat.pid,
          started_at: beat.startedAt,
          seen_at: beat.now,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['host_id', 'shard_id']).doUpdateSet((eb) => ({ seen_at: eb.ref('excluded.seen_at') })),
      )
      .execute();
  }

  /** Removes a process's heartbeat (on a clean stop). */
  async remove(hostId: string): Promise<void> {
    await this.db.deleteFrom('host_heartbeats').where('host_id', '=', hostId).execute();
  }

  /** The latest heartbeat of any host per shard id (stopped hosts' rows are gone, crashed ones' remain). */
  async lastSeenByShard(): Promise<Map<number, number>> {
    const rows = await this.db
      .selectFrom('host_heartbeats')
      .select((eb) => ['shard_id', eb.fn.max('seen_at').as('seen_at')])
      .groupBy('shard_id')
      .execute();
    return new Map(rows.map((r) => [Number(r.shard_id), Number(r.seen_at)]));
  }

  /** Drops heartbeats older than `before` (long-dead hosts). */
  async pruneBefore(before: number): Promise<void> {
    await this.db.deleteFrom('host_heartbeats').where('seen_at', '<', before).execute();
  }

  /**
   * Takes the identify lease of `bucket` until `expiresAt` if it is free at `now`, in one statement (so two
   * hosts asking at once cannot both get it). Otherwise returns when the current lease ends.
   */
  async takeIdentifyLease(
    bucket: number,
    holder: string,
    now: number,
    expiresAt: number,
  ): Promise<{ taken: true } | { taken: false; until: number }> {
    const row = await this.db
      .insertInto('identify_leases')
      .values({ bucket, holder, expires_at: expiresAt })
      .onConflict((oc) =>
        oc
          .column('bucket')
          .doUpdateSet((eb) => ({
            holder: eb.ref('excluded.holder'),
            expires_at: eb.ref('excluded.expires_at'),
          }))
          .where('identify_leases.expires_at', '<=', now),
      )
      .returning('holder')
      .executeTakeFirst();
    if (row?.holder === holder) return { taken: true };
    const current = await this.db
      .selectFrom('identify_leases')
      .select('expires_at')
      .where('bucket', '=', bucket)
      .executeTakeFirst();
    return { taken: false, until: Number(current?.expires_at ?? now) };
  }
}
