import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';

async function demo(args: string[]): Promise<{ code: number | null; text: string }> {
  const child = spawn(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), join(import.meta.dirname, 'run-demo.ts'), ...args],
    { env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const out: string[] = [];
  child.stdout.on('data', (d) => out.push(String(d)));
  child.stderr.on('data', (d) => out.push(String(d)));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, text: out.join('') };
}

it('npm run demo plays the scripted session offline and exits 0', async () => {
  const { code, text } = await demo([]);
  expect(code, text).toBe(0);
  expect(text).toContain('/district name: Fuzzuli');
  expect(text).toContain('Fizuli (Füzuli)');
  expect(text).toContain('1,390 km²');
  expect(text).toContain('/khojaly');
  expect(text).toMatch(/📎 timeline-en\.png — PNG image 1200×\d+, [\d,]+ bytes/);
  expect(text).toMatch(
    /📎 remembrance-anniversaries-en\.ics — calendar file with 9 yearly events, [\d,]+ bytes/,
  );
  expect(text).toContain("The server's Events tab now holds:");
  expect(text).toMatch(/📅 Khojaly genocide: the 35th anniversary — .*, #general/);
  expect(text).toContain('#general receives:');
  expect(text).toContain('Khojaly genocide: the 35th anniversary');
  // The server's own date: an http:// link refused, then added with https, listed, and its notice on its day.
  expect(text).toMatch(
    /▶ admin types: \/config date add name: Unveiling of our town’s memorial date: 2012-03-15 source: http:\/\/example\.org\/our-town\/memorial .*\(an http:\/\/ link\)\n {2}bot replies \(only you can see this\):\n {4}❌ The source must be an https:\/\/ link/,
  );
  expect(text).toContain('✅ Added “Unveiling of our town’s memorial” (15 March 2012).');
  expect(text).toContain(
    '┃ Unveiling of our town’s memorial (added by this server, <https://example.org/our-town/memorial>) — 15th anniversary: 15 March 2027, 09:00',
  );
  expect(text).toContain(
    '⏩ The clock moves to the server’s own date: Monday, 15 March 2027 at 09:00 (Baku time).',
  );
  expect(text).toContain(
    [
      '┃ Added by this server’s admins',
      '    ┃ Unveiling of our town’s memorial — 15th anniversary',
      '    ┃ In the words of this server’s admins',
      '    ┃ > Every year at 18:00 we meet at the memorial in the town park to remember our neighbours. All are welcome.',
      '    ┃ Source given by this server’s admins:',
      '    ┃   https://example.org/our-town/memorial',
    ].join('\n'),
  );
  expect(text).toContain('⏩ The clock moves to the reminder: Tuesday, 30 March 2027 at 09:00 (Baku time).');
  expect(text).toContain('✓ Demo finished');
}, 60_000);

it('npm run demo -- --language az shows the session in Azerbaijani', async () => {
  const { code, text } = await demo(['--language', 'az']);
  expect(code, text).toBe(0);
  expect(text).toContain('Füzuli (Fizuli)');
  expect(text).toContain('1.390 km²');
  expect(text).toContain('Xocalı soyqırımı: 35-ci ildönümü');
  expect(text).toContain('📎 timeline-az.png');
  expect(text).toContain('📎 remembrance-anniversaries-az.ics');
  expect(text).toContain(
    '(bu server tərəfindən əlavə edilib, <https://example.org/our-town/memorial>) — 15-ci ildönümü',
  );
  expect(text).toContain('┃ Bu serverin adminləri tərəfindən əlavə edilib');
  // What the member reads: the escaped hyphen in the admins' text shows as a hyphen.
  expect(text).toContain('┃ > Hər il saat 18:00-da şəhər parkındakı abidənin önündə');
  expect(text).toContain('✓ Demo finished');
}, 60_000);

it('npm run demo refuses a language it does not have, with the usage', async () => {
  const { code, text } = await demo(['--language', 'fr']);
  expect(code).toBe(2);
  expect(text).toContain('--language en|az|ru|tr');
}, 60_000);
