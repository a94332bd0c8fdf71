import pino from 'pino';

/**
 * Makes a closed stdout or stderr (the reader of a pipe went away: `npm` killed, `| head`, a stopped log
 * shipper) harmless. Without a listener the first EPIPE is an uncaught exception; with one that rethrows or
 * logs, the process loops writing about it. Writes are dropped from then on.
 */
export function quietStdio(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') {
        stream.write = (() => true) as typeof stream.write;
      }
    });
  }
}

/**
 * The log destination for the process: stdout, written synchronously so the last lines before an exit are not
 * lost, and switched off for good at the first write error (EPIPE) instead of retrying or throwing.
 */
export function logDestination(fd = 1): pino.DestinationStream {
  const stream = pino.destination({ fd, sync: true });
  let broken = false;
  stream.on('error', () => {
    broken = true;
  });
  return {
    write(line: string) {
      if (broken) return;
      try {
        stream.write(line);
      } catch {
        // A synchronous write to a closed pipe throws EPIPE: stop logging, keep running.
        broken = true;
      }
    },
  };
}
