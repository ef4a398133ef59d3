// The dictum page: a client of the JSON API (docs/API.md), routed by the
// address's #fragment so that every view can be bookmarked and shared.
// Everything that came from articles enters the page through textContent
// or createTextNode, never as markup.
'use strict';

const view = document.getElementById('view');
const form = document.getElementById('search');

// ---- small helpers ----

// el('a', {href: '#/'}, 'text', child...): an element with properties
// (className, href, ...) and children (strings become text nodes).
function el(tag, props, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === undefined || v === null) continue;
    if (k === 'dataset') Object.assign(e.dataset, v);
    else if (k in e) e[k] = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function svg(tag, attrs, ...children) {
  const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function api(path, params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== '') qs.set(k, v);
  const url = '/api/' + path + (qs.toString() ? '?' + qs : '');
  const res = await fetch(url, {headers: {Accept: 'application/json'}});
  let body;
  try {
    body = await res.json();
  } catch (e) {
    throw new ApiError(res.status, 'the server answered ' + res.status + ' without JSON');
  }
  if (!res.ok) throw new ApiError(res.status, body.error ? body.error.message : 'error ' + res.status);
  return body;
}

function show(...nodes) {
  view.replaceChildren(...nodes.filter(n => n !== null && n !== undefined));
}

function problem(err) {
  return el('div', {className: 'problem', role: 'alert'},
            el('strong', {}, err.status ? 'The archive said no: ' : 'Something went wrong: '), err.message);
}

const esc = encodeURIComponent;

// "1 document", "3 documents"
function count(n, word, plural = word + 's') {
  return `${n} ${n === 1 ? word : plural}`;
}

// "2023-01-12", "2023-01-12 – 2024-03-14", or "undated"
function span(first, last) {
  return first ? (first === last ? first : first + ' – ' + last) : 'undated';
}

function speakerLink(r) {
  const name = r.speaker_name || r.speaker;
  if (r.speaker_id) return el('a', {className: 'speaker', href: '#/speaker/' + esc(r.speaker_id)}, name);
  return el('span', {className: 'speaker unlinked'}, name || 'unattributed');
}

// A search snippet: matched words arrive between U+E000 and U+E001.
function highlighted(snippet) {
  const frag = document.createDocumentFragment();
  const parts = snippet.split(/([\uE000\uE001])/);
  let inMark = false;
  for (const p of parts) {
    if (p === '\uE000') inMark = true;
    else if (p === '\uE001') inMark = false;
    else if (p) frag.append(inMark ? el('mark', {}, p) : document.createTextNode(p));
  }
  return frag;
}

function meta(...items) {
  const m = el('p', {className: 'meta'});
  for (const it of items.filter(Boolean)) {
    if (m.childNodes.length) m.append(el('span', {className: 'sep', ariaHidden: 'true'}, ' · '));
    m.append(it);
  }
  return m;
}

// What a reader pastes into a story: who (and as what), where, when, the
// words, and the address of the original.
function citation(r) {
  const who = (r.speaker_name || r.speaker || 'Unattributed') + (r.roles && r.roles.length ? ', ' + r.roles[0] : '');
  const where = [r.outlet, r.title ? '“' + r.title + '”' : null, r.date || 'undated'].filter(Boolean).join(', ');
  return `${who}. ${where}. “${r.content.replace(/^["“”]+|["“”,]+$/g, '')}”` + (r.url ? ' ' + r.url : '');
}

