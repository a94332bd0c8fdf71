// `npm run build`, also run by `npm ci` (prepare): compiles src/ and commands/ into dist/ once, so that starting
// the bot never compiles. tsc writes into a fresh folder that then replaces dist/ in two renames, so a running
// bot or a concurrent start never loads a half-written module; a lock folder keeps two builds from overlapping.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const dist = join(root, 'dist');
const lock = join(root, '.build.lock');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

if (!existsSync(tsc)) {
  // A production install (npm ci --omit=dev) has no TypeScript; it runs the dist/ it was shipped with.
  if (existsSync(join(dist, 'src', 'run-main.js'))) process.exit(0);
  process.stderr.write(
    'build: TypeScript is not installed and dist/ is missing: run npm ci with dev dependencies.\n',
  );
  process.exit(1);
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Takes the lock; returns false if another build held it and has finished meanwhile (dist/ is fresh). */
async function acquire() {
  let waited = false;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      return true;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    let owner = Number.NaN;
    try {
      owner = Number(readFileSync(join(lock, 'pid'), 'utf8'));
    } catch {
      // Just created by its owner, pid not written yet.
    }
    if (Number.isInteger(owner) && owner > 0 && !alive(owner)) {
      rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (!waited) process.stdout.write('build: another build is running; waiting for it.\n');
    waited = true;
    await new Promise((resolve) => setTimeout(resolve, 200));
    if (!existsSync(lock)) return false;
  }
}

if (!(await acquire())) process.exit(0);
const fresh = join(root, `.dist-build-${process.pid}`);
const old = join(root, `.dist-old-${process.pid}`);
let status = 1;
try {
  rmSync(fresh, { recursive: true, force: true });
  const result = spawnSync(
    process.execPath,
    [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', fresh],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  status = result.status ?? 1;
  if (status === 0) {
    if (existsSync(dist)) renameSync(dist, old);
    renameSync(fresh, dist);
  }
} finally {
  rmSync(fresh, { recursive: true, force: true });
  rmSync(old, { recursive: true, force: true });
  rmSync(lock, { recursive: true, force: true });
}
process.exit(status);
