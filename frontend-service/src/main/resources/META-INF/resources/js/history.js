// The query history of a time range: listed inline (POST /queries), each query's results a click
// away, and the same range as a JSON file (GET /queries, an attachment).

import { postJson, withQuery } from './api.js';
import { Panel, cell, element, part } from './ui.js';

/** Queries listed on the page at the most; the download has them all. */
const MAX_ROWS = 1000;
const QUERY_PREFIX = 'ArXiv Query: ';

/**
 * Reads the range of the form ("2024-05-06T18:58[:09]" in the browser's zone; an empty end is now) as
 * GET /queries would check it: answers {range: {start_timestamp, end_timestamp}} with ISO-8601 times
 * carrying the local offset, or {errors}.
 */
export function readRange(startText, endText, now = new Date()) {
  const errors = [];
  const start = startText ? new Date(startText) : null;
  const end = endText ? new Date(endText) : now;
  if (start === null) {
    errors.push({ field: 'start_timestamp', message: 'is required' });
  } else if (Number.isNaN(start.getTime())) {
    errors.push({ field: 'start_timestamp', message: 'must be a date and time' });
  }
  if (Number.isNaN(end.getTime())) {
    errors.push({ field: 'end_timestamp', message: 'must be a date and time' });
  }
  if (errors.length === 0 && start > end) {
    errors.push({ field: 'end_timestamp', message: 'must not be before start_timestamp' });
  }
  return errors.length > 0 ? { errors } : { range: { start_timestamp: offsetIso(start), end_timestamp: offsetIso(end) } };
}

/** 2024-05-06T18:58:09+02:00: the local time with its offset, to the second. */
export function offsetIso(date) {
  const pad = (n, width = 2) => String(n).padStart(width, '0');
  const offset = -date.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const hours = pad(Math.floor(Math.abs(offset) / 60));
  const minutes = pad(Math.abs(offset) % 60);
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
    + `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}${sign}${hours}:${minutes}`;
}

/** The value of a datetime-local input for date (local time, to the second). */
export function localInputValue(date) {
  return offsetIso(date).slice(0, 19);
}

/** Wires the history form; onOpen(queryId) opens the results of a listed query. */
export function createHistory(section, onOpen) {
  const form = section.querySelector('form');
  const panel = new Panel(section, form);
  const download = part(form, 'download');
  const view = part(section, 'view');
  const body = section.querySelector('tbody');

  if (!form.elements.start_timestamp.value) {
    form.elements.start_timestamp.value = localInputValue(new Date(Date.now() - 24 * 3600 * 1000));
  }
  // the link is for the range listed: another range must be listed first
  form.addEventListener('input', () => {
    download.hidden = true;
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { range, errors } = readRange(form.elements.start_timestamp.value, form.elements.end_timestamp.value);
    if (errors) {
      panel.invalid(errors);
      return;
    }
    download.hidden = true;
    view.hidden = true;
    const queries = await panel.run('Loading the history…', (signal) => postJson('queries', range, signal));
    if (queries === undefined) {
      return;
    }
    body.replaceChildren(...queries.slice(0, MAX_ROWS).map((query) => row(query, onOpen)));
    section.querySelector('caption').textContent = `Queries from ${range.start_timestamp} to ${range.end_timestamp}`;
    view.hidden = queries.length === 0;
    download.href = withQuery('queries', range);
    download.hidden = false;
    panel.say(queries.length > MAX_ROWS
      ? `${queries.length} queries in this range; the first ${MAX_ROWS} are listed, the download has them all.`
      : `${queries.length} ${queries.length === 1 ? 'query' : 'queries'} in this range.`);
  });
}

function row(query, onOpen) {
  const tr = document.createElement('tr');
  const time = element('time', new Date(query.timestamp * 1000).toLocaleString());
  time.dateTime = query.time;
  const text = String(query.query ?? '');
  const open = element('button', 'Open results');
  open.type = 'button';
  open.setAttribute('aria-label', `Open results of query ${query.query_id}`);
  open.addEventListener('click', () => onOpen(query.query_id));
  tr.append(
    cell(String(query.query_id)),
    cell(time),
    cell(element('code', text.startsWith(QUERY_PREFIX) ? text.slice(QUERY_PREFIX.length) : text)),
    cell(String(query.num_results)),
    cell(String(query.num_entries)),
    cell(open),
  );
  return tr;
}
