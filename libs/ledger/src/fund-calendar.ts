import { calendarDateIn, type CalendarDate } from '#domain';
import type { CommandMetadata } from './command-metadata.js';

/**
 * The fund's calendar: which date "today" is when a command is handled, in the fund's time
 * zone (FUND_TIME_ZONE). The domain has no clock; the application brings it today (ADR 0019).
 */
export class FundCalendar {
  constructor(readonly timeZone: string) {}

  /** The fund's date at an instant. */
  dateAt(instant: string): CalendarDate {
    return calendarDateIn(instant, this.timeZone);
  }

  /** The metadata with the fund's today at its instant, unless it already says one. */
  dated(metadata: CommandMetadata): CommandMetadata {
    return metadata.today === undefined ? { ...metadata, today: this.dateAt(metadata.at) } : metadata;
  }
}
