import { z } from 'zod';

/** A language the bot speaks; place names exist in each of them. */
export const LANGUAGES = ['en', 'az', 'ru', 'tr'] as const;
export type Language = (typeof LANGUAGES)[number];

const nonEmpty = z.string().trim().min(1);
const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase id such as "shusha"');

const sourceSchema = z.strictObject({
  id,
  title: nonEmpty,
  publisher: nonEmpty,
  author: nonEmpty.nullable(),
  published: z.iso.date().nullable(),
  url: z.url({ protocol: /^https?$/ }),
  language: z.enum(LANGUAGES),
  /** How it is cited as a label ("Cite as", link texts), as published. */
  citation: nonEmpty,
  /**
   * How it is cited inside a sentence of each language ("According to …"): the publisher named as that
   * language names it, document titles as published.
   */
  citedAs: z.strictObject({ en: nonEmpty, az: nonEmpty, ru: nonEmpty, tr: nonEmpty }),
  /** What the source supports, in the bot's words (not the source's), per language. */
  supports: z.strictObject({ en: nonEmpty, az: nonEmpty, ru: nonEmpty, tr: nonEmpty }),
});

/** Words taken verbatim from a source, so every figure can be traced to its text. */
const quotedSchema = z.strictObject({ sourceId: id, quote: nonEmpty });

const dayDateSchema = z.strictObject({
  type: z.literal('day'),
  year: z.int().min(1800).max(2100),
  month: z.int().min(1).max(12),
  day: z.int().min(1).max(31),
});
/** A night spanning two days; it is remembered on `day`, the morning after. */
const nightDateSchema = dayDateSchema.extend({
  type: z.literal('night'),
  nightStartsDay: z.int().min(1).max(31),
});
const periodDateSchema = z.strictObject({
  type: z.literal('period'),
  fromYear: z.int().min(1800).max(2100),
  toYear: z.int().min(1800).max(2100),
});

const figureSchema = z.strictObject({
  id,
  kind: z.enum([
    'territory',
    'killed',
    'killed-women',
    'killed-children',
    'killed-elderly',
    'wounded',
    'hostages',
    'missing',
  ]),
  value: z.int().nonnegative(),
  unit: z.enum(['km2', 'people']),
  sourceId: id,
  quote: nonEmpty,
});

const eventSchema = z.strictObject({
  id,
  kind: z.enum(['occupation', 'massacre']),
  names: z.strictObject({ source: nonEmpty, en: nonEmpty, az: nonEmpty, ru: nonEmpty, tr: nonEmpty }),
  aliases: z.array(nonEmpty),
  date: z.discriminatedUnion('type', [dayDateSchema, nightDateSchema, periodDateSchema]),
  dateAsInSource: quotedSchema.extend({ text: nonEmpty }),
  /**
   * The name the cited source gives the event (where it gives one), in each language's established form:
   * the one place that name is written, so titles and notices cannot drift from it.
   */
  nameInSource: quotedSchema
    .extend({ names: z.strictObject({ en: nonEmpty, az: nonEmpty, ru: nonEmpty, tr: nonEmpty }) })
    .optional(),
  figures: z.array(figureSchema).min(1),
});

/** The dataset file's schema, including the cross-references a JSON schema cannot express. */
export const datasetSchema = z
  .strictObject({
    sourceDocument: nonEmpty,
    sources: z.array(sourceSchema).min(1),
    events: z.array(eventSchema).min(1),
  })
  .superRefine((data, ctx) => {
    const sourceIds = new Set<string>();
    data.sources.forEach((source, i) => {
      if (sourceIds.has(source.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['sources', i, 'id'],
          message: `duplicate source id "${source.id}"`,
        });
      }
      sourceIds.add(source.id);
    });
    const eventIds = new Set<string>();
    data.events.forEach((event, i) => {
      if (eventIds.has(event.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['events', i, 'id'],
          message: `duplicate event id "${event.id}"`,
        });
      }
      eventIds.add(event.id);
      const refs: Array<[string, (string | number)[]]> = [
        [event.dateAsInSource.sourceId, ['events', i, 'dateAsInSource', 'sourceId']],
        ...(event.nameInSource
          ? [
              [event.nameInSource.sourceId, ['events', i, 'nameInSource', 'sourceId']] satisfies [
                string,
                (string | number)[],
              ],
            ]
          : []),
        ...event.figures.map((f, j): [string, (string | number)[]] => [
          f.sourceId,
          ['events', i, 'figures', j, 'sourceId'],
        ]),
      ];
      for (const [ref, path] of refs) {
        if (!sourceIds.has(ref)) ctx.addIssue({ code: 'custom', path, message: `unknown source "${ref}"` });
      }
      const { date } = event;
      if (date.type === 'period') {
        if (date.fromYear > date.toYear) {
          ctx.addIssue({ code: 'custom', path: ['events', i, 'date'], message: 'fromYear is after toYear' });
        }
      } else if (!isCalendarDate(date.year, date.month, date.day)) {
        ctx.addIssue({
          code: 'custom',
          path: ['events', i, 'date'],
          message: `${date.year}-${date.month}-${date.day} is not a date`,
        });
      }
    });
  });

export type Dataset = z.infer<typeof datasetSchema>;
export type Source = Dataset['sources'][number];
export type RemembranceEvent = Dataset['events'][number];
export type Figure = RemembranceEvent['figures'][number];
export type EventDate = RemembranceEvent['date'];
export type DayDate = Extract<EventDate, { type: 'day' | 'night' }>;

function isCalendarDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** Why a dataset was rejected: the path inside the file and the problem, for a one-line message. */
export interface DatasetProblem {
  path: string;
  message: string;
}

/**
 * Validates raw JSON as the dataset.
 * @returns the typed dataset, or the first problem found (path like `events[3].figures[0].value`).
 */
export function parseDataset(
  raw: unknown,
): { ok: true; dataset: Dataset } | { ok: false; problem: DatasetProblem } {
  const result = datasetSchema.safeParse(raw);
  if (result.success) return { ok: true, dataset: result.data };
  const issue = result.error.issues[0];
  return {
    ok: false,
    problem: { path: formatPath(issue?.path ?? []), message: issue?.message ?? 'invalid' },
  };
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(root)' : out;
}

/** Events that have a day to remember (everything but periods), in calendar order of that day. */
export function eventsWithDay(dataset: Dataset): Array<RemembranceEvent & { date: DayDate }> {
  return dataset.events.filter((e): e is RemembranceEvent & { date: DayDate } => e.date.type !== 'period');
}

/** The source a figure or date comes from; the dataset guarantees it exists. */
export function sourceById(dataset: Dataset, sourceId: string): Source {
  const source = dataset.sources.find((s) => s.id === sourceId);
  if (!source) throw new Error(`dataset invariant broken: unknown source ${sourceId}`);
  return source;
}
