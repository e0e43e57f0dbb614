// The searches stored in a time range, newest first, each in plain words: its results a click away, run
// again in one more, and the same range as a JSON or CSV file (GET /queries, an attachment).

import { postJson, withQuery } from './api.js';
import { describeOutcome, describeSearch } from './queries.js';
import { timeElement } from './time.js';
import { Panel, element, part } from './ui.js';

/** Searches listed on the page at the most (the newest); the downloads have them all. */
const MAX_LISTED = 500;

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

/**
 * Wires the history form. onOpen(queryId) opens a listed query's results, onRunAgain(record) runs it
 * again, onRange(range) puts the range listed in the address. Answers {show(range)}: lists a range
 * (from the address; the last 7 days without one).
 */
export function createHistory(section, { onOpen, onRunAgain, onRange }) {
  const form = section.querySelector('form');
  const panel = new Panel(section, form);
  const downloads = part(form, 'downloads');
  const list = part(section, 'list');
  let listed = null;

  // the links are for the range listed: another range must be listed first
  form.addEventListener('input', () => {
    downloads.hidden = true;
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const { range, errors } = readRange(form.elements.start_timestamp.value, form.elements.end_timestamp.value);
    if (errors) {
      panel.invalid(errors);
      return;
    }
    onRange(range);
  });

  async function show(range) {
    const now = Date.now();
    const wanted = range?.start_timestamp ? range : {
      start_timestamp: offsetIso(new Date(now - 7 * 24 * 3600 * 1000)), end_timestamp: offsetIso(new Date(now)),
    };
    if (listed && JSON.stringify(listed) === JSON.stringify(wanted)) {
      return;
    }
    form.elements.start_timestamp.value = localInputOf(wanted.start_timestamp);
    form.elements.end_timestamp.value = wanted.end_timestamp ? localInputOf(wanted.end_timestamp) : '';
    downloads.hidden = true;
    const queries = await panel.run('Loading the history…', (signal) => postJson('queries', wanted, signal));
    if (queries === undefined) {
      return;
    }
    listed = wanted;
    const newest = queries.slice(-MAX_LISTED).reverse();
    list.replaceChildren(...newest.map((record) => item(record, onOpen, onRunAgain)));
    for (const link of downloads.querySelectorAll('[data-format]')) {
      link.href = withQuery('queries', { ...wanted, format: link.dataset.format === 'json' ? null : link.dataset.format });
    }
    downloads.hidden = false;
    panel.say(queries.length > MAX_LISTED
      ? `${queries.length} searches in this range; the newest ${MAX_LISTED} are listed, the downloads have them all.`
      : `${queries.length} ${queries.length === 1 ? 'search' : 'searches'} in this range.`);
  }

  return { show };
}

/** The value of a datetime-local input for an ISO-8601 time (in the browser's zone); '' when it is not one. */
function localInputOf(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : localInputValue(date);
}

function item(record, onOpen, onRunAgain) {
  const li = document.createElement('li');
  const article = document.createElement('article');
  article.className = 'card';
  const heading = element('h2', describeSearch(record));
  const when = element('p', `Query ${record.query_id} · `, 'meta');
  when.append(timeElement(record.timestamp), ` · ${describeOutcome(record)}`);
  const open = element('button', 'Open results');
  open.type = 'button';
  open.setAttribute('aria-label', `Open results of query ${record.query_id}`);
  open.addEventListener('click', () => onOpen(record.query_id));
  const again = element('button', 'Run again');
  again.type = 'button';
  again.setAttribute('aria-label', `Run query ${record.query_id} again`);
  again.addEventListener('click', () => onRunAgain(record));
  const actions = element('p', '', 'links');
  actions.append(open, ' ', again);
  article.append(heading, when, actions);
  li.append(article);
  li.dataset.queryId = String(record.query_id);
  return li;
}
