import { initialMigration } from './0001-initial.js';
import { deliveryReadbackMigration } from './0002-delivery-readback.js';
import { auditMigration } from './0003-audit.js';
import { hostsMigration } from './0004-hosts.js';
import { dueByPlanMigration } from './0005-due-by-plan.js';
import { serverDatesMigration } from './0006-server-dates.js';
import { remindersPublishingMigration } from './0007-reminders-publishing.js';
import { scheduledEventsMigration } from './0008-scheduled-events.js';
import type { Migration } from './migration.js';

/** Every migration this version of the bot knows, in the order they run. Append only. */
export const migrations: readonly Migration[] = [
  initialMigration,
  deliveryReadbackMigration,
  auditMigration,
  hostsMigration,
  dueByPlanMigration,
  serverDatesMigration,
  remindersPublishingMigration,
  scheduledEventsMigration,
];
