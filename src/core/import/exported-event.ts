/**
 * One on-call event of an iCalendar export, as plain data: what the file adapter (io/ics-reader)
 * hands to the importer. A recurring event arrives already expanded, one ExportedEvent per
 * occurrence. Nothing here knows iCalendar syntax.
 */
import type { DateTime } from 'luxon';

/** A person as an export names them: an email (ATTENDEE, ORGANIZER) and a display name (CN). */
export interface ExportedPerson {
  email?: string;
  name?: string;
}

export interface ExportedAttendee extends ExportedPerson {
  /** PARTSTAT=DECLINED or ROLE=NON-PARTICIPANT: invited, but not on call. */
  declined: boolean;
}

/**
 * When the event happens. Timed events are instants; all-day events are dates (the end date is
 * exclusive, as in iCalendar); `invalid` keeps an event whose times could not be read, so it is
 * reported instead of dropped.
 */
export type EventTime =
  | { kind: 'timed'; start: DateTime; end: DateTime }
  | { kind: 'all-day'; from: string; to: string }
  | { kind: 'invalid'; why: string };

/** Where an event is written, for every message about it. */
export interface EventSource {
  file: string;
  /** The line of its BEGIN:VEVENT. */
  line: number;
  /** Position of the file among the --ics files (0 for the first). */
  fileIndex: number;
  uid?: string;
  summary: string;
}

export interface ExportedEvent {
  source: EventSource;
  description?: string;
  categories: string[];
  attendees: ExportedAttendee[];
  organizer?: ExportedPerson;
  /** STATUS:CANCELLED: the exporter says this time is no longer on call. */
  cancelled: boolean;
  time: EventTime;
}