// A statement as a card: who, in what role, when, where, through whom,
// in which story, with a way to the original and a citation.
function card(r) {
  const role = r.roles && r.roles.length ? el('span', {className: 'role'}, r.roles[0]) : null;
  const quote = el('blockquote', {}, r.snippet ? highlighted(r.snippet) : r.content);
  const full = r.snippet && r.snippet.replace(/[\uE000\uE001]/g, '') !== r.content
    ? el('details', {className: 'full'}, el('summary', {}, 'Full statement'), el('p', {}, r.content)) : null;
  const via = r.via && r.via.length ? 'via ' + r.via.join(', ') : null;
  const story = el('p', {className: 'story'}, r.title || 'Untitled story',
                   r.url ? el('a', {href: r.url, className: 'original', rel: 'noopener noreferrer',
                                    target: '_blank'}, 'original') : null);
  const cite = el('button', {type: 'button', className: 'cite'}, 'Cite');
  const k = el('article', {className: 'card kind-' + r.kind},
               el('header', {}, speakerLink(r), role, el('span', {className: 'kind'}, r.kind)),
               quote, full, story,
               meta(r.date ? el('time', {dateTime: r.date}, r.date) : el('span', {className: 'undated'}, 'undated'),
                    r.outlet, r.venue ? 'to ' + r.venue : null, via,
                    el('a', {href: '#/document/' + r.document + '?s=' + r.id, className: 'context'}, 'in context'),
                    cite));
  cite.addEventListener('click', () => {
    const text = citation(r);
    const shown = k.querySelector('.citation') || k.appendChild(el('p', {className: 'citation'}));
    shown.textContent = text;
    if (navigator.clipboard) navigator.clipboard.writeText(text).then(() => { cite.textContent = 'Copied'; }, () => {});
  });
  return k;
}

// Links that download what a list shows, every row of it.
function exports(params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) qs.set(k, v);
  const link = format => el('a', {href: '/api/export?format=' + format + (qs.toString() ? '&' + qs : ''),
                                  download: 'dictum.' + format, className: 'export'}, format === 'csv' ? 'CSV' : 'JSON lines');
  return el('span', {className: 'exports'}, 'Export: ', link('csv'), ' · ', link('jsonl'));
}

// A choice of order that lives in the address, so a link keeps it.
function sorter(params, choices) {
  const sel = el('select', {name: 'sort', ariaLabel: 'Order'},
                 ...choices.map(([v, label]) => el('option', {value: v, selected: (params.get('sort') || choices[0][0]) === v}, label)));
  sel.addEventListener('change', () => {
    const p = new URLSearchParams(params);
    if (sel.value === choices[0][0]) p.delete('sort');
    else p.set('sort', sel.value);
    location.hash = location.hash.split('?')[0] + '?' + p;
  });
  return el('label', {className: 'sort'}, 'Order ', sel);
}

// A list that fetches its next page when asked: LOAD(offset) resolves to
// {results, total, next_offset}; ITEM makes an element of a result; FIRST
// (if given) sees the first page's answer.
function pager(load, item, empty, first) {
  const list = el('div', {className: 'list'});
  const more = el('button', {type: 'button', className: 'more'}, 'Show more');
  const box = el('div', {}, list);
  let next = 0;
  async function page() {
    more.disabled = true;
    try {
      const res = await load(next);
      if (next === 0 && first) first(res);
      if (next === 0 && !res.results.length) list.append(empty());
      for (const r of res.results) list.append(item(r));
      next = res.next_offset;
      if (next === null) more.remove();
      else if (!more.isConnected) box.append(more);
    } catch (err) {
      more.remove();
      box.append(problem(err));
    }
    more.disabled = false;
  }
  more.addEventListener('click', page);
  return {box, ready: page()};
}

function note(...children) {
  return el('p', {className: 'note'}, ...children);
}

// ---- views ----

async function home() {
  const stats = await api('stats');
  if (!stats.documents) {
    show(el('section', {className: 'empty'},
            el('h1', {}, 'The archive is empty'),
            el('p', {}, 'Nothing has been ingested into this database yet. Add articles from the command line:'),
            el('pre', {}, 'dictum ingest --db ARCHIVE.db articles/'),
            el('p', {}, 'then reload this page. Text, HTML, WARC, JSON lines and feeds are all read.')));
    return;
  }
  const speakers = pager(o => api('speakers', {limit: 10, offset: o}), speakerItem, () => note('No speakers yet.'));
  show(el('section', {},
          el('h1', {}, 'What was said, by whom'),
          el('p', {className: 'lead'},
             `${count(stats.statements, 'statement')} in ${count(stats.documents, 'document')} from ` +
             `${count(stats.outlets, 'outlet')}, ${span(stats.first, stats.last)}; ` +
             `${count(stats.speakers, 'speaker')}; ${count(stats.echo_clusters, 'echo', 'echoes')}.`),
          stats.linked ? null : note('Linking is out of date: run dictum link for current speakers and echoes.'),
          el('p', {}, 'Search with words, "a phrase", prefix*, AND, OR, NOT. Press / to search from anywhere.'),
          el('h2', {}, 'Most quoted'), speakers.box));
  await speakers.ready;
}

