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
