// A stored query in plain words, and back into the parameters of GET /arxiv to run it again. The
// query is the search_query backend-arxiv-api built: clauses joined with AND, each "prefix:word" or
// 'prefix:"a phrase"', categories ORed in parentheses, submission dates as submittedDate:[… TO …].

const QUERY_PREFIX = 'ArXiv Query: ';
/** arXiv prefix → [the /arxiv parameter, its name in plain words], in the order the words are told. */
const FIELDS = new Map([
  ['ti', ['title', 'Title']],
  ['au', ['author', 'Author']],
  ['abs', ['abstract', 'Abstract']],
  ['all', ['all', 'Any field']],
  ['jr', ['journal', 'Journal']],
]);
/** sort_by as stored (the /arxiv names; arXiv's own in older records) → the /arxiv parameter. */
const SORTS = { relevance: 'relevance', submitted: 'submitted', updated: 'updated', submittedDate: 'submitted', lastUpdatedDate: 'updated' };
const SORT_WORDS = { relevance: 'relevance', submitted: 'submission date', updated: 'last update' };
/** The open ends backend-arxiv-api writes for a range given on one side only. */
const EARLIEST = '199101010000';
const LATEST = '999912312359';

/** The search_query of a record, without the "ArXiv Query: " prefix the public form adds. */
export function searchQuery(record) {
  const text = String(record.query ?? '');
  return text.startsWith(QUERY_PREFIX) ? text.slice(QUERY_PREFIX.length) : text;
}

/** The clauses of a search_query split on the ANDs outside quotes, parentheses and brackets. */
function clauses(query) {
  const parts = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (let i = 0; i < query.length; i++) {
    const c = query[i];
    if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && (c === '(' || c === '[')) {
      depth++;
    } else if (!quoted && (c === ')' || c === ']')) {
      depth--;
    }
    if (!quoted && depth === 0 && query.startsWith(' AND ', i)) {
      parts.push(current);
      current = '';
      i += 4;
      continue;
    }
    current += c;
  }
  if (current) {
    parts.push(current);
  }
  return parts;
}

/**
 * The parameters of GET /arxiv that make the same request as record (fields, categories, submission
 * dates, ids, sort, start); max_results is the number of entries it stored (at least 1), since the
 * record does not keep the number asked for.
 */
export function searchParameters(record) {
  const params = {};
  const words = new Map();
  const categories = [];
  for (const clause of clauses(searchQuery(record))) {
    const range = /^submittedDate:\[(\d{12}) TO (\d{12})\]$/.exec(clause);
    if (range) {
      if (range[1] !== EARLIEST) {
        params.submitted_from = minuteToIso(range[1]);
      }
      if (range[2] !== LATEST) {
        params.submitted_to = minuteToIso(range[2]);
      }
      continue;
    }
    const cats = clause.replace(/^\(|\)$/g, '').split(' OR ').map((term) => /^cat:(\S+)$/.exec(term));
    if (cats.every(Boolean)) {
      categories.push(...cats.map((match) => match[1]));
      continue;
    }
    const term = /^(\w+):(.*)$/.exec(clause);
    if (term && FIELDS.has(term[1])) {
      const name = FIELDS.get(term[1])[0];
      words.set(name, [...(words.get(name) ?? []), term[2]]);
    }
  }
  for (const [name, values] of words) {
    params[name] = values.join(' ');
  }
  if (categories.length > 0) {
    params.category = categories.join(',');
  }
  if (record.id_list) {
    params.ids = record.id_list;
  }
  const sortBy = SORTS[record.sort_by] ?? 'relevance';
  if (sortBy !== 'relevance') {
    params.sort_by = sortBy;
  }
  if (record.sort_order && record.sort_order !== 'descending') {
    params.sort_order = record.sort_order;
  }
  if (record.start) {
    params.start = String(record.start);
  }
  params.max_results = String(Math.max(1, record.num_entries ?? 10));
  return params;
}

/** "Title: quantum dots · Author: "del maestro" · Categories: cs.LG or stat.ML · sorted by submission date, oldest first". */
export function describeSearch(record) {
  const params = searchParameters(record);
  const parts = [];
  for (const [, [name, words]] of FIELDS) {
    if (params[name]) {
      parts.push(`${words}: ${params[name]}`);
    }
  }
  if (params.category) {
    const list = params.category.split(',');
    parts.push(`${list.length === 1 ? 'Category' : 'Categories'}: ${list.join(' or ')}`);
  }
  if (params.ids) {
    parts.push(`arXiv ids: ${params.ids.split(',').join(', ')}`);
  }
  if (params.submitted_from || params.submitted_to) {
    const from = params.submitted_from ? params.submitted_from.slice(0, 10) : null;
    const to = params.submitted_to ? params.submitted_to.slice(0, 10) : null;
    parts.push(from && to ? `submitted ${from} to ${to}` : from ? `submitted from ${from}` : `submitted until ${to}`);
  }
  const sortBy = params.sort_by ?? 'relevance';
  const ascending = params.sort_order === 'ascending';
  if (sortBy !== 'relevance' || ascending) {
    const order = sortBy === 'relevance' ? (ascending ? 'least relevant first' : 'most relevant first')
      : (ascending ? 'oldest first' : 'newest first');
    parts.push(`sorted by ${SORT_WORDS[sortBy]}, ${order}`);
  }
  if (params.start) {
    parts.push(`from result ${Number(params.start) + 1}`);
  }
  return parts.length > 0 ? parts.join(' · ') : searchQuery(record);
}

/** "1,532 papers on arXiv; 10 stored" and whether arXiv sent all that was asked for. */
export function describeOutcome(record) {
  const hits = Number(record.num_results ?? 0);
  const stored = Number(record.num_entries ?? 0);
  const found = hits === 1 ? '1 paper on arXiv' : `${hits.toLocaleString()} papers on arXiv`;
  const kept = stored === 0 ? 'none stored' : `${stored.toLocaleString()} stored`;
  const complete = record.complete === false ? ' — incomplete: arXiv sent fewer than asked for, even after retries' : '';
  return `${found}; ${kept}${complete}`;
}

/** 202401311259 (UTC) → 2024-01-31T12:59:00Z. */
function minuteToIso(minute) {
  return `${minute.slice(0, 4)}-${minute.slice(4, 6)}-${minute.slice(6, 8)}T${minute.slice(8, 10)}:${minute.slice(10, 12)}:00Z`;
}