function speakerItem(s) {
  return el('div', {className: 'row'},
            el('a', {href: '#/speaker/' + esc(s.id), className: 'speaker'}, s.name),
            el('span', {className: 'count'},
               `${count(s.statements, 'statement')} · ${count(s.documents, 'document')} · ${span(s.first, s.last)}`),
            s.roles.length ? el('span', {className: 'role'}, s.roles[s.roles.length - 1].title) : null);
}

// The filters a search carries, shown as it carries them, each with a way
// to drop it: the same after a reload and in a shared link.
function activeFilters(params, person) {
  const names = {speaker: 'Speaker', person: 'Speaker', outlet: 'Outlet', kind: 'Kind', since: 'Since', until: 'Until'};
  const chips = el('ul', {className: 'active-filters', ariaLabel: 'Filters'});
  for (const [k, label] of Object.entries(names)) {
    const v = params.get(k);
    if (!v) continue;
    const p = new URLSearchParams(params);
    p.delete(k);
    chips.append(el('li', {className: 'chip'}, `${label}: ${k === 'person' ? person || v : v} `,
                    el('a', {href: '#/search?' + p, ariaLabel: `Drop the filter ${label}`}, '×')));
  }
  return chips.childNodes.length ? chips : null;
}

async function personName(id) {
  try {
    return (await api('speakers/' + esc(id), {limit: 1})).speaker.name;
  } catch (err) {
    return id;
  }
}

async function search(params) {
  const q = params.get('q');
  if (!q) return home();
  const person = params.get('person') ? await personName(params.get('person')) : null;
  fillForm(params, person);
  const filters = {};
  for (const k of ['speaker', 'person', 'outlet', 'kind', 'since', 'until', 'sort']) filters[k] = params.get(k);
  const total = el('span', {className: 'total'});
  const heading = el('h1', {}, total, ' matching ', el('q', {}, q));
  const list = pager(o => api('search', {q, ...filters, offset: o}), card,
                     () => note('No statement matches. Try fewer words, another spelling, or a prefix such as ',
                                el('code', {}, 'negotiat*'), '.'),
                     res => {
                       // a filtered prefix found in many: its count is estimated
                       total.textContent = (res.total_estimated ? 'About ' : '') + count(res.total, 'statement');
                     });
  show(heading, activeFilters(params, person),
       el('div', {className: 'tools'}, sorter(params, [['relevance', 'Best match'], ['newest', 'Newest first'],
                                                        ['oldest', 'Oldest first']]),
          exports({q, ...filters})),
       list.box);
  await list.ready;
}

async function speakers(params) {
  const q = params.get('q') || '';
  const box = el('form', {className: 'inline'},
                 el('label', {}, 'Find a speaker ', el('input', {name: 'who', type: 'search', value: q})),
                 el('button', {type: 'submit'}, 'Find'));
  box.addEventListener('submit', e => {
    e.preventDefault();
    location.hash = '#/speakers?q=' + esc(box.who.value.trim());
  });
  const list = pager(o => api('speakers', {q, offset: o, limit: 50}), speakerItem, () => note('No speaker found.'));
  show(el('h1', {}, 'Speakers'), box, list.box);
  await list.ready;
}

// Every month from the first to the last, empty ones included.
function allMonths(months) {
  if (!months.length) return [];
  const counts = new Map(months.map(m => [m.month, m.statements]));
  let [y, m] = months[0].month.split('-').map(Number);
  const out = [];
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push({month: key, statements: counts.get(key) || 0});
    if (key === months[months.length - 1].month) return out;
    if (++m > 12) { m = 1; y++; }
  }
}

