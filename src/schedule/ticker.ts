import type { Logger } from 'pino';

export interface TickerSchedule {
  name: string;
  /** Runs at the start of every this many minutes of the clock (every minute by default). */
  everyMinutes?: number;
  /** The clock whose minutes it follows: the bot's clock, so a test clock moves the ticks with it. */
  now?: () => number;
}

/**
 * One ticker for every server: it fires at the start of each minute of the bot's clock and the scheduler
 * works out what is due. It also runs once at start so posts missed while the bot was down go out late.
 * A run still going when the next is due makes that one skip, never overlap.
 */
export function startTicker(
  tick: () => Promise<unknown>,
  logger: Logger,
  schedule: TickerSchedule = { name: 'anniversary-ticker' },
): { stop(): void } {
  const periodMs = (schedule.everyMinutes ?? 1) * 60_000;
  const now = schedule.now ?? Date.now;
  const nextStart = (at: number) => (Math.floor(at / periodMs) + 1) * periodMs;
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  const run = () => {
    if (running) return;
    running = true;
    tick()
      .catch((err: unknown) => logger.error({ err, job: schedule.name }, 'tick failed'))
      .finally(() => {
        running = false;
      });
  };
  const next = (due: number) => {
    timer = setTimeout(
      () => {
        const at = now();
        // Timers follow the monotonic clock: a wall clock slewed behind wakes us a little early (wait on);
        // one stepped back by more ticks now and follows the clock from there.
        if (at < due && due - at < 1_000) return next(due);
        run();
        next(nextStart(at));
      },
      Math.max(0, due - now()),
    );
  };
  next(nextStart(now()));
  run();
  return {
    stop() {
      clearTimeout(timer);
    },
  };
}
