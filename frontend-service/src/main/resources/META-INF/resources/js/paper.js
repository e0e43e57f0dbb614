// One paper across everything stored (GET /papers/{id}): its newest version as a card, every version
// stored, and the searches that found it.

import { getJson, withQuery } from './api.js';
import { resultCard } from './results.js';
import { timeElement } from './time.js';
import { Panel, element, part } from './ui.js';

/** Wires the paper section. Answers {show(arxivId)}. */
export function createPaper(section) {
  const panel = new Panel(section);
  const view = part(section, 'view');

  async function show(arxivId) {
    view.hidden = true;
    section.querySelector('h1').textContent = `Paper ${arxivId}`;
    document.title = `arXiv:${arxivId} — arXiv pipeline`;
    const paper = await panel.run('Loading the paper…', (signal) => getJson(`papers/${encodeURIComponent(arxivId).replace('%2F', '/')}`, signal));
    if (paper === undefined) {
      return;
    }
    section.querySelector('h1').textContent = paper.latest?.title || `Paper ${paper.arxiv_id}`;
    part(section, 'latest').replaceChildren(resultCard(paper.latest, panel));
    part(section, 'versions').replaceChildren(...paper.versions.map((version) => element('li', version, 'chip')));
    const seen = part(section, 'seen');
    seen.replaceChildren(`Found by ${paper.query_ids.length} ${paper.query_ids.length === 1 ? 'search' : 'searches'}, first `);
    seen.append(timeElement(paper.first_seen), ', last ', timeElement(paper.last_seen), '.');
    part(section, 'queries').replaceChildren(...paper.query_ids.map((queryId) => {
      const li = document.createElement('li');
      const link = element('a', `Results of query ${queryId}`);
      link.href = withQuery('/', { query_id: queryId });
      li.append(link);
      return li;
    }));
    view.hidden = false;
  }

  return { show };
}
