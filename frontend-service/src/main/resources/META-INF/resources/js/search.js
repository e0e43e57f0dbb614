// The search form: every parameter of GET /arxiv, sent as it is (the server checks it and its messages
// are shown next to their fields), and the stored query told in plain words.

import { getJson, withQuery } from './api.js';
import { describeOutcome, describeSearch } from './queries.js';
import { Panel } from './ui.js';
import { watchSearch } from './watches.js';

/** The form's controls, named as the parameters of GET /arxiv. */
const PARAMETERS = ['title', 'author', 'abstract', 'all', 'journal', 'category', 'ids', 'submitted_from', 'submitted_to',
  'sort_by', 'sort_order', 'max_results', 'start'];
/** Values a fresh form holds, left out of the request. */
const DEFAULTS = { sort_by: 'relevance', sort_order: 'descending', start: '0' };

/**
 * Wires the search form; onStored(record) is called with each stored query ({query_id, num_results,
 * num_entries, query, complete, …}), onWatched(watch) with each watch made of the form's search.
 * Answers {run(params)}: fills the form with params and searches.
 */
export function createSearch(section, onStored, onWatched) {
  const form = section.querySelector('form');
  const panel = new Panel(section, form);

  function values() {
    const params = {};
    for (const name of PARAMETERS) {
      const value = form.elements[name].value.trim();
      if (value !== '' && DEFAULTS[name] !== value) {
        params[name] = value;
      }
    }
    return params;
  }

  function fill(params) {
    for (const name of PARAMETERS) {
      const control = form.elements[name];
      const value = params[name] ?? (name === 'max_results' ? '10' : DEFAULTS[name] ?? '');
      // a date input takes the day of a time
      control.value = control.type === 'date' ? String(value).slice(0, 10) : value;
    }
  }

  async function search(params) {
    const stored = await panel.run('Searching arXiv and storing what it finds…', (signal) => getJson(withQuery('arxiv', params), signal));
    if (stored === undefined) {
      return;
    }
    panel.say(`Query ${stored.query_id}: ${describeSearch(stored)} — ${describeOutcome(stored)}.`);
    onStored(stored);
  }

  section.querySelector('[data-role="watch"]').addEventListener('click', async () => {
    const watch = await watchSearch(panel, values(), form.elements.name.value.trim(), form.elements.every.value);
    if (watch !== undefined) {
      onWatched(watch);
    }
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    search(values());
  });

  return {
    /** Fills the form with params (as searchParameters answers them) and runs that very search. */
    run(params) {
      fill(params);
      return search(params);
    },
  };
}
