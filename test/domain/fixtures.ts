import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDataset } from '../../src/config/dataset-file.js';
import type { Dataset, RemembranceEvent } from '../../src/domain/dataset.js';

/** The dataset file the bot ships with. */
export const DATASET_FILE = fileURLToPath(new URL('../../data/remembrance.json', import.meta.url));

/** The real dataset, loaded the way the bot loads it. */
export function realDataset(): Dataset {
  return loadDataset(DATASET_FILE);
}

/** The dataset file as raw JSON, for making broken copies. */
export function rawDataset(): Record<string, unknown> & { events: Array<Record<string, unknown>> } {
  return JSON.parse(readFileSync(DATASET_FILE, 'utf8'));
}

/** The source document's text, verbatim, as the dataset names it. */
export function sourceText(dataset: Dataset): string {
  return readFileSync(join(dirname(DATASET_FILE), dataset.sourceDocument), 'utf8');
}

/** An event by id; throws so a renamed id fails loudly. */
export function eventById(dataset: Dataset, id: string): RemembranceEvent {
  const event = dataset.events.find((e) => e.id === id);
  if (!event) throw new Error(`no event ${id} in the dataset`);
  return event;
}

/** Epoch ms of an ISO instant, e.g. `at('2027-02-26T05:00Z')`. */
export function at(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`not an instant: ${iso}`);
  return ms;
}
