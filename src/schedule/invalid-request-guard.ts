/**
 * Counts Discord's 401, 403 and 429 answers (not 429s of the shared scope) over a sliding window:
 * 10,000 of them in 10 minutes gets the bot's IP banned. Sending stops well before that.
 */
export class InvalidRequestGuard {
  private readonly times: number[] = [];

  constructor(
    private readonly now: () => number,
    readonly limit = 5_000,
    readonly windowMs = 10 * 60_000,
  ) {}

  /** Records one response; returns true when it counts as invalid. */
  record(status: number, scope: string | null): boolean {
    const invalid = status === 401 || status === 403 || (status === 429 && scope !== 'shared');
    if (invalid) this.times.push(this.now());
    return invalid;
  }

  /** Invalid answers within the window. */
  count(): number {
    const since = this.now() - this.windowMs;
    while (this.times.length > 0 && (this.times[0] as number) <= since) this.times.shift();
    return this.times.length;
  }

  /** Whether sending must stop for now. */
  blocked(): boolean {
    return this.count() >= this.limit;
  }
}