function chart(months, undated) {
  const all = allMonths(months);
  const left = undated ? note(`${count(undated, 'statement')} undated, not in the chart.`, ) : null;
  if (left) left.classList.add('undated-count');
  if (!all.length) return el('div', {}, note('No dated statements, so no timeline.'), left);
  const W = 720, H = 160, pad = 24, most = Math.max(...all.map(m => m.statements));
  const bw = (W - pad) / all.length;
  const total = all.reduce((n, m) => n + m.statements, 0);
  const s = svg('svg', {viewBox: `0 0 ${W} ${H + 20}`, class: 'chart', role: 'img',
                        'aria-label': `Statements per month, ${all[0].month} to ${all[all.length - 1].month}: ` +
                                      `${total} in all, at most ${most} in a month`});
  s.append(svg('line', {x1: pad, y1: H, x2: W, y2: H, class: 'axis'}));
  s.append(svg('text', {x: 0, y: 12, class: 'label'}, most));
  all.forEach((m, i) => {
    const h = m.statements ? Math.max(2, (m.statements / most) * (H - 16)) : 0;
    const x = pad + i * bw;
    if (h) {
      s.append(svg('rect', {x: x + bw * 0.1, y: H - h, width: Math.max(1, bw * 0.8), height: h, class: 'bar'},
                   svg('title', {}, `${m.month}: ${m.statements} statement${m.statements === 1 ? '' : 's'}`)));
    }
    if (m.month.endsWith('-01') || i === 0 || all.length <= 12)
      s.append(svg('text', {x, y: H + 16, class: 'label'}, all.length <= 12 ? m.month : m.month.slice(0, 4)));
  });
  const table = el('table', {},
                   el('thead', {}, el('tr', {}, el('th', {}, 'Month'), el('th', {}, 'Statements'))),
                   el('tbody', {}, ...months.map(m => el('tr', {}, el('td', {}, m.month), el('td', {}, m.statements)))));
  return el('figure', {className: 'timeline'}, s, left,
            el('details', {}, el('summary', {}, 'Statements per month as a table'), table));
}

// Titles on the time axis of the speaker's record, FIRST to LAST: when
// each was first and last given.
function roles(list, first, last) {
  if (!list.length) return note('No titles given in the articles.');
  const t = d => new Date(d.length === 4 ? d + '-01-01' : d.length === 7 ? d + '-01' : d).getTime();
  const lo = first ? t(first) : 0, hi = last ? t(last) : 0;
  const ul = el('ul', {className: 'roles'});
  for (const r of list) {
    const track = el('span', {className: 'track', ariaHidden: 'true'});
    if (r.first && first) {
      const bar = el('span', {className: 'span'});
      const left = hi > lo ? ((t(r.first) - lo) / (hi - lo)) * 100 : 0;
      bar.style.left = Math.min(left, 98.5) + '%';
      bar.style.width = (hi > lo ? Math.max(1.5, ((t(r.last) - t(r.first)) / (hi - lo)) * 100) : 100) + '%';
      track.append(bar);
    }
    ul.append(el('li', {}, el('span', {className: 'title'}, r.title), track,
                 el('span', {className: 'when'}, `${span(r.first, r.last)} · ${count(r.documents, 'document')}`)));
  }
  return ul;
}

function cluster(c) {
  const s = c.summary;
  return el('section', {className: 'cluster'},
            el('h3', {}, s.statements > s.stories ? `${s.statements} statements in ${s.stories} stories`
                                                  : `Said in ${s.stories} stories`, el('span', {className: 'count'},
                ` · ${span(s.first, s.last)} · ${s.speakers.join(', ') || 'unattributed'} · ${s.outlets.join(', ') || 'no outlet known'}`)),
            ...c.statements.map(r => {
              const k = card(r);
              if (r.copy_of) k.append(el('p', {className: 'copy'}, r.syndicated ? 'in a syndicated copy of another story'
                                                                         : 'said again in the same story'));
              return k;
            }));
}

