import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import type { Language, RemembranceEvent } from '../../domain/dataset.js';
import type { TimelineReply } from '../../domain/replies.js';
import { formatNumber, messages } from '../../i18n/index.js';
import { placeName } from '../../i18n/place-names.js';
import { eventDateText, figureValue } from './lookup.js';
import type { FileAttachment, MessagePayload } from './payload.js';

/**
 * The /timeline picture: the dataset's events on a vertical time axis (a linear scale of years), each joined by a
 * line to its row — date, place, figure and the number of its source, credited at the foot. Drawn as SVG and
 * rasterised in-process by resvg with Noto Sans (OFL-1.1, shipped by @expo-google-fonts/noto-sans), which has
 * the Azerbaijani (ə ğ ı ş), Turkish and Cyrillic letters; system fonts are never used, so it looks the same on
 * every host.
 */

const require = createRequire(import.meta.url);
const FONT_FILES = [
  require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'),
  require.resolve('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf'),
];

const WIDTH = 1200;
const AXIS_X = 150;
const AXIS_TOP = 130;
const ROW_TOP = 150;
const ROW_STEP = 58;
const DATE_X = 320;
const NAME_X = 590;
const INK = '#1f2328';
const MUTED = '#57606a';
const ACCENT = '#8b1e2d';
const PAPER = '#fbfaf7';

/** One row of the picture, in the reader's language. */
export interface PictureRow {
  event: RemembranceEvent;
  when: string;
  name: string;
  figure: string;
  /** 1-based number of the figure's source in the credits. */
  sourceNumber: number;
}

export interface PictureText {
  title: string;
  note: string;
  fromYear: number;
  toYear: number;
  rows: PictureRow[];
  creditsLabel: string;
  credits: string[];
}

function startYear(e: RemembranceEvent): number {
  return e.date.type === 'period' ? e.date.fromYear : e.date.year;
}

function endYear(e: RemembranceEvent): number {
  return e.date.type === 'period' ? e.date.toYear : e.date.year;
}

