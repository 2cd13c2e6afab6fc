import { createEvent } from 'ics';

export type CalendarEntry = {
  uid: string;
  /** The conversation's version: a calendar program replaces an older file of the same uid. */
  sequence: number;
  startsAt: Date;
  durationMinutes: number;
  title: string;
  location: string;
  description: string;
  cancelled?: boolean;
};

/** An .ics file (RFC 5545) in UTC: every calendar program shows it in its own time zone. */
export function calendarFile(entry: CalendarEntry): string {
  const { error, value } = createEvent({
    uid: `${entry.uid}@hog-portaal`,
    sequence: entry.sequence,
    start: entry.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: entry.durationMinutes },
    title: entry.title,
    location: entry.location,
    description: entry.description,
    status: entry.cancelled ? 'CANCELLED' : 'CONFIRMED',
    method: 'PUBLISH',
    productId: 'hog-portaal',
  });
  if (error || !value) throw error ?? new Error('ics: no calendar file');
  return value;
}

export const icsAttachment = (content: string) => ({ filename: 'gesprek.ics', content, contentType: 'text/calendar; charset=utf-8' });
