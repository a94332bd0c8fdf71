import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_FLAGS } from '../../src/config/node-flags.js';
import { ROOT } from '../e2e/process-support.js';

interface Instruction {
  keyword: string;
  args: string;
}

/** Dockerfile instructions: comments dropped, backslash continuations joined, grouped by FROM stage. */
function stages(text: string): { from: string; name: string | undefined; body: Instruction[] }[] {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const result: { from: string; name: string | undefined; body: Instruction[] }[] = [];
  for (const line of lines) {
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const upper = keyword.toUpperCase();
    if (upper === 'FROM') {
      const [image = '', as, name] = args.split(/\s+/);
      result.push({ from: image, name: as?.toUpperCase() === 'AS' ? name : undefined, body: [] });
    } else if (result.length > 0) {
      result.at(-1)?.body.push({ keyword: upper, args });
    }
  }
  return result;
}

const text = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const all = stages(text);
const runtime = all.at(-1);
const find = (keyword: string) => runtime?.body.filter((i) => i.keyword === keyword) ?? [];

describe('Dockerfile', () => {
  it('builds in one stage with compilers for better-sqlite3 and runs from a slim Node 20 stage', () => {
    expect(all.map((s) => s.name)).toEqual(['builder', 'runtime']);
    const builder = all[0]?.body.map((i) => `${i.keyword} ${i.args}`).join('\n') ?? '';
    expect(builder).toMatch(/apt-get install[^\n]*python3[^\n]*make[^\n]*g\+\+/);
    expect(builder).toMatch(/npm ci /);
    expect(builder).toMatch(/npm run build/);
    expect(builder).toMatch(/npm prune --omit=dev/);
    const version = /^ARG NODE_VERSION=(\d+)\.\d+$/m.exec(text)?.[1];
    expect(version).toBe('20');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the Dockerfile's own ${} syntax, not JavaScript's.
    expect(runtime?.from).toBe('node:${NODE_VERSION}-bookworm-slim');
  });

  it('copies only production dependencies, the compiled bot and the dataset into the runtime', () => {
    const copies = find('COPY').map((i) => i.args);
    expect(copies).toContain('--from=builder /app/node_modules ./node_modules');
    expect(copies).toContain('--from=builder /app/dist ./dist');
    expect(copies).toContain('data ./data');
    expect(copies.join('\n')).not.toMatch(/\bsrc\b|\btest\b/);
  });

  it('runs as a non-root user with the SQLite file on a volume', () => {
    const users = find('USER').map((i) => i.args);
    expect(users).toHaveLength(1);
    expect(users[0]).not.toMatch(/^(root|0)(:|$)/);
    expect(find('VOLUME').map((i) => JSON.parse(i.args))).toEqual([['/data']]);
    expect(
      find('ENV')
        .map((i) => i.args)
        .join(' '),
    ).toMatch(/DATABASE_URL=sqlite:\/data\//);
  });

  it('checks /healthz, and starts node itself (exec form, no npm, no shell) so it receives SIGTERM', () => {
    const [health] = find('HEALTHCHECK');
    expect(health?.args).toMatch(/CMD \[/);
    expect(health?.args).toContain('/healthz');
    const cmds = find('CMD');
    expect(cmds).toHaveLength(1);
    const command = JSON.parse(cmds[0]?.args ?? '') as string[];
    // The same memory flags as every other way the bot starts (npm start, start:sharded's children).
    expect(command).toEqual(['node', ...NODE_FLAGS, 'dist/src/run-main.js']);
    expect(find('ENTRYPOINT')).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: { start: string };
    };
    // The same command as npm start, so the container runs what the tests run.
    expect(pkg.scripts.start).toBe(`exec ${command.join(' ')}`);
  });
});
