// The stored results of one query, a page at a time (GET /results). Pages are reached by cursor: the
// cursors seen so far lead back to the previous pages.

import { getJson, withQuery } from './api.js';
import { Panel, cell, element, part } from './ui.js';

/** Wires the results section; answers {open(queryId), clear()}. */
export function createResults(section) {
  const panel = new Panel(section);
  const view = part(section, 'view');
  const empty = part(section, 'empty');
  const perPage = section.querySelector('select[name="items_per_page"]');
  const previous = part(section, 'previous');
  const next = part(section, 'next');
  const table = section.querySelector('.table-scroll');
  const body = section.querySelector('tbody');
  // cursors[i] leads to page i (page 0 needs none); index is the page shown
  let state = null;

  async function load(index) {
    const { queryId, cursors } = state;
    const page = await panel.run('Loading results…', (signal) =>
      getJson(withQuery('results', { query_id: queryId, items_per_page: perPage.value, cursor: cursors[index] }), signal));
    if (page === undefined || state?.queryId !== queryId) {
      return;
    }
    state.index = index;
    state.cursors = [...cursors.slice(0, index + 1), ...(page.next_cursor ? [page.next_cursor] : [])];
    render(page);
  }

  function render(page) {
    const { queryId, index } = state;
    const size = Number(perPage.value);
    const first = index * size + 1;
    const last = index * size + page.results.length;
    const total = page.total ?? last;
    const pages = Math.max(1, Math.ceil(total / size));
    body.replaceChildren(...page.results.map(row));
    table.hidden = page.results.length === 0;
    part(section, 'summary').textContent = total === 0
      ? `Query ${queryId} has no stored results.`
      : `Results ${first}–${last} of ${total} of query ${queryId}.`;
    section.querySelector('caption').textContent = `Results of query ${queryId}, page ${index + 1} of ${pages}`;
    part(section, 'page').textContent = `Page ${index + 1} of ${pages}`;
    part(section, 'share').href = withQuery(window.location.pathname, { query_id: queryId });
    for (const download of section.querySelectorAll('[data-format]')) {
      download.href = withQuery('results', { query_id: queryId, format: download.dataset.format });
    }
    previous.disabled = index === 0;
    next.disabled = state.cursors.length <= index + 1;
    view.hidden = false;
  }

  previous.addEventListener('click', () => load(state.index - 1));
  next.addEventListener('click', () => load(state.index + 1));
  perPage.addEventListener('change', () => {
    state.cursors = [null];
    load(0);
  });

  return {
    open(queryId) {
      state = { queryId: String(queryId), cursors: [null], index: 0 };
      empty.hidden = true;
      view.hidden = true;
      document.title = `Results of query ${queryId} — arXiv pipeline`;
      return load(0);
    },
    clear() {
      state = null;
      panel.cancel();
      panel.say('');
      empty.hidden = false;
      view.hidden = true;
      document.title = 'arXiv pipeline';
    },
    focus() {
      section.focus();
    },
  };
}

function row(result) {
  const tr = document.createElement('tr');
  tr.append(
    cell(link(result.title, result.url)),
    cell(result.authors),
    cell(result.journal),
    cell(result.doi ? link(result.doi, `https://doi.org/${encodeURI(result.doi)}`) : ''),
    cell(result.primary_category),
    cell(published(result.published)),
  );
  return tr;
}

/** A link when href is an http(s) URL, the bare text otherwise. */
function link(text, href) {
  if (!/^https?:\/\//i.test(href ?? '')) {
    return text ?? '';
  }
  const a = element('a', text ?? href);
  a.href = href;
  return a;
}

/** The day of an ISO-8601 time, in a <time> carrying the whole of it. */
function published(iso) {
  if (!iso) {
    return '';
  }
  const time = element('time', iso.slice(0, 10));
  time.dateTime = iso;
  return time;
}
