import cron from 'node-cron';
import type { Logger } from 'pino';

export interface TickerSchedule {
  name: string;
  /** Runs at the start of every this many minutes of the clock (every minute by default; divides 60). */
  everyMinutes?: number;
  /**
   * A clock that is not the wall clock — an e2e child's test clock (`REMEMBRANCE_TEST_CLOCK`), shifted from
   * real time — whose minutes the ticks must follow. Without one, node-cron fires on the wall clock's minutes.
   */
  shiftedClock?: () => number;
}

/**
 * One ticker for every server: it fires at the start of each minute and the scheduler works out what is due.
 * It also runs once at start so posts missed while the bot was down go out late. A run still going when the
 * next is due makes that one skip, never overlap.
 *
 * On the wall clock (every real deployment) node-cron fires it. A process on a shifted test clock cannot use
 * node-cron — it reads the real time — so a timer aimed at the shifted clock's next minute fires it instead,
 * and the minutes the bot sees are the same either way.
 */
export function startTicker(
  tick: () => Promise<unknown>,
  logger: Logger,
  schedule: TickerSchedule = { name: 'anniversary-ticker' },
): { stop(): void } {
  const every = schedule.everyMinutes ?? 1;
  if (!Number.isInteger(every) || every < 1 || 60 % every !== 0) {
    throw new Error(`a ticker runs every 1–60 minutes dividing the hour, not ${every}`);
  }
  let running = false;
  const run = () => {
    if (running) return;
    running = true;
    tick()
      .catch((err: unknown) => logger.error({ err, job: schedule.name }, 'tick failed'))
      .finally(() => {
        running = false;
      });
  };
  const trigger = schedule.shiftedClock
    ? clockTimer(schedule.shiftedClock, every * 60_000, run)
    : cronTrigger(every, schedule.name, run, logger);
  run();
  return trigger;
}

/** node-cron at the wall clock's minutes; a minute it could not fire in time is logged, not printed. */
function cronTrigger(every: number, name: string, run: () => void, logger: Logger): { stop(): void } {
  const task = cron.schedule(every === 1 ? '* * * * *' : `*/${every} * * * *`, run, { name });
  // Without a listener node-cron writes its own warning to the console; the next minute's tick catches up.
  task.on('execution:missed', () => logger.warn({ job: name }, 'a tick could not start on its minute'));
  return {
    stop() {
      task.stop();
      task.destroy();
    },
  };
}

/** A timer aimed at the start of each period of `now`'s clock. */
function clockTimer(now: () => number, periodMs: number, run: () => void): { stop(): void } {
  const nextStart = (at: number) => (Math.floor(at / periodMs) + 1) * periodMs;
  let timer: NodeJS.Timeout | undefined;
  const next = (due: number) => {
    timer = setTimeout(
      () => {
        const at = now();
        // Timers follow the monotonic clock: a clock a little behind wakes us early (wait on).
        if (at < due && due - at < 1_000) return next(due);
        run();
        next(nextStart(at));
      },
      Math.max(0, due - now()),
    );
  };
  next(nextStart(now()));
  return {
    stop() {
      clearTimeout(timer);
    },
  };
}
