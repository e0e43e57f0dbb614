// The page: search, results and history, and the address ?query_id=N that opens a query's results
// (shareable, and kept in the browser's history).

import { withQuery } from './api.js';
import { createHistory } from './history.js';
import { createResults } from './results.js';
import { createSearch } from './search.js';

const results = createResults(document.getElementById('results'));

/** Opens the results of a query and makes the address the link to them. */
function showQuery(queryId) {
  const address = withQuery(window.location.pathname, { query_id: queryId });
  if (new URLSearchParams(window.location.search).get('query_id') !== String(queryId)) {
    window.history.pushState(null, '', address);
  }
  return results.open(queryId);
}

/** The results the address names, if any. */
function showAddressedQuery() {
  const queryId = new URLSearchParams(window.location.search).get('query_id');
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
