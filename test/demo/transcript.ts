/** Renders Discord messages as the plain text a member would read in the client. */

type Embed = {
  author?: { name: string };
  title?: string;
  url?: string;
  description?: string;
  footer?: { text: string };
  fields?: Array<{ name: string; value: string; inline?: boolean }>;
};

export interface Names {
  channels: Record<string, string>;
  roles: Record<string, string>;
}

/**
 * Replaces Discord's markup (timestamps, channel and role mentions, links, bold, escaped characters) with what
 * the client shows.
 */
export function readable(text: string, names: Names, now: number, zone = 'Asia/Baku'): string {
  const date = (unix: string, style: string) => {
    const d = new Date(Number(unix) * 1000);
    if (style === 'R') return relative(d.getTime() - now);
    return d.toLocaleString('en-GB', {
      timeZone: zone,
      dateStyle: style === 'D' ? 'long' : 'full',
      ...(style === 'F' ? { timeStyle: 'short' } : {}),
    });
  };
  return (
    text
      .replace(/<t:(\d+):([A-Za-z])>/g, (_m, unix: string, style: string) => date(unix, style))
      .replace(/<#(\d+)>/g, (_m, id: string) => `#${names.channels[id] ?? id}`)
      .replace(/<@&(\d+)>/g, (_m, id: string) => `@${names.roles[id] ?? id}`)
      .replace(/\[([^\]]+)\]\((https?:[^)]+)\)/g, '$1 <$2>')
      .replace(/\*\*([^*]+)\*\*/g, '$1')
      // Last: a backslash-escaped Markdown character shows as the character itself.
      .replace(/\\([\\*_~`|>#[\]()-])/g, '$1')
  );
}

function relative(ms: number): string {
  const units: Array<[string, number]> = [
    ['year', 365 * 86_400_000],
    ['month', 30 * 86_400_000],
    ['day', 86_400_000],
    ['hour', 3_600_000],
    ['minute', 60_000],
  ];
  const [unit, size] = units.find(([, size]) => Math.abs(ms) >= size) ?? ['minute', 60_000];
  const n = Math.round(Math.abs(ms) / size);
  const phrase = `${n} ${unit}${n === 1 ? '' : 's'}`;
  return ms >= 0 ? `in ${phrase}` : `${phrase} ago`;
}

/** A message (content and embeds) as indented text, with relative times as seen at `now`. */
export function transcript(
  message: { content?: string; embeds?: unknown[] },
  names: Names,
  now: number,
): string {
  const lines: string[] = [];
  if (message.content) lines.push(...readable(message.content, names, now).split('\n'));
  for (const e of (message.embeds ?? []) as Embed[]) {
    // The author line is plain text in the client (no Markdown, no mentions).
    if (e.author) lines.push(`┃ ${e.author.name}`);
    if (e.title) lines.push(`┃ ${readable(e.title, names, now)}${e.url ? ` <${e.url}>` : ''}`);
    if (e.description) for (const l of readable(e.description, names, now).split('\n')) lines.push(`┃ ${l}`);
    for (const f of e.fields ?? []) {
      lines.push(`┃ ${f.name}:`);
      for (const l of readable(f.value, names, now).split('\n')) lines.push(`┃   ${l}`);
    }
    if (e.footer) lines.push(`┃ — ${readable(e.footer.text, names, now)}`);
  }
  return lines.map((l) => `    ${l}`).join('\n');
}