async function speaker(id, params) {
  const [{speaker: p}, tl] = await Promise.all([api('speakers/' + esc(id), {limit: 1}),
                                                api('timeline', {speaker: id, limit: 1})]);
  const forms = p.forms.length > 1 ? el('p', {}, 'Written as ', p.forms.join(', '), '.') : null;
  const sort = params.get('sort');
  const statements = pager(o => api('timeline', {speaker: id, sort, offset: o}), card, () => note('No statements.'));
  const echoes = pager(o => api('echoes', {speaker: id, offset: o, limit: 5}), cluster,
                       () => note('Nothing this speaker said was repeated in another story.'));
  show(el('h1', {}, p.name),
       el('p', {className: 'lead'},
          `${p.type} · ${count(p.statements, 'statement')} in ${count(p.documents, 'document')} · ` +
          span(p.first, p.last)),
       forms,
       el('h2', {}, 'Statements per month'), chart(tl.months, tl.undated),
       el('h2', {}, 'Roles over time'), roles(p.roles, p.first, p.last),
       el('h2', {}, 'Echoes'), echoes.box,
       el('h2', {}, 'Statements'),
       el('div', {className: 'tools'}, sorter(params, [['oldest', 'Oldest first'], ['newest', 'Newest first']]),
          exports({person: id, sort})),
       statements.box);
  await Promise.all([statements.ready, echoes.ready]);
}

// The article with each statement marked in place and its speaker named.
async function documentView(id, params) {
  const d = await api('documents/' + esc(id));
  const want = params.get('s');
  const cps = Array.from(d.text || '');
  const spans = [];
  for (const st of d.statements)
    for (const [a, b] of st.text_offsets.content) spans.push({a, b, st});
  spans.sort((x, y) => x.a - y.a || y.b - x.b);
  const body = el('div', {className: 'article'});
  const labelled = new Set();
  let at = 0;
  for (const sp of spans) {
    if (sp.a < at) continue; // overlaps one already marked
    body.append(cps.slice(at, sp.a).join(''));
    if (!labelled.has(sp.st.id)) {
      labelled.add(sp.st.id);
      body.append(el('span', {className: 'who'}, (sp.st.speaker_name || sp.st.speaker || 'unattributed') + ':'));
    }
    const m = el('mark', {className: 'statement' + (String(sp.st.id) === want ? ' current' : ''), tabIndex: 0,
                          title: `${sp.st.speaker || 'unattributed'} (${sp.st.kind})`,
                          dataset: {statement: sp.st.id}},
                 cps.slice(sp.a, sp.b).join(''));
    body.append(m);
    at = sp.b;
  }
  body.append(cps.slice(at).join(''));
  // a headline statement is marked in the headline as the input has it
  const head = d.statements.find(st => st.line !== undefined && st.kind === 'headline');
  let title = d.title;
  if (head) {
    const line = Array.from(head.line), [[a, b]] = head.line_offsets.content;
    title = el('span', {}, line.slice(0, a).join(''),
               el('mark', {className: 'statement' + (String(head.id) === want ? ' current' : ''), tabIndex: 0,
                           title: `${head.speaker || 'unattributed'} (headline)`, dataset: {statement: head.id}},
                  line.slice(a, b).join('')),
               line.slice(b).join(''));
  }
  // never a file path for a title: the text's first words if need be
  if (!title) {
    const first = (d.text || '').split('\n')[0];
    title = first ? (first.length > 90 ? first.slice(0, 88) + '…' : first) : 'Untitled document';
  }
  const list = el('ol', {className: 'statements'});
  for (const st of d.statements) {
    const inText = st.text_offsets.content.length > 0 || st === head;
    const item = el('li', {}, speakerLink(st), ' ', el('span', {className: 'kind'}, st.kind), ' ',
                    inText ? el('a', {href: '#/document/' + d.id + '?s=' + st.id}, st.content)
                           : el('span', {}, st.content, el('span', {className: 'count'}, ' (outside the article body)')));
    list.append(item);
  }
  show(el('h1', {}, title),
       meta(d.date ? el('time', {dateTime: d.date}, d.date) : 'undated', d.outlet,
            d.authors.length ? 'by ' + d.authors.join(', ') : null,
            d.url ? el('a', {href: d.url, className: 'original', rel: 'noopener noreferrer', target: '_blank'},
                       'original') : null,
            el('span', {className: 'source'}, d.source)),
       body, el('h2', {}, count(d.statements.length, 'statement')), list);
  const cur = view.querySelector('mark.current');
  if (cur) {
    cur.scrollIntoView({block: 'center'});
    cur.focus({preventScroll: true});
  }
}

