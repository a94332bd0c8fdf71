import { initialMigration } from './0001-initial.js';
import { dueByPlanMigration } from './0005-due-by-plan.js';
import type { Migration } from './migration.js';

/** Every migration this version of the bot knows, in the order they run. Append only. */
export const migrations: readonly Migration[] = [initialMigration, dueByPlanMigration];
