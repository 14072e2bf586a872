// How the html page copes with size, in headless Chromium (software rendering, no GPU), beside
// vis-timeline reading our `export --format vis` of the same events:
//
//   node tests/js/html_page_bench.mjs build/bench/eventgraph [10000 200000 1000000 ...]
//
// For each size, a story from `eventgraph generate --events N --actors 20`, and:
// - page size, and export time against validate (load) time of the same file, each the best
//   of three runs in this run;
// - first draw: from opening the page to the frame after it is drawn (served from 127.0.0.1);
// - pan and zoom frame: from a click on ◀/▶ or −/+ to the frame after the redraw, the median
//   of several;
// - chain click: a click on the first event drawn until the frame after (its chain's size);
// - vis-timeline: the same events from `export --format vis` in a vis.Timeline (a DataSet of
//   items and groups, fit, two frames), from opening its page, capped at VIS_TIMEOUT seconds
//   (default 120): "did not finish in 120 s" then.
// Not a test: docs/benchmarks.md and docs/exports.md quote its output.
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const [eventgraph, ...sizeArgs] = process.argv.slice(2);
if (!eventgraph) {
  console.error('usage: node tests/js/html_page_bench.mjs EVENTGRAPH [EVENTS...]');
  process.exit(2);
}
const sizes = sizeArgs.length ? sizeArgs.map(Number) : [10000, 200000, 1000000];
const visTimeout = Number(process.env.VIS_TIMEOUT || 120);
const work = mkdtempSync(join(tmpdir(), 'eventgraph-html-bench-'));
const visDir = join(dirname(fileURLToPath(import.meta.url)), 'node_modules', 'vis-timeline');

// Files this run serves, by path: our page, vis-timeline's page, its library and the data.
const files = {
  '/page.html': [join(work, 'story.html'), 'text/html; charset=utf-8'],
  '/vis.json': [join(work, 'story.vis.json'), 'application/json'],
  '/vis.js': [join(visDir, 'standalone', 'umd', 'vis-timeline-graph2d.min.js'), 'text/javascript'],
  '/vis.css': [join(visDir, 'styles', 'vis-timeline-graph2d.min.css'), 'text/css'],
  '/vis.html': [join(work, 'vis.html'), 'text/html; charset=utf-8'],
};
writeFileSync(files['/vis.html'][0], `<!doctype html><meta charset="utf-8"><title>vis</title>
<link rel="stylesheet" href="/vis.css"><script src="/vis.js"></script>
<body style="margin:0"><div id="timeline" style="width:1400px"></div>
<script>
fetch('/vis.json').then((r) => r.json()).then((d) => {
  const timeline = new vis.Timeline(document.getElementById('timeline'),
    new vis.DataSet(d.items), new vis.DataSet(d.groups), { stack: true });
  timeline.fit({ animation: false });
  requestAnimationFrame(() => requestAnimationFrame(() => { window.visDrawn = true; }));
});
</script>`);
const server = http.createServer((request, response) => {
  const file = files[request.url];
  if (!file) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'content-type': file[1] });
  createReadStream(file[0]).pipe(response);
});
await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
const origin = `http://127.0.0.1:${server.address().port}`;

const launch = () => chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(0)} ms`;
const seconds = (x) => `${(x / 1000).toFixed(2)} s`;
/// The best wall time of three runs of eventgraph with these arguments.
function bestOf3(args) {
  let best = Infinity;
  for (let k = 0; k < 3; ++k) {
    const t = performance.now();
    execFileSync(eventgraph, args, { stdio: 'pipe' });
    best = Math.min(best, performance.now() - t);
  }
  return best;
}
/// From a click on `selector` to the frame after the page's redraw, measured in the page.
const clickFrame = (tab, selector) => tab.evaluate((s) => new Promise((done) => {
  const t = performance.now();
  document.querySelector(s).click();
  // The page redraws in the animation frame its click asked for, before this one.
  requestAnimationFrame(() => done(performance.now() - t));
}), selector);

async function ours(browser) {
  const tab = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  const t = performance.now();
  await tab.goto(`${origin}/page.html`, { timeout: 600000 });
  await tab.waitForSelector('body[data-ready="true"]', { timeout: 600000 });
  await tab.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const firstDraw = performance.now() - t;
  const pans = [];
  const zooms = [];
  for (let k = 0; k < 8; ++k) pans.push(await clickFrame(tab, k % 2 ? '#pan-left' : '#pan-right'));
  for (let k = 0; k < 8; ++k) zooms.push(await clickFrame(tab, k % 2 ? '#zoom-out' : '#zoom-in'));
  await tab.click('#view-focus');
  const layout = await tab.evaluate(() => window.eventgraphLayout());
  const first = layout.markers.find((m) => m.primary);
  const box = await tab.$eval('#chart', (c) => c.getBoundingClientRect().toJSON());
  const c = performance.now();
  await tab.mouse.click(box.x + first.x + first.width / 2, box.y + first.y + first.height / 2);
  await tab.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const click = performance.now() - c;
  const chain = (await tab.textContent('#details h3:last-of-type')).replace('Chain, up and down: ', '');
  await tab.close();
  return { firstDraw, pan: median(pans), zoom: median(zooms), click, chain };
}

/// vis-timeline's first draw, or null when it did not finish within visTimeout seconds.
async function vis() {
  const browser = await launch();
  try {
    const tab = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    const t = performance.now();
    await tab.goto(`${origin}/vis.html`);
    await tab.waitForFunction(() => window.visDrawn === true, null,
      { timeout: visTimeout * 1000, polling: 200 });
    return performance.now() - t;
  } catch (error) {
    if (error.name === 'TimeoutError') return null;
    throw error;
  } finally {
    await browser.close().catch(() => {});
  }
}

console.log('| events | page size | export / validate | first draw | pan frame | zoom frame | ' +
  'chain click | vis-timeline first draw | ours / vis |');
console.log('|---|---|---|---|---|---|---|---|---|');
const browser = await launch();
try {
  for (const n of sizes) {
    const story = join(work, 'story.ndjson');
    execFileSync(eventgraph, ['generate', '--events', String(n), '--actors', '20', '-o', story],
      { stdio: 'pipe' });
    const validate = bestOf3(['validate', story]);
    const exported = bestOf3(['export', story, '--format', 'html', '-o', files['/page.html'][0]]);
    execFileSync(eventgraph, ['export', story, '--format', 'vis', '-o', files['/vis.json'][0]],
      { stdio: 'pipe' });
    const mb = (statSync(files['/page.html'][0]).size / 1e6).toFixed(1);
    const r = await ours(browser);
    const v = await vis();
    const visText = v === null ? `did not finish in ${visTimeout} s` : seconds(v);
    const ratio = v === null ? `< ${(r.firstDraw / (visTimeout * 1000)).toFixed(3)}` :
      (r.firstDraw / v).toFixed(2);
    console.log(`| ${n} | ${mb} MB | ${seconds(exported)} / ${seconds(validate)} ` +
      `(${(exported / validate).toFixed(1)}×) | ${seconds(r.firstDraw)} | ${ms(r.pan)} | ` +
      `${ms(r.zoom)} | ${ms(r.click)} (${r.chain}) | ${visText} | ${ratio} |`);
  }
} finally {
  await browser.close();
  await new Promise((done) => server.close(done));
  rmSync(work, { recursive: true, force: true });
}