async function echoesView() {
  const list = pager(o => api('echoes', {offset: o, limit: 10}), cluster,
                     () => note('No echoes: no statement has been said again in another story yet.'));
  show(el('h1', {}, 'Echoes'),
       el('p', {className: 'lead'}, 'Statements said again in other stories, the most repeated first.'), list.box);
  await list.ready;
}

// ---- routing ----

// The form shows the search the address holds, its filters open when
// there are any; a person filter shows the person's name.
function fillForm(params, person) {
  for (const k of ['q', 'speaker', 'outlet', 'kind', 'since', 'until', 'person'])
    if (form.elements[k]) form.elements[k].value = params.get(k) || '';
  if (person) form.elements.speaker.value = person;
  form.querySelector('details.filters').open =
    ['speaker', 'person', 'outlet', 'kind', 'since', 'until'].some(k => params.get(k));
}

// As the speaker filter is typed, the persons whose names fit are offered;
// picking one filters by that person, not by the letters typed.
const suggested = new Map();
let suggesting = 0;
form.elements.speaker.addEventListener('input', () => {
  const typed = form.elements.speaker.value.trim();
  form.elements.person.value = suggested.get(typed) || '';
  const ticket = ++suggesting;
  if (typed.length < 2 || suggested.has(typed)) return;
  setTimeout(async () => {
    if (ticket !== suggesting) return;
    try {
      const res = await api('speakers', {q: typed, limit: 8});
      if (ticket !== suggesting) return;
      const list = document.getElementById('speaker-suggestions');
      list.replaceChildren(...res.results.map(s => el('option', {value: s.name}, `${s.type}, ${count(s.statements, 'statement')}`)));
      for (const s of res.results) suggested.set(s.name, s.id);
    } catch (err) { /* no suggestions: the filter still works by name */ }
  }, 150);
});

async function route() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, query] = hash.split('?');
  const params = new URLSearchParams(query || '');
  // an address is whatever anyone typed or pasted: a malformed escape is
  // read as written, never a page stuck on "Loading…"
  const parts = path.split('/').map(p => { try { return decodeURIComponent(p); } catch (e) { return p; } });
  document.body.dataset.view = parts[0] || 'home';
  try {
    if (parts[0] === 'search') await search(params);
    else if (parts[0] === 'speakers') await speakers(params);
    else if (parts[0] === 'speaker' && parts[1]) await speaker(parts[1], params);
    else if (parts[0] === 'document' && parts[1]) await documentView(parts[1], params);
    else if (parts[0] === 'echoes') await echoesView();
    else await home();
    document.title = (view.querySelector('h1') ? view.querySelector('h1').textContent + ' – ' : '') + 'dictum';
  } catch (err) {
    show(problem(err));
  }
  document.body.dataset.ready = 'yes';
}

form.addEventListener('submit', e => {
  e.preventDefault();
  const p = new URLSearchParams();
  const person = form.elements.person.value || suggested.get(form.elements.speaker.value.trim());
  for (const k of ['q', 'speaker', 'outlet', 'kind', 'since', 'until']) {
    const v = form.elements[k].value.trim();
    if (v && !(k === 'speaker' && person)) p.set(k, v);
  }
  if (person) p.set('person', person);
  const sort = new URLSearchParams(location.hash.split('?')[1] || '').get('sort');
  if (sort && location.hash.startsWith('#/search')) p.set('sort', sort);
  location.hash = '#/search?' + p;
});

document.addEventListener('keydown', e => {
  const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
  if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
    e.preventDefault();
    form.elements.q.focus();
    form.elements.q.select();
  }
});

window.addEventListener('hashchange', () => {
  document.body.dataset.ready = 'no';
  route().then(() => {
    if (!view.querySelector('mark.current')) view.focus({preventScroll: true});
    window.scrollTo(0, view.querySelector('mark.current') ? window.scrollY : 0);
  });
});
route();
