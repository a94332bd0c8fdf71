/**
 * A coming post as /config show and the /config confirmations name it: which anniversary (a server's own date
 * marked as theirs, a reminder as one), and when, in /upcoming's format.
 */
import type { UpcomingPost } from '../../app/config-replies.js';
import type { Language } from '../../domain/dataset.js';
import type { Messages } from '../../i18n/locales/en.js';
import { placeName } from '../../i18n/place-names.js';
import { postingTime } from './posting-time.js';
import { ownDateName } from './server-dates.js';

/**
 * The name of a coming post: a server's own date is marked as theirs, and a reminder says it is one and how
 * far ahead of the anniversary it comes.
 */
function postName(post: UpcomingPost, t: Messages, language: Language): string {
  const name = post.event ? placeName(post.event, language) : ownDateName(post.serverDate, language);
  return post.kind === 'reminder' ? t.reminderAhead({ name, days: t.days(post.daysBefore) }) : name;
}

/** A coming post's name, its day and time in the server's zone as text, and when relative to now. */
export function nextPost(post: UpcomingPost, zone: string, t: Messages, language: Language) {
  const { when, relative } = postingTime(post.occurrence.at, zone, language);
  return { name: postName(post, t, language), at: when, relative };
}
