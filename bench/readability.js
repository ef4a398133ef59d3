// Mozilla Readability.js on jsdom over every .html file of a directory,
// the way a Node.js extractor runs it: parse the page into a DOM, then
// find the article.  Prints pages, seconds and pages per second.
// usage: node readability.js DIR [PASSES]
const fs = require('fs');
const path = require('path');
const { JSDOM, VirtualConsole } = require('jsdom');
const { Readability } = require('@mozilla/readability');

const dir = process.argv[2];
const passes = Number(process.argv[3] || 1);
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.html')).sort();
const pages = files.map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
let chars = 0;
const t0 = process.hrtime.bigint();
for (let p = 0; p < passes; p++) {
  for (const html of pages) {
    // a console of its own: the pages' CSS and script errors are not ours to print
    const dom = new JSDOM(html, { url: 'https://example.org/', virtualConsole: new VirtualConsole() });
    const article = new Readability(dom.window.document).parse();
    chars += article && article.textContent ? article.textContent.length : 0;
    dom.window.close();
  }
}
const s = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(`${files.length * passes} pages ${s.toFixed(2)} s ${(files.length * passes / s).toFixed(1)} pages/s (${chars} chars)`);
