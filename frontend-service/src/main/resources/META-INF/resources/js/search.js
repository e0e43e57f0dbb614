// The search form: checked as GET /arxiv checks it, sent, and the stored query shown.

import { getJson, withQuery } from './api.js';
import { Panel } from './ui.js';

const TEXT_FIELDS = ['author', 'title', 'journal'];
const MAX_FIELD_LENGTH = 300;
const MAX_RESULTS = 2000;

/** The errors GET /arxiv would answer for these values, with its field names and messages. */
export function searchErrors(values) {
  const errors = [];
  const given = TEXT_FIELDS.filter((field) => values[field].trim() !== '');
  if (given.length === 0) {
    for (const field of TEXT_FIELDS) {
      errors.push({ field, message: 'at least one of title, author, journal is required' });
    }
  }
  for (const field of given) {
    if (values[field].length > MAX_FIELD_LENGTH) {
      errors.push({ field, message: `must be at most ${MAX_FIELD_LENGTH} characters` });
    }
  }
  const max = values.max_results.trim();
  if (max !== '' && !/^[+-]?\d+$/.test(max)) {
    errors.push({ field: 'max_results', message: 'must be an integer' });
  } else if (max !== '' && (Number(max) < 1 || Number(max) > MAX_RESULTS)) {
    errors.push({ field: 'max_results', message: `must be between 1 and ${MAX_RESULTS}` });
  }
  return errors;
}

/**
 * Wires the search form; onStored(answer) is called with each stored query
 * ({query_id, num_results, num_entries, query, time, …}).
 */
export function createSearch(section, onStored) {
  const form = section.querySelector('form');
  const answer = section.querySelector('.answer');
  const panel = new Panel(section, form);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = {
      author: form.elements.author.value,
      title: form.elements.title.value,
      journal: form.elements.journal.value,
      max_results: form.elements.max_results.value,
    };
    const errors = searchErrors(values);
    if (errors.length > 0) {
      panel.invalid(errors);
      return;
    }
    answer.hidden = true;
    const params = Object.fromEntries(Object.entries(values).filter(([, value]) => value.trim() !== ''));
    const stored = await panel.run('Searching arXiv and storing the results…', (signal) =>
      getJson(withQuery('arxiv', params), signal));
    if (stored === undefined) {
      return;
    }
    for (const field of answer.querySelectorAll('[data-field]')) {
      field.textContent = String(stored[field.dataset.field] ?? '');
    }
    answer.hidden = false;
    panel.say(`Stored as query ${stored.query_id}: ${stored.num_results} hits on arXiv, ${stored.num_entries} entries stored.`);
    onStored(stored);
  });
}
