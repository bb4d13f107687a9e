/** Calendar-date helpers; all dates are UTC `YYYY-MM-DD`. */

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** ISO timestamp of a day's first instant, the inclusive lower bound of that day. */
export const dayStart = (date: string): string => `${date}T00:00:00.000Z`;

export const addSeconds = (iso: string | Date, seconds: number): string =>
  new Date(new Date(iso).getTime() + seconds * 1000).toISOString();

/**
 * The dates an export may cover. Every bound a query uses is `dayStart(addDays(to, 1))`, compared
 * as text with stored timestamps: that only works while years have four digits (JavaScript writes
 * year 10000 as `+010000-01-01`, which sorts before every real timestamp, so a range ending
 * 9999-12-31 matched nothing). 1900 is where spreadsheet dates begin; 2999 is far enough.
 */
export const SUPPORTED_DATES = { min: '1900-01-01', max: '2999-12-31' } as const;

export const isSupportedDate = (date: string): boolean => date >= SUPPORTED_DATES.min && date <= SUPPORTED_DATES.max;

/** Days in the inclusive range `from … to` (1 for a single day). */
export const spanDays = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00.000Z`) - Date.parse(`${from}T00:00:00.000Z`)) / 86_400_000) + 1;
