import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';

it('npm run demo plays the scripted session offline and exits 0', async () => {
  const child = spawn(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), join(import.meta.dirname, 'run-demo.ts')],
    { env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const out: string[] = [];
  child.stdout.on('data', (d) => out.push(String(d)));
  child.stderr.on('data', (d) => out.push(String(d)));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const text = out.join('');
  expect(code, text).toBe(0);
  expect(text).toContain('/district name: Fuzzuli');
  expect(text).toContain('Fizuli (Füzuli)');
  expect(text).toContain('1,390 km²');
  expect(text).toContain('/khojaly');
  expect(text).toContain('#general receives:');
  expect(text).toContain('Khojaly (Xocalı): the 35th anniversary of the massacre');
  expect(text).toContain('✓ Demo finished');
}, 60_000);
