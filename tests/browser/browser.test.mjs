// The page of 'dictum serve' in real Chromium (run.sh sets it up): every
// step a user takes, each checked and photographed into OUT; any failed
// check, uncaught page error or console error fails the test.
// usage: node browser.test.mjs DICTUM OUT CHROMIUM
import {spawn} from 'node:child_process';
import {chromium} from 'playwright-core';

const [dictum, out, executablePath] = process.argv.slice(2);
const servers = [];
let browser;
let step = 0;
let failures = 0;

// Start 'dictum serve' on a free port; resolves to its address.
function serve(db) {
  return new Promise((resolve, reject) => {
    const p = spawn(dictum, ['serve', '--db', db, '--port', '0'], {stdio: ['ignore', 'pipe', 'inherit']});
    p.exited = new Promise(done => p.on('exit', (code, signal) => done(signal || code)));
    servers.push(p);
    let text = '';
    p.stdout.on('data', d => {
      text += d;
      const m = text.match(/http:\/\/[^ ]+\//);
      if (m) resolve(m[0]);
    });
    p.on('exit', code => reject(new Error(`dictum serve exited (${code}) before listening`)));
  });
}

function check(ok, what) {
  if (!ok) throw new Error('check failed: ' + what);
}

// A step: its checks, then a screenshot named after it.
async function run(page, name, fn) {
  step++;
  const file = `${out}/${String(step).padStart(2, '0')}-${name}.png`;
  try {
    await fn();
    console.log(`ok ${step} ${name}`);
  } catch (err) {
    failures++;
    console.log(`not ok ${step} ${name}: ${err.message}`);
  }
  await page.screenshot({path: file, fullPage: true}).catch(() => {});
}

async function ready(page) {
  await page.waitForSelector('body[data-ready="yes"]', {timeout: 10000});
}

// Do ACTION, which moves to another view, and wait until that view is
// ready.  The page marks itself ready after routing, but the hashchange
// that starts the routing comes after a click returns: without marking
// the old view stale first, 'ready' could see the old view's mark.
async function after(page, action) {
  await page.evaluate(() => { if (document.body) document.body.dataset.ready = 'stale'; }).catch(() => {});
  await action();
  await ready(page);
}

function watch(page, errors) {
  page.on('pageerror', e => errors.push('page error: ' + e.message));
  page.on('console', m => {
    // a 4xx the page asked for on purpose shows as a failed resource
    if (m.type() === 'error' && !/Failed to load resource.*40\d/.test(m.text())) errors.push('console: ' + m.text());
  });
}

async function main() {
  const url = await serve(`${out}/archive.db`);
  const emptyUrl = await serve(`${out}/empty.db`);
  browser = await chromium.launch({executablePath, args: ['--no-sandbox']});
  const errors = [];
  const page = await browser.newPage({viewport: {width: 1200, height: 900}});
  watch(page, errors);

  await run(page, 'home', async () => {
    await after(page, () => page.goto(url));
    check(/What was said/.test(await page.textContent('h1')), 'the home page greets');
    check(await page.locator('.row a.speaker').count() > 0, 'the most quoted speakers are listed');
  });

  let speakerName;
  await run(page, 'search', async () => {
    await page.keyboard.press('/');
    check(await page.evaluate(() => document.activeElement.id) === 'q', '/ focuses the search box');
    await page.keyboard.type('ferry');
    await after(page, () => page.keyboard.press('Enter'));
    const marked = await page.locator('.card mark').allTextContents();
    check(marked.length > 0 && marked.every(t => /ferr/i.test(t)), 'the matched word is highlighted: ' + marked);
    check(await page.locator('.card a.speaker').count() > 0, 'a result names a linked speaker');
  });

  await run(page, 'speaker', async () => {
    const link = page.locator('.card a.speaker').first();
    speakerName = (await link.textContent()).trim();
    await after(page, () => link.click());
    check((await page.textContent('h1')).trim() === speakerName, 'the speaker page is ' + speakerName);
    check(await page.locator('svg.chart rect.bar').count() > 0, 'the timeline chart has bars');
    check(await page.locator('ul.roles li').count() > 0, 'roles over time are listed');
  });

  await run(page, 'document', async () => {
    const cardText = (await page.locator('.card blockquote').first().textContent()).trim();
    await after(page, () => page.locator('.card a.context').first().click());
    const current = page.locator('.article mark.current');
    check(await current.count() > 0, 'the statement is highlighted in the article');
    const marked = (await current.allTextContents()).join(' ');
    check(cardText.includes(marked.trim().slice(0, 40)), `the highlight is the statement: "${marked}"`);
    check(await page.locator('.article .who').count() > 0, 'speakers are named in the article');
    check(await current.first().evaluate(e => e === document.activeElement), 'the statement has the focus');
  });

  await run(page, 'echoes', async () => {
    await after(page, () => page.goto(url + '#/echoes'));
    check(await page.locator('.cluster').count() > 0, 'an echo cluster is shown');
  });

  await run(page, 'markup-as-text', async () => {
    await after(page, () => page.goto(url + '#/search?q=lighthouse OR keepers OR wren'));
    const cards = (await page.locator('.card blockquote').allTextContents()).join('\n');
    check(cards.includes('<script>') || cards.includes('<img'), 'quoted markup shows as text in results');
    await after(page, () => page.locator('.card a.context').first().click());
    const article = await page.textContent('.article');
    check(article.includes('<script>window.__pwned = 1</script>'), 'the article shows <script> as text');
    check(article.includes('<b>bold</b>') || (await page.textContent('h1')).includes('<b>'), 'tags stay text');
    check(await page.evaluate(() => window.__pwned === undefined), 'no script from an article ran');
    check(await page.locator('#view script, #view img, #view b').count() === 0, 'no element came from an article');
  });

  await run(page, 'typed-query', async () => {
    await after(page, () => page.goto(url + '#/search?q=' + encodeURIComponent('"unbalanced Kolar\'s U.S. NOT')));
    check(await page.locator('.problem').count() === 0, 'a query as typed is never an error');
    check(await page.locator('.card, .note').count() > 0, 'it answers with statements or says there are none');
  });

  await run(page, 'count-and-sort', async () => {
    const api = await (await page.request.get(url + 'api/search?q=ferry')).json();
    await after(page, () => page.goto(url + '#/search?q=ferry'));
    const heading = await page.textContent('h1');
    check(heading.includes(`${api.total} statement`), `the heading counts ${api.total}: "${heading}"`);
    await after(page, () => page.selectOption('select[name=sort]', 'newest'));
    check(page.url().includes('sort=newest'), 'the order is in the address');
    const dates = await page.locator('.card time').allTextContents();
    check(dates.length > 1 && dates.join() === [...dates].sort().reverse().join(), 'newest first: ' + dates);
  });

  await run(page, 'original-and-cite', async () => {
    await page.context().route('https://gazette.example/**', r => r.fulfill({contentType: 'text/html',
                                                                             body: '<title>the original</title>'}));
    await after(page, () => page.goto(url + '#/search?q=' + encodeURIComponent('dark pier')));
    const card = page.locator('.card', {has: page.locator('a.original')}).first();
    const href = await card.locator('a.original').getAttribute('href');
    check(href === 'https://gazette.example/2024/03/night-ferry-delayed', 'the card links the original: ' + href);
    const [popup] = await Promise.all([page.waitForEvent('popup'), card.locator('a.original').click()]);
    await popup.waitForLoadState();
    check(popup.url() === href, 'the original opens: ' + popup.url());
    await popup.close();
    await card.locator('button.cite').click();
    const cited = await card.locator('.citation').textContent();
    check(cited.includes('Ines Kolar') && cited.includes('The Vellby Gazette') && cited.includes('2024-03-14') &&
          cited.includes(href) && cited.includes('until the new lights'), 'the citation has it all: ' + cited);
  });

  await run(page, 'export-csv', async () => {
    await after(page, () => page.goto(url + '#/search?q=ferry'));
    const total = Number((await page.textContent('h1 .total')).match(/\d+/)[0]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a.export[href*="format=csv"]')]);
    const fs = await import('node:fs');
    const csv = fs.readFileSync(await download.path(), 'utf8');
    const lines = csv.trim().split('\n');
    check(lines[0].startsWith('id,source,url,date,outlet,title,speaker'), 'the CSV has its header: ' + lines[0]);
    check(lines.length === total + 1, `a row a statement: ${lines.length - 1} of ${total}`);
    check(lines.slice(1).every(l => /^"\d+",/.test(l)), 'every row starts with its id');
  });

  await run(page, 'person-filter', async () => {
    await after(page, () => page.goto(url + '#/search?q=border'));
    await page.click('details.filters summary').catch(() => {});
    await page.evaluate(() => { document.querySelector('details.filters').open = true; });
    await page.fill('input[name=speaker]', 'Imbe');
    await page.waitForFunction(() => document.querySelectorAll('#speaker-suggestions option').length >= 2);
    const offered = await page.$$eval('#speaker-suggestions option', os => os.map(o => o.value));
    check(offered.includes('Raphael Imbert') && offered.includes('Rafael Imbert'), 'persons are offered: ' + offered);
    await page.fill('input[name=speaker]', 'Raphael Imbert'); /* picked from the list */
    await after(page, () => page.press('input[name=speaker]', 'Enter'));
    check(page.url().includes('person=raphael-imbert'), 'the filter is the person: ' + page.url());
    const who = await page.locator('.card a.speaker').allTextContents();
    check(who.length > 0 && who.every(w => w === 'Raphael Imbert'), 'only that person, not a namesake: ' + who);
    check((await page.textContent('.active-filters')).includes('Speaker: Raphael Imbert'), 'the filter is shown');
  });

  await run(page, 'reload-keeps-filters', async () => {
    await after(page, () => page.reload());
    check((await page.textContent('.active-filters')).includes('Speaker: Raphael Imbert'), 'still shown');
    check(await page.inputValue('input[name=speaker]') === 'Raphael Imbert', 'and in the form');
    check(await page.evaluate(() => document.querySelector('details.filters').open), 'the filters are open');
  });

  await run(page, 'headline-in-context', async () => {
    const found = await (await page.request.get(url + 'api/search?q=' + encodeURIComponent('"lasting settlement"') +
                                               '&kind=headline')).json();
    const st = found.results[0];
    check(st && st.kind === 'headline', 'a headline statement exists');
    await after(page, () => page.goto(url + `#/document/${st.document}?s=${st.id}`));
    const marked = page.locator('h1 mark.current');
    check(await marked.count() === 1, 'the headline statement is marked in the headline');
    check((await marked.textContent()).includes('lasting settlement'), 'the mark is the statement');
    check(!(await page.textContent('h1')).includes('/'), 'no file path for a title');
  });

  await run(page, 'any-address', async () => {
    for (const bad of ['#/speaker/%E0%A4%A', '#/document/%', '#/search?q=%E0%A4%A', '#/nowhere/%%%']) {
      await after(page, () => page.goto(url + bad));
      check(!(await page.textContent('#view')).includes('Loading'), bad + ' is answered, not left loading');
    }
  });

  await run(page, 'undated-count', async () => {
    await after(page, () => page.goto(url + '#/speaker/raphael-imbert'));
    const said = await page.textContent('.undated-count');
    check(/\d+ statements? undated/.test(said), 'the chart says how many are undated: ' + said);
  });

  const phone = await browser.newPage({viewport: {width: 390, height: 844}, isMobile: true, hasTouch: true});
  watch(phone, errors);
  await run(phone, 'phone-search', async () => {
    await after(phone, () => phone.goto(url + '#/search?q=harbour'));
    check(await phone.locator('.card').count() > 0, 'results on a phone');
    const wide = await phone.evaluate(() => document.documentElement.scrollWidth);
    check(wide <= 390, `no sideways scrolling on a phone (page is ${wide}px wide)`);
  });
  await run(phone, 'phone-speaker', async () => {
    await after(phone, () => phone.locator('.card a.speaker').first().click());
    check(await phone.locator('svg.chart').count() > 0, 'the chart on a phone');
    const wide = await phone.evaluate(() => document.documentElement.scrollWidth);
    check(wide <= 390, `no sideways scrolling on a phone (page is ${wide}px wide)`);
  });

  await run(page, 'empty-archive', async () => {
    await after(page, () => page.goto(emptyUrl));
    check(/archive is empty/i.test(await page.textContent('h1')), 'an empty archive says so');
    check(/dictum ingest/.test(await page.textContent('.empty pre')), 'and how to fill it');
  });

  await run(page, 'no-errors', async () => {
    check(errors.length === 0, errors.join('; '));
  });
}

main()
  .catch(err => {
    failures++;
    console.log('not ok: ' + err.message);
  })
  .finally(async () => {
    if (browser) await browser.close();
    // a server stops cleanly on SIGTERM: status 0, and in the sanitizer
    // build no leak or error report
    for (const p of servers) {
      p.kill('SIGTERM');
      const status = await p.exited;
      if (status !== 0) {
        failures++;
        console.log(`not ok: dictum serve ended with ${status}`);
      }
    }
    console.log(`${step} steps, ${failures} failed; screenshots in ${out}`);
    process.exit(failures ? 1 : 0);
  });
