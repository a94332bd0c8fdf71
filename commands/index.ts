import type { Command } from '../src/app/command.js';
import type { AppServices } from '../src/app/services.js';
import { calendarCommand } from './calendar.js';
import { configCommand } from './config/index.js';
import { districtCommand } from './district.js';
import { khojalyCommand } from './khojaly.js';
import { sourcesCommand } from './sources.js';
import { timelineCommand } from './timeline.js';
import { upcomingCommand } from './upcoming.js';

/** The one list of commands: registration and routing both read it, so they cannot drift apart. */
export const commands: readonly Command<AppServices>[] = [
  districtCommand,
  khojalyCommand,
  timelineCommand,
  upcomingCommand,
  calendarCommand,
  sourcesCommand,
  configCommand,
];
