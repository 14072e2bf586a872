// How the html page copes with size, in headless Chromium (software rendering, no GPU):
// time to first draw, one redraw after a zoom, and a click (highlight of the chain).
//
//   node tests/js/html_page_bench.mjs build/release/eventgraph [1000 10000 ...]
//
// Not a test: docs/exports.md quotes its output. Stories come from `eventgraph generate`
// (20 actors), plus a deep thread (one reply chain as long as the story) at the largest size.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [eventgraph, ...sizeArgs] = process.argv.slice(2);
if (!eventgraph) {
  console.error('usage: node tests/js/html_page_bench.mjs EVENTGRAPH [EVENTS...]');
  process.exit(2);
}
const sizes = sizeArgs.length ? sizeArgs.map(Number) : [1000, 10000];
const work = mkdtempSync(join(tmpdir(), 'eventgraph-html-bench-'));
const stories = sizes.map((n) => ({ name: `${n} events`, n, args: ['--actors', '20'] }));
const largest = Math.max(...sizes);
stories.push({ name: `${largest}-event thread`, n: largest, args: ['--actors', '1', '--deep-thread'] });

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const frames = (page) => page.evaluate(() => new Promise((done) =>
  requestAnimationFrame(() => requestAnimationFrame(done))));
console.log('| story | page size | first draw | redraw after zoom | click (chain) |');
console.log('|---|---|---|---|---|');
try {
  for (const story of stories) {
    const input = join(work, 'story.ndjson');
    const page = join(work, 'story.html');
    execFileSync(eventgraph, ['generate', '--events', String(story.n), ...story.args, '-o', input]);
    execFileSync(eventgraph, ['export', input, '--format', 'html', '-o', page]);
    const tab = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    let t = performance.now();
    await tab.goto(`file://${page}`);
    await tab.waitForSelector('body[data-ready="true"]', { timeout: 300000 });
    await frames(tab);
    const load = performance.now() - t;
    t = performance.now();
    await tab.click('#zoom-in');
    await frames(tab);
    const zoom = performance.now() - t;
    const id = await tab.$eval('#chart g.event.primary', (g) => g.getAttribute('data-id'));
    t = performance.now();
    await tab.click(`#chart g.event.primary[data-id="${id}"]`, { force: true });
    await frames(tab);
    const click = performance.now() - t;
    const chain = await tab.textContent('#details h3:last-of-type');
    const mb = (statSync(page).size / 1e6).toFixed(1);
    console.log(`| ${story.name} | ${mb} MB | ${load.toFixed(0)} ms | ${zoom.toFixed(0)} ms | ` +
      `${click.toFixed(0)} ms (${chain.replace('Chain, up and down: ', '')}) |`);
    await tab.close();
  }
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