/** Every text the picture shows, so tests can check it says what the text reply says (and never a total). */
export function timelinePictureText(reply: TimelineReply, language: Language): PictureText {
  const t = messages(language);
  const fromYear = Math.min(...reply.events.map(startYear));
  const toYear = Math.max(...reply.events.map(endYear));
  const rows = reply.events.map((event): PictureRow => {
    const main = event.figures[0];
    const date = event.date;
    return {
      event,
      when:
        date.type === 'period'
          ? t.timelinePeriod({ from: date.fromYear, to: date.toYear })
          : eventDateText(date, language),
      name: placeName(event, language),
      figure: !main
        ? ''
        : main.kind === 'killed'
          ? t.timelineKilled({ value: formatNumber(main.value, language) })
          : figureValue(main, language),
      sourceNumber: Math.max(1, reply.sources.findIndex((s) => s.id === main?.sourceId) + 1),
    };
  });
  return {
    title: t.timelinePictureTitle({ from: fromYear, to: toYear }),
    note: t.timelineFooter,
    fromYear,
    toYear,
    rows,
    creditsLabel: t.sourcesLabel,
    credits: reply.sources.map((s, i) => `[${i + 1}] ${s.citation} — ${s.url}`),
  };
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The picture as SVG (exported for tests that look at the layout without rasterising). */
export function timelineSvg(text: PictureText): string {
  const n = text.rows.length;
  const axisBottom = ROW_TOP + (n - 1) * ROW_STEP + 20;
  const t0 = Date.UTC(text.fromYear, 0, 1);
  const t1 = Date.UTC(text.toYear + 1, 0, 1);
  const yAt = (ms: number) => AXIS_TOP + ((ms - t0) / (t1 - t0)) * (axisBottom - AXIS_TOP);
  const out: string[] = [];
  const creditsTop = axisBottom + 50;
  const height = creditsTop + 40 + text.credits.length * 22;
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="Noto Sans">`,
    `<rect width="${WIDTH}" height="${height}" fill="${PAPER}"/>`,
    `<text x="40" y="58" font-size="30" font-weight="700" fill="${INK}">${escapeXml(text.title)}</text>`,
    `<text x="40" y="90" font-size="16" fill="${MUTED}">${escapeXml(text.note)}</text>`,
    `<line x1="${AXIS_X}" y1="${AXIS_TOP}" x2="${AXIS_X}" y2="${axisBottom}" stroke="${INK}" stroke-width="2"/>`,
  );
  for (let year = text.fromYear; year <= text.toYear + 1; year++) {
    const y = yAt(Date.UTC(year, 0, 1));
    out.push(
      `<line x1="${AXIS_X - 8}" y1="${y}" x2="${AXIS_X + 8}" y2="${y}" stroke="${INK}" stroke-width="2"/>`,
    );
    if (year <= text.toYear) {
      const mid = yAt(Date.UTC(year, 6, 1));
      out.push(
        `<text x="${AXIS_X - 18}" y="${mid + 6}" font-size="18" font-weight="700" text-anchor="end" fill="${INK}">${year}</text>`,
      );
    }
  }
  text.rows.forEach((row, i) => {
    const rowY = ROW_TOP + i * ROW_STEP;
    const date = row.event.date;
    let pointY: number;
    if (date.type === 'period') {
      const top = yAt(Date.UTC(date.fromYear, 0, 1));
      const bottom = yAt(Date.UTC(date.toYear + 1, 0, 1));
      out.push(
        `<rect x="${AXIS_X - 6}" y="${top}" width="12" height="${bottom - top}" rx="6" fill="${ACCENT}" fill-opacity="0.35"/>`,
      );
      pointY = (top + bottom) / 2;
    } else {
      pointY = yAt(Date.UTC(date.year, date.month - 1, date.day));
      out.push(
        `<circle cx="${AXIS_X}" cy="${pointY}" r="6" fill="${ACCENT}" stroke="${PAPER}" stroke-width="2"/>`,
      );
    }
    out.push(
      `<polyline points="${AXIS_X + 8},${pointY} ${DATE_X - 24},${rowY} ${DATE_X - 8},${rowY}" fill="none" stroke="${MUTED}" stroke-width="1.5"/>`,
      `<text x="${DATE_X}" y="${rowY + 7}" font-size="19" font-weight="700" fill="${ACCENT}">${escapeXml(row.when)}</text>`,
      `<text x="${NAME_X}" y="${rowY + 7}" font-size="19" fill="${INK}"><tspan font-weight="700">${escapeXml(row.name)}</tspan>` +
        `<tspan fill="${MUTED}"> · </tspan><tspan>${escapeXml(row.figure)}</tspan>` +
        `<tspan font-size="14" fill="${MUTED}"> [${row.sourceNumber}]</tspan></text>`,
    );
  });
  out.push(
    `<text x="40" y="${creditsTop}" font-size="14" font-weight="700" fill="${INK}">${escapeXml(text.creditsLabel)}</text>`,
  );
  text.credits.forEach((credit, i) => {
    out.push(
      `<text x="40" y="${creditsTop + 22 + i * 22}" font-size="14" fill="${MUTED}">${escapeXml(credit)}</text>`,
    );
  });
  out.push('</svg>');
  return out.join('\n');
}

/** Rasterised pictures by their SVG: one per language (and dataset), drawn once per process. */
const rendered = new Map<string, Buffer>();

function rasterise(svg: string): Buffer {
  let png = rendered.get(svg);
  if (!png) {
    png = new Resvg(svg, {
      font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: 'Noto Sans' },
    })
      .render()
      .asPng();
    // Four languages per dataset; a bound keeps tests that render many datasets from growing it forever.
    if (rendered.size >= 16) rendered.clear();
    rendered.set(svg, png);
  }
  return png;
}

/** The file name the embed refers to (attachment://…). */
export function timelinePictureName(language: Language): string {
  return `timeline-${language}.png`;
}

/** The /timeline picture as a PNG attachment with alt text. */
export function timelinePicture(reply: TimelineReply, language: Language): FileAttachment {
  const text = timelinePictureText(reply, language);
  return {
    name: timelinePictureName(language),
    data: rasterise(timelineSvg(text)),
    description: messages(language).timelinePictureAlt({ from: text.fromYear, to: text.toYear }),
  };
}

/** The /timeline reply with its picture: attached, and shown in the embed; the text stays for screen readers. */
export function withTimelinePicture(
  payload: MessagePayload,
  reply: TimelineReply,
  language: Language,
): MessagePayload {
  const picture = timelinePicture(reply, language);
  const [first, ...rest] = payload.embeds;
  return {
    ...payload,
    embeds: first ? [{ ...first, image: { url: `attachment://${picture.name}` } }, ...rest] : rest,
    files: [...(payload.files ?? []), picture],
  };
}
