// Watches: saved searches that run on their own. The list (each watch's search, schedule, last run and
// its error, its feed), and one watch's new papers, newest first, a page at a time.

import { getJson, postJson, send, withQuery } from './api.js';
import { resultCard } from './results.js';
import { readable, timeElement } from './time.js';
import { Panel, element, part } from './ui.js';

const WORDS = [['title', 'Title'], ['author', 'Author'], ['abstract', 'Abstract'], ['all', 'Any field'], ['journal', 'Journal'],
  ['ids', 'arXiv ids']];
const PERIODS = { PT1H: 'every hour', PT6H: 'every 6 hours', PT12H: 'every 12 hours', P1D: 'every day', P7D: 'every week' };

/** "Title: graphene · Categories: cs.LG or stat.ML · submitted from 6 May 2024" from a watch's stored search. */
export function describeWatchSearch(search) {
  const parts = WORDS.filter(([name]) => search[name]).map(([name, words]) => `${words}: ${search[name]}`);
  if (search.category) {
    const list = search.category.split(',');
    parts.push(`${list.length === 1 ? 'Category' : 'Categories'}: ${list.join(' or ')}`);
  }
  if (search.submitted_from) {
    parts.push(`submitted from ${readable(Number(search.submitted_from))}`);
  }
  if (search.submitted_to) {
    parts.push(`submitted until ${readable(Number(search.submitted_to))}`);
  }
  parts.push(`the newest ${search.max_results ?? 10}`);
  return parts.join(' · ');
}

/** Creates a watch of params (the search form's values) named name, every period; answers the watch or undefined. */
export function watchSearch(panel, params, name, every) {
  const body = { ...params, name, every };
  delete body.sort_by;
  delete body.sort_order;
  delete body.start;
  return panel.run('Saving the watch…', (signal) => postJson('watches', body, signal));
}

/** Wires the watches section. Answers {show(params)}: the list, or with watch_id that watch's new papers. */
export function createWatches(section, navigate) {
  const panel = new Panel(section);
  const list = part(section, 'list');
  const detail = part(section, 'detail');
  const cards = part(section, 'cards');
  const more = part(section, 'more');
  let cursor = null;
  let shownId = null;

  async function show(params) {
    const id = params.watch_id;
    if (!id) {
      detail.hidden = true;
      shownId = null;
      section.querySelector('h1').textContent = 'Watches';
      document.title = 'Watches — arXiv pipeline';
      return showList();
    }
    list.hidden = true;
    shownId = id;
    const watch = await panel.run('Loading the watch…', (signal) => getJson(`watches/${encodeURIComponent(id)}`, signal));
    if (watch === undefined) {
      return undefined;
    }
    section.querySelector('h1').textContent = watch.name;
    document.title = `${watch.name} — arXiv pipeline`;
    part(section, 'summary').replaceChildren(...summary(watch));
    cards.replaceChildren();
    cursor = null;
    detail.hidden = false;
    return loadPapers(watch);
  }

  async function showList() {
    const watches = await panel.run('Loading the watches…', (signal) => getJson('watches', signal));
    if (watches === undefined) {
      return;
    }
    list.replaceChildren(...watches.map(watchCard));
    if (watches.length === 0) {
      list.append(element('li', 'No watch yet: search, then "Watch this search".', 'empty'));
    }
    list.hidden = false;
  }

  async function loadPapers(watch) {
    const page = await panel.run('Loading the new papers…', (signal) =>
      getJson(withQuery(`watches/${watch.watch_id}/new`, { items_per_page: 25, cursor }), signal));
    if (page === undefined) {
      return;
    }
    for (const paper of page.results) {
      const card = resultCard(paper, panel);
      const found = element('p', 'First found ', 'first-seen');
      found.append(timeElement(paper.first_seen));
      card.querySelector('article').prepend(found);
      cards.append(card);
    }
    part(section, 'count').textContent = page.total === 0 ? 'No new paper yet.'
      : `${page.total.toLocaleString()} ${page.total === 1 ? 'paper' : 'papers'} found for the first time, newest first.`;
    cursor = page.next_cursor;
    more.hidden = cursor === null;
  }

  function summary(watch) {
    const parts = [element('p', describeWatchSearch(watch.search), 'searched')];
    const schedule = element('p', `Runs ${PERIODS[watch.every] ?? `every ${watch.every}`}; `, 'schedule');
    if (watch.last_run) {
      schedule.append('last run ', timeElement(watch.last_run), `, ${watch.new_papers} new; `);
    } else {
      schedule.append('not run yet; ');
    }
    schedule.append('next ', timeElement(watch.next_run), '.');
    parts.push(schedule);
    if (watch.last_error) {
      parts.push(element('p', `The last run failed: ${watch.last_error}. It is tried again at the next run.`, 'message error'));
    }
    const links = element('p', '', 'links');
    const feed = element('a', 'Atom feed');
    feed.href = `/watches/${watch.watch_id}/feed.atom`;
    feed.type = 'application/atom+xml';
    const run = element('button', 'Run now');
    run.type = 'button';
    run.addEventListener('click', () => runNow(watch));
    const remove = element('button', 'Stop watching');
    remove.type = 'button';
    remove.addEventListener('click', () => stop(watch));
    links.append(feed, ' ', run, ' ', remove);
    parts.push(links);
    return parts;
  }

  function watchCard(watch) {
    const li = document.createElement('li');
    const article = element('article', '', 'card');
    const heading = element('h2', '');
    const link = element('a', watch.name);
    link.href = withQuery('/', { view: 'watches', watch_id: watch.watch_id });
    heading.append(link);
    article.append(heading, ...summary(watch));
    li.append(article);
    return li;
  }

  async function runNow(watch) {
    const done = await panel.run('Asking for a run…', (signal) => send(`watches/${watch.watch_id}/run`, 'POST', signal));
    if (done !== undefined) {
      panel.say(`"${watch.name}" runs within a minute; reload to see what it found.`);
    }
  }

  async function stop(watch) {
    if (!window.confirm(`Stop watching "${watch.name}"? Its stored searches and results stay.`)) {
      return;
    }
    const done = await panel.run('Deleting the watch…', (signal) => send(`watches/${watch.watch_id}`, 'DELETE', signal));
    if (done !== undefined) {
      navigate({ view: 'watches' });
      panel.say(`"${watch.name}" is no longer watched.`);
    }
  }

  more.addEventListener('click', async () => {
    if (shownId !== null) {
      await loadPapers({ watch_id: shownId });
    }
  });

  return { show };
}
