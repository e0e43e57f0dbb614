// Stored results, of one query or of everything, narrowed by the filters of GET /results, a page at a
// time by cursor, as cards. The address holds the filters, the page and its cursor, so that reload,
// back, forward and a shared link show the same page.

import { ApiError, getJson, getText, withQuery } from './api.js';
import { describeOutcome, describeSearch } from './queries.js';
import { timeElement } from './time.js';
import { Panel, element, part } from './ui.js';

/** The filters of GET /results, named as its parameters (and as the filter form's controls). */
export const FILTERS = ['query_id', 'q', 'author', 'category', 'published_from', 'published_to', 'arxiv_id'];
const PER_PAGE = ['10', '25', '50', '100'];

/**
 * Wires the results section. navigate(params) makes params (filters, items_per_page, page, cursor) the
 * address and shows it; onRunAgain(record) runs a stored query again. Answers {show(params)}.
 */
export function createResults(section, navigate, onRunAgain) {
  const form = section.querySelector('#filter-form');
  const panel = new Panel(section, form);
  const view = part(section, 'view');
  const cards = part(section, 'cards');
  const perPage = section.querySelector('select[name="items_per_page"]');
  const previous = part(section, 'previous');
  const next = part(section, 'next');
  const searched = part(section, 'searched');
  /** What is shown: the address's parameters, and the cursors met so far for these filters (index → cursor). */
  let shown = null;
  let cursors = new Map();
  /** The filters the searched line tells of (it is written once per filters, not per page). */
  let described = null;

  function filtersOf(params) {
    return Object.fromEntries(FILTERS.filter((name) => params[name]).map((name) => [name, params[name]]));
  }

  function key(params) {
    return JSON.stringify([filtersOf(params), params.items_per_page ?? '10']);
  }

  async function show(params) {
    const filters = filtersOf(params);
    const size = PER_PAGE.includes(params.items_per_page) ? params.items_per_page : '10';
    const index = /^\d+$/.test(params.page ?? '') ? Number(params.page) : 0;
    if (shown && key(shown) !== key(params)) {
      cursors = new Map();
    }
    if (params.cursor) {
      cursors.set(index, params.cursor);
    }
    fillForm(filters);
    perPage.value = size;
    document.title = filters.query_id && Object.keys(filters).length === 1
      ? `Results of query ${filters.query_id} — arXiv pipeline` : 'Stored results — arXiv pipeline';
    describeSearched(filters);
    // the cursor when the address has one; otherwise the page number (a reloaded page past the first)
    const cursor = params.cursor ?? (index === 0 ? null : cursors.get(index));
    const page = await panel.run('Loading results…', (signal) => getJson(withQuery('results', {
      ...filters, items_per_page: size, ...(cursor ? { cursor } : { page: index || null }),
    }), signal));
    if (page === undefined) {
      if (!shown || key(shown) !== key(params)) {
        view.hidden = true;
      }
      return;
    }
    shown = { ...params, items_per_page: size };
    if (page.next_cursor) {
      cursors.set(index + 1, page.next_cursor);
    }
    render(page, filters, Number(size), index);
  }

  function render(page, filters, size, index) {
    const first = index * size + 1;
    const last = index * size + page.results.length;
    const total = page.total ?? null;
    const of = filters.query_id ? ` of query ${filters.query_id}` : '';
    part(section, 'summary').textContent = page.results.length === 0
      ? (index === 0 ? `No stored results${of}${Object.keys(filters).length > (filters.query_id ? 1 : 0) ? ' match these filters' : ''}.` : 'No results on this page.')
      : `Results ${first}–${last}${total === null ? '' : ` of ${total}`}${of}.`;
    cards.replaceChildren(...page.results.map((result) => resultCard(result, panel)));
    const pages = total === null ? null : Math.max(1, Math.ceil(total / size));
    part(section, 'page').textContent = pages === null ? `Page ${index + 1}` : `Page ${index + 1} of ${pages}`;
    part(section, 'count').textContent = total === null ? 'stored results' : `${total} ${total === 1 ? 'result' : 'results'}`;
    for (const link of section.querySelectorAll('[data-format]')) {
      link.href = withQuery('results', { ...filters, format: link.dataset.format });
    }
    part(section, 'exports').hidden = page.results.length === 0;
    part(section, 'share').href = window.location.href;
    previous.disabled = index === 0;
    next.disabled = !page.next_cursor;
    view.hidden = false;
  }

  /** What was searched: the stored query in plain words (one query), or the filters. */
  async function describeSearched(filters) {
    const telling = JSON.stringify(filters);
    if (telling === described) {
      return;
    }
    described = telling;
    searched.replaceChildren();
    const others = Object.entries(filters).filter(([name]) => name !== 'query_id');
    if (others.length > 0) {
      searched.append(`Stored results${filters.query_id ? ` of query ${filters.query_id}` : ''} where `
        + others.map(([name, value]) => `${FILTER_WORDS[name]} ${value}`).join(', ') + '.');
    }
    if (!filters.query_id || !/^\d+$/.test(filters.query_id)) {
      return;
    }
    try {
      const record = await getJson(`queries/${filters.query_id}`);
      if (described !== telling) {
        return;
      }
      const line = element('span', `Query ${record.query_id}, `);
      line.append(timeElement(record.timestamp), `: ${describeSearch(record)} — ${describeOutcome(record)}. `);
      const again = element('button', 'Run this search again');
      again.type = 'button';
      again.addEventListener('click', () => onRunAgain(record));
      searched.prepend(line, again, ' ');
    } catch (error) {
      if (!(error instanceof ApiError)) {
        throw error;
      }
      // the results still show; only the words about the search are missing (and are asked again next time)
      if (described === telling) {
        described = null;
        searched.prepend(error.status === 404 ? `No query ${filters.query_id} is stored. `
          : `Query ${filters.query_id} (what was searched cannot be read now). `);
      }
    }
  }

  /** The filter form holds the address's filters; it is open while any but the query is in use. */
  function fillForm(filters) {
    for (const name of FILTERS) {
      form.elements[name].value = filters[name] ?? '';
    }
    if (Object.keys(filters).some((name) => name !== 'query_id')) {
      part(form, 'filters').open = true;
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const filters = {};
    for (const name of FILTERS) {
      const value = form.elements[name].value.trim();
      if (value) {
        filters[name] = value;
      }
    }
    navigate({ view: 'results', ...filters, items_per_page: shown?.items_per_page });
  });
  part(form, 'reset').addEventListener('click', () => navigate({ view: 'results' }));
  perPage.addEventListener('change', () => navigate({ view: 'results', ...filtersOf(shown ?? {}), items_per_page: perPage.value }));
  previous.addEventListener('click', () => go(Number(shown.page ?? 0) - 1));
  next.addEventListener('click', () => go(Number(shown.page ?? 0) + 1));

  function go(index) {
    const cursor = cursors.get(index);
    navigate({ view: 'results', ...filtersOf(shown), items_per_page: shown.items_per_page, page: index || null, cursor: index === 0 ? null : cursor });
  }

  return { show };
}

