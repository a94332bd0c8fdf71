import { createHash } from 'node:crypto';

/** Discord's two kinds of REST limits: a global requests-per-second window and per-route buckets. */

/** Sliding one-second window over every request that is not an interaction endpoint. */
export class GlobalLimiter {
  private readonly stamps: number[] = [];

  constructor(private readonly perSecond: number) {}

  /** Undefined when allowed, otherwise ms until a slot frees. */
  take(now = Date.now()): number | undefined {
    while (this.stamps.length && (this.stamps[0] as number) <= now - 1000) this.stamps.shift();
    if (this.stamps.length >= this.perSecond) return (this.stamps[0] as number) + 1000 - now;
    this.stamps.push(now);
    return undefined;
  }
}

export interface BucketState {
  limit: number;
  remaining: number;
  resetAt: number;
  bucket: string;
  /** Set when this request exceeded the bucket. */
  retryAfterMs?: number;
}

/** The top-level resource Discord keys buckets by: a channel, guild or webhook (with its token). */
export function majorParameter(path: string): string {
  const m = /^\/webhooks\/(\d+\/[^/]+)|^\/(?:channels|guilds|webhooks)\/(\d+)/.exec(path);
  return m?.[2] ?? m?.[1] ?? 'global';
}

/** Fixed windows per route template and major parameter, as discord.js expects from the headers. */
export class BucketLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** The bucket's state without counting a request (for responses refused before the bucket). */
  peek(route: string, path: string, now = Date.now()): BucketState {
    const w = this.windows.get(`${route}|${majorParameter(path)}`);
    const live = w && now < w.resetAt ? w : { count: 0, resetAt: now + this.windowMs };
    const bucket = createHash('sha1').update(route).digest('hex').slice(0, 16);
    return {
      limit: this.limit,
      remaining: Math.max(0, this.limit - live.count),
      resetAt: live.resetAt,
      bucket,
    };
  }

  take(route: string, path: string, now = Date.now(), unlimited = false): BucketState {
    const key = `${route}|${majorParameter(path)}`;
    let w = this.windows.get(key);
    if (!w || now >= w.resetAt) {
      w = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(key, w);
    }
    const bucket = createHash('sha1').update(route).digest('hex').slice(0, 16);
    if (w.count >= this.limit && !unlimited) {
      return { limit: this.limit, remaining: 0, resetAt: w.resetAt, bucket, retryAfterMs: w.resetAt - now };
    }
    w.count++;
    return { limit: this.limit, remaining: Math.max(0, this.limit - w.count), resetAt: w.resetAt, bucket };
  }
}

export function bucketHeadersFor(
  limiter: BucketLimiter,
  route: string,
  path: string,
): Record<string, string> {
  return bucketHeaders(limiter.peek(route, path));
}

export function bucketHeaders(b: BucketState, now = Date.now()): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(b.limit),
    'X-RateLimit-Remaining': String(b.remaining),
    'X-RateLimit-Reset': (b.resetAt / 1000).toFixed(3),
    'X-RateLimit-Reset-After': (Math.max(0, b.resetAt - now) / 1000).toFixed(3),
    'X-RateLimit-Bucket': b.bucket,
  };
}
