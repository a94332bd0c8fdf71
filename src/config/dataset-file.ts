import { readFileSync } from 'node:fs';
import { type Dataset, parseDataset } from '../domain/dataset.js';
import { ConfigError } from './env.js';

/**
 * Reads and validates the dataset file.
 * @throws ConfigError with one line naming the file, the path inside it and the problem.
 */
export function loadDataset(file: string): Dataset {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigError(
      `Dataset file ${file} cannot be read (${code}); set DATASET_FILE or restore data/.`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`Dataset file ${file} is not valid JSON: ${(error as Error).message}.`);
  }
  const result = parseDataset(raw);
  if (!result.ok) {
    throw new ConfigError(
      `Dataset file ${file} is invalid at ${result.problem.path}: ${result.problem.message}.`,
    );
  }
  return result.dataset;
}
