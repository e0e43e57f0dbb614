// The page: search, results and history, and the address ?query_id=N that opens a query's results
// (shareable, and kept in the browser's history).

import { withQuery } from './api.js';
import { createHistory } from './history.js';
import { createResults } from './results.js';
import { createSearch } from './search.js';

const results = createResults(document.getElementById('results'));
/** The query_id whose results are shown (as text, as an address carries it), or null. */
let shown = null;

/** Opens the results of a query and makes the address the link to them. */
function showQuery(queryId) {
  shown = String(queryId);
  if (new URLSearchParams(window.location.search).get('query_id') !== shown) {
    window.history.pushState(null, '', withQuery(window.location.pathname, { query_id: shown }));
  }
  return results.open(shown);
}

/** The results the address names, if any; moving between sections (#search…) changes nothing. */
function showAddressedQuery() {
  const queryId = new URLSearchParams(window.location.search).get('query_id');
  if (queryId === shown) {
    return;
  }
  shown = queryId;
  if (queryId === null) {
    results.clear();
  } else {
    results.open(queryId);
  }
}

createSearch(document.getElementById('search'), (stored) => showQuery(stored.query_id));
createHistory(document.getElementById('history'), (queryId) => {
  results.focus();
  showQuery(queryId);
});
window.addEventListener('popstate', showAddressedQuery);
showAddressedQuery();
