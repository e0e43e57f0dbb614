// One readable time format everywhere, in the reader's zone, with the exact UTC time on hover.

const READABLE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const DAY = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** A Date from Unix seconds or an ISO-8601 text; null when there is none. */
export function toDate(value) {
  if (value === null || value === undefined || value === '') {
    return null;
  }
  const date = typeof value === 'number' ? new Date(value * 1000) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "2024-05-06 16:58:09 UTC": the exact time, as the hover text. */
export function utcText(date) {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/**
 * A <time> showing value (Unix seconds or ISO-8601) in the reader's zone ("6 May 2024, 18:58"), its
 * machine-readable datetime and, on hover, the exact UTC time; dayOnly leaves the time of day out.
 */
export function timeElement(value, { dayOnly = false } = {}) {
  const date = toDate(value);
  const time = document.createElement('time');
  if (date === null) {
    time.textContent = '—';
    return time;
  }
  time.dateTime = date.toISOString().replace('.000Z', 'Z');
  time.textContent = (dayOnly ? DAY : READABLE).format(date);
  time.title = utcText(date);
  return time;
}

/** The readable text of value, as timeElement shows it. */
export function readable(value) {
  const date = toDate(value);
  return date === null ? '' : READABLE.format(date);
}
