/**
 * Paces notice posts under Discord's global limit of 50 requests per second, measured over any one-second
 * window. @discordjs/rest counts the limit in fixed windows that start at its own first request, which can
 * put up to 100 requests inside one sliding second and earn global 429s at the busiest minute; this keeps
 * posts at most `limit` per `windowMs` and `minGapMs` apart, which wastes under 5 % of the allowed rate.
 */
export class SendPacer {
  private readonly sent: number[] = [];
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly options: {
      limit?: number;
      windowMs?: number;
      minGapMs?: number;
      /** A monotonic time source in ms; real time, because Discord's limit is. */
      now?: () => number;
      sleep?: (ms: number) => Promise<void>;
    } = {},
  ) {}

  /** Resolves when the next post may go; callers are served in order. */
  acquire(): Promise<void> {
    const turn = this.tail.then(() => this.waitTurn());
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  private async waitTurn(): Promise<void> {
    const limit = this.options.limit ?? 48;
    const windowMs = this.options.windowMs ?? 1_000;
    const minGapMs = this.options.minGapMs ?? 20;
    const now = this.options.now ?? (() => performance.now());
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    for (;;) {
      const t = now();
      while (this.sent.length > 0 && (this.sent[0] as number) <= t - windowMs) this.sent.shift();
      const last = this.sent[this.sent.length - 1];
      const gapWait = last === undefined ? 0 : last + minGapMs - t;
      const windowWait = this.sent.length < limit ? 0 : (this.sent[0] as number) + windowMs - t;
      const wait = Math.max(gapWait, windowWait);
      if (wait <= 0) {
        this.sent.push(t);
        return;
      }
      await sleep(wait);
    }
  }
}

/** Headroom under Discord's global limit for requests other than notice posts (command sync, fetches). */
const GLOBAL_HEADROOM = 0.96;
/**
 * Headroom when several processes share the limit: each paces its own requests, but they reach Discord
 * with some jitter (event-loop lag, connection reuse), and the bunches of independent processes add up.
 * Measured in hosts.e2e.test.ts: two processes pacing 24/s each in bursts put 50 requests into one second
 * of the emulator; evenly spaced at 22/s each (callers set minGapMs = 1000 / limit), none over.
 */
const SHARED_HEADROOM = 0.9;

/**
 * Notice posts per second this process may make. Discord's global limit is per bot, not per process, so
 * each process takes the fraction of the shards it holds (1 of 2 shards at 50/s → 24/s); together the
 * processes of a correctly configured bot stay under the limit. `processLimit` overrides the share.
 */
export function processSendLimit(options: {
  globalLimit: number;
  processLimit?: number | undefined;
  shardsHeld: number;
  shardCount: number;
}): number {
  if (options.processLimit !== undefined) return options.processLimit;
  const headroom = options.shardsHeld < options.shardCount ? SHARED_HEADROOM : GLOBAL_HEADROOM;
  const share = (options.globalLimit * headroom * options.shardsHeld) / options.shardCount;
  return Math.max(1, Math.floor(share));
}
