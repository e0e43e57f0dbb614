// The page: one view at a time (search, results, history, one paper), chosen by the address, so that
// reload, back, forward and a shared link show the same thing. Addresses:
//   /?view=search (or /)                         the search form
//   /?query_id=N&q=…&page=P&cursor=C&…           stored results, of a query and/or filtered (view=results)
//   /?view=history&start_timestamp=…&end_timestamp=…
//   /?paper=2405.01234                           one paper
//   /?view=watches[&watch_id=N]                  the watches, or one watch's new papers

import { withQuery } from './api.js';
import { createHistory } from './history.js';
import { createPaper } from './paper.js';
import { FILTERS, createResults } from './results.js';
import { searchParameters } from './queries.js';
import { createSearch } from './search.js';
import { loadCategories } from './ui.js';
import { createWatches } from './watches.js';

const VIEWS = ['search', 'results', 'history', 'paper', 'watches'];
const sections = Object.fromEntries(VIEWS.map((view) => [view, document.getElementById(view)]));

/** Makes params the address (a new entry in the browser's history unless replace) and shows it. */
function navigate(params, { replace = false } = {}) {
  const address = withQuery('/', params);
  if (address !== window.location.pathname + window.location.search) {
    window.history[replace ? 'replaceState' : 'pushState'](null, '', address);
  }
  return route();
}

const search = createSearch(sections.search, (stored) => navigate({ query_id: stored.query_id }),
  (watch) => navigate({ view: 'watches', watch_id: watch.watch_id }));
const results = createResults(sections.results, navigate, runAgain);
const history = createHistory(sections.history, {
  onOpen: (queryId) => navigate({ query_id: queryId }),
  onRunAgain: runAgain,
  onRange: (range) => navigate({ view: 'history', ...range }),
});
const paper = createPaper(sections.paper);
const watches = createWatches(sections.watches, navigate);

function runAgain(record) {
  navigate({ view: 'search' });
  return search.run(searchParameters(record));
}

/** The view the address names: an explicit view, a paper, results when any filter is given, else search. */
function viewOf(params) {
  if (VIEWS.includes(params.view)) {
    return params.view;
  }
  if (params.paper) {
    return 'paper';
  }
  return FILTERS.some((name) => params[name]) ? 'results' : 'search';
}

let shownView = null;

function route() {
  const params = Object.fromEntries(new URLSearchParams(window.location.search));
  const view = viewOf(params);
  for (const [name, section] of Object.entries(sections)) {
    section.hidden = name !== view;
  }
  for (const link of document.querySelectorAll('.site-header [data-view]')) {
    if (link.dataset.view === view) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  if (view !== shownView) {
    shownView = view;
    window.scrollTo(0, 0);
  }
  switch (view) {
    case 'results':
      // the Results tab leads back to the results last shown
      document.querySelector('.site-header a[data-view="results"]').href = window.location.pathname + window.location.search;
      document.title = 'Stored results — arXiv pipeline';
      return results.show(params);
    case 'history':
      document.title = 'History — arXiv pipeline';
      return history.show(params.start_timestamp ? { start_timestamp: params.start_timestamp, end_timestamp: params.end_timestamp } : null);
    case 'paper':
      return paper.show(params.paper);
    case 'watches':
      return watches.show(params);
    default:
      document.title = 'arXiv pipeline';
      return undefined;
  }
}

// links within the page change the view without loading the page again (a new tab still loads it)
document.addEventListener('click', (event) => {
  const link = event.target.closest('a[href]');
  if (!link || link.target || link.hasAttribute('download') || event.button !== 0
      || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
    return;
  }
  const url = new URL(link.href);
  if (url.origin !== window.location.origin || url.pathname !== '/') {
    return;
  }
  event.preventDefault();
  navigate(Object.fromEntries(url.searchParams));
  document.getElementById('main').focus();
});
window.addEventListener('popstate', route);
loadCategories(document.getElementById('categories'));
route();