const FILTER_WORDS = {
  q: 'the words are', author: 'an author is', category: 'a category is', published_from: 'published from',
  published_to: 'published until', arxiv_id: 'the paper is',
};

/** One result as a card: what a reader needs to judge it, the abstract one click away (panel tells how a copy went). */
export function resultCard(result, panel) {
  const li = document.createElement('li');
  const article = document.createElement('article');
  article.className = 'card';
  const id = String(result.arxiv_id ?? '');
  const heading = element('h2', '');
  heading.append(external(result.title || id, result.url, 'abstract page'));
  article.append(heading);
  if (result.authors) {
    article.append(element('p', result.authors, 'authors'));
  }
  const meta = element('p', '', 'meta');
  meta.append(element('span', `arXiv:${id}`, 'arxiv-id'));
  const categories = Array.isArray(result.categories) && result.categories.length > 0
    ? result.categories : [result.primary_category].filter(Boolean);
  for (const category of categories) {
    const chip = element('span', category, category === result.primary_category ? 'chip primary' : 'chip');
    if (category === result.primary_category && categories.length > 1) {
      chip.title = 'primary category';
    }
    meta.append(' ', chip);
  }
  article.append(meta);
  const dates = element('p', 'Published ', 'dates');
  dates.append(timeElement(result.published));
  if (result.updated && result.updated !== result.published) {
    dates.append(' · updated ', timeElement(result.updated));
  }
  article.append(dates);
  if (result.journal || result.doi) {
    const where = element('p', '', 'where');
    if (result.journal) {
      where.append(result.journal);
    }
    if (result.doi) {
      where.append(result.journal ? ' · DOI ' : 'DOI ', external(result.doi, `https://doi.org/${encodeURI(result.doi)}`, 'DOI'));
    }
    article.append(where);
  }
  if (result.comment) {
    article.append(element('p', result.comment, 'comment'));
  }
  if (result.abstract) {
    const details = document.createElement('details');
    details.append(element('summary', 'Abstract'), element('p', result.abstract, 'abstract'));
    article.append(details);
  }
  const links = element('p', '', 'links');
  links.append(external('Abstract page', result.url, 'arXiv'));
  if (result.pdf_url) {
    links.append(' ', external('PDF', result.pdf_url, 'arXiv'));
  }
  const paper = element('a', 'This paper in the pipeline');
  paper.href = withQuery('/', { paper: id.replace(/v\d+$/, '') });
  paper.dataset.role = 'paper';
  const copy = element('button', 'Copy BibTeX');
  copy.type = 'button';
  copy.setAttribute('aria-label', `Copy the BibTeX of arXiv:${id}`);
  copy.addEventListener('click', () => copyBibtex(id, panel));
  links.append(' ', paper, ' ', copy);
  article.append(links);
  li.append(article);
  return li;
}

/** A link that opens in a new tab (and says so to a screen reader); the bare text when href is not http(s). */
function external(text, href, what) {
  if (!/^https?:\/\//i.test(href ?? '')) {
    return document.createTextNode(text ?? '');
  }
  const a = element('a', text ?? href);
  a.href = href;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  a.append(element('span', ` (${what}, opens in a new tab)`, 'visually-hidden'));
  return a;
}

/** The BibTeX entry of one version, from the export of its paper, to the clipboard. */
async function copyBibtex(id, panel) {
  const text = await panel.run(`Copying the BibTeX of arXiv:${id}…`, (signal) =>
    getText(withQuery('results', { arxiv_id: id.replace(/v\d+$/, ''), format: 'bibtex' }), 'application/x-bibtex', signal));
  if (text === undefined) {
    return;
  }
  const entry = text.split(/\n(?=@)/).find((candidate) => candidate.includes(`eprint = {${id}}`)) ?? text;
  try {
    await navigator.clipboard.writeText(entry.trim() + '\n');
    panel.say(`The BibTeX of arXiv:${id} is copied.`);
  } catch {
    panel.fail(new ApiError(0, 'The clipboard cannot be written', 'allow this page to use it, or export the results as BibTeX'));
  }
}
