// The `html` export in a real browser: Debian's Chromium, driven by playwright-core.
//
//   EVENTGRAPH=build/dev/eventgraph node --test tests/js/html_page.test.mjs
//
// The page is exported by `eventgraph export`, served from 127.0.0.1 by this test, and loaded
// with every other request refused and recorded. Set EVENTGRAPH_SCREENSHOT=file.png to save a
// screenshot of the seed page (docs/images/seed-html.png is made that way).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const sourceDir = process.env.EVENTGRAPH_SOURCE_DIR ||
  resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const eventgraph = process.env.EVENTGRAPH;
assert.ok(eventgraph, 'set EVENTGRAPH to the eventgraph binary');
const seedStory = join(sourceDir, 'samples', 'dhs-california-detainers-2026.yaml');
const hostileStory = join(sourceDir, 'tests', 'data', 'hostile.yaml');

const work = mkdtempSync(join(tmpdir(), 'eventgraph-html-'));
function exportPage(story, name) {
  const out = join(work, name);
  execFileSync(eventgraph, ['export', story, '--format', 'html', '-o', out], { stdio: 'pipe' });
  return readFileSync(out);
}
const pages = new Map([
  ['/seed.html', exportPage(seedStory, 'seed.html')],
  ['/hostile.html', exportPage(hostileStory, 'hostile.html')],
]);

/// The text of one of the page's JSON blocks.
function block(text, id) {
  const open = `<script type="application/json" id="${id}">`;
  const start = text.indexOf(open) + open.length;
  return JSON.parse(text.slice(start, text.indexOf('</script>', start)));
}

/// A front-coded column: each text is the first n units of the one before, then `rest`; n is
/// the place of the text's character of `shared` in this list.
const sharedDigits = " !#$%'()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";
function frontDecoded(column) {
  let previous = '';
  return column.rest.map((rest, i) =>
    (previous = previous.slice(0, sharedDigits.indexOf(column.shared[i])) + rest));
}

/// The story as the page has it: the embedded columns and details, decoded here without the
/// page's code into one object per event (instants as seconds since 1970, null when open).
function embeddedData(html) {
  const text = html.toString('utf8');
  const data = block(text, 'eventgraph-data');
  const details = block(text, 'eventgraph-details');
  const c = data.events;
  const [ids, titles, dates] = [c.id, c.title, c.date].map(frontDecoded);
  const sums = { earliest: 0, length: 0 };
  const at = { actors: 0, relations: 0, tags: 0, details: 0 };
  const events = [];
  for (let i = 0; i < c.count; ++i) {
    // [precision, shape, flags, kind, actors, relations, tags, details]
    const f = c.forms[c.form[i]];
    const d = f[7] ? details[at.details++] : {};
    const e = {
      id: ids[i], title: titles[i], kind: c.kinds[f[3]], date: dates[i],
      summary: d.summary || '', notes: d.notes || '', place: d.place || '',
      channel: d.channel || '', quotes: d.quotes || [], sources: d.sources || [],
      to: d.to || [], actors: [], relations: [], tags: [],
    };
    // earliest: the difference from the previous known one; latest: the length's difference
    // from the previous event with both ends, or itself after an open start.
    e.earliest = c.earliest[i] === null ? null : (sums.earliest += c.earliest[i]);
    if (c.latest[i] === null) e.latest = null;
    else if (e.earliest === null) e.latest = c.latest[i];
    else e.latest = e.earliest + (sums.length += c.latest[i]);
    for (let k = 0; k < f[4]; ++k) e.actors.push(c.actors[at.actors++]);
    for (let k = 0; k < f[5]; ++k) {
      const code = c.relations[at.relations++];
      const type = code % data.relation_types.length;
      e.relations.push({ type: data.relation_types[type],
        to: i - (code - type) / data.relation_types.length });
    }
    for (let k = 0; k < f[6]; ++k) e.tags.push(c.tag_names[c.tags[at.tags++]]);
    events.push(e);
  }
  assert.equal(at.details, details.length);
  return { ...data, events };
}

/// What `chain --direction both` means, computed independently of page.js: the root, all it
/// answers transitively (following relations), and all that answered it transitively.
function expectedChain(data, rootId) {
  const index = new Map(data.events.map((e, i) => [e.id, i]));
  const answers = data.events.map((e) => e.relations.map((r) => r.to));
  const answeredBy = data.events.map(() => []);
  data.events.forEach((e, i) => e.relations.forEach((r) => answeredBy[r.to].push(i)));
  const out = new Set([rootId]);
  for (const edges of [answers, answeredBy]) {
    const stack = [index.get(rootId)];
    const seen = new Set(stack);
    while (stack.length) {
      for (const next of edges[stack.pop()]) {
        if (!seen.has(next)) {
          seen.add(next);
          out.add(data.events[next].id);
          stack.push(next);
        }
      }
    }
  }
  return [...out].sort();
}

/// The same, from the eventgraph CLI.
function cliChain(story, rootId) {
  const out = execFileSync(eventgraph,
    ['chain', rootId, story, '--direction', 'both', '--json'], { encoding: 'utf8' });
  const chain = JSON.parse(out);
  return [...new Set([chain.root.id, ...chain.down.map((x) => x.event.id),
    ...chain.up.map((x) => x.event.id)])].sort();
}

let server;
let origin;
let browser;
let userDataDir;

before(async () => {
  server = http.createServer((request, response) => {
    const body = pages.get(request.url);
    if (!body) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  });
  await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
  origin = `http://127.0.0.1:${server.address().port}`;
  userDataDir = mkdtempSync(join(tmpdir(), 'eventgraph-chromium-'));
  browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1600, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  await new Promise((done) => server.close(done));
  rmSync(work, { recursive: true, force: true });
  rmSync(userDataDir, { recursive: true, force: true });
});

/// Opens one of our pages. Records console errors, uncaught exceptions, dialogs and every
/// request other than the page itself (each such request is also aborted).
async function open(path) {
  const page = await browser.newPage();
  const url = origin + path;
  const problems = { console: [], errors: [], dialogs: [], requests: [] };
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.console.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.errors.push(e.message));
  page.on('dialog', (d) => {
    problems.dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  page.on('request', (r) => {
    if (r.url() !== url) problems.requests.push(r.url());
  });
  await page.route('**/*', (route) =>
    route.request().url() === url ? route.continue() : route.abort());
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  return { page, problems };
}

function assertClean(problems) {
  assert.deepEqual(problems.errors, [], 'uncaught exceptions');
  assert.deepEqual(problems.console, [], 'console errors and warnings');
  assert.deepEqual(problems.dialogs, [], 'dialogs');
  assert.deepEqual(problems.requests, [], 'requests other than the page');
}

const renderedIds = (page, selector) => page.$$eval(selector,
  (nodes) => [...new Set(nodes.map((n) => n.getAttribute('data-id')))].sort());
const viewOf = (page) => page.$eval('#chart', (c) => ({
  start: Date.parse(c.getAttribute('data-view-start')),
  end: Date.parse(c.getAttribute('data-view-end')),
}));
const markerX = (page, id) => page.$eval(`g.event.primary[data-id="${id}"]`,
  (g) => g.getBoundingClientRect().x);

/// Back to the page as it opened: no selection, search or filter, the first view.
async function reset(page) {
  await page.fill('#search', '');
  await page.press('#search', 'Escape'); // in an empty search box: clears the selection
  await page.click('#actors-all');
  for (const box of await page.$$('#relation-filter input')) await box.check();
  await page.click('#view-focus');
  await page.mouse.move(1, 1);
}

describe('html page: seed story', () => {
  const data = embeddedData(pages.get('/seed.html'));
  const allIds = data.events.map((e) => e.id).sort();
  let page;
  let problems;
  before(async () => ({ page, problems } = await open('/seed.html')));
  after(async () => {
    assertClean(problems);
    await page.close();
  });

  test('a strict Content-Security-Policy, and every event drawn', async () => {
    const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]',
      (m) => m.getAttribute('content'));
    assert.match(csp, /^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/]{43}='; style-src 'sha256-[A-Za-z0-9+/]{43}=';/);
    assert.doesNotMatch(csp, /unsafe/);
    assert.equal(data.events.length, 14);
    assert.deepEqual(await renderedIds(page, 'g.event'), allIds);
    assert.equal(await page.textContent('#story-title'), data.title);
    assertClean(problems);
  });

  test('clicking an event highlights exactly `chain --direction both`', async () => {
    await reset(page);
    for (const id of ['noem-x-post', ...allIds]) {
      await page.click(`g.event.primary[data-id="${id}"]`);
      const expected = expectedChain(data, id);
      assert.deepEqual(cliChain(seedStory, id), expected, `CLI chain of ${id}`);
      assert.deepEqual(await renderedIds(page, 'g.event.selected'), [id]);
      assert.deepEqual(await renderedIds(page, 'g.event.selected, g.event.lit'), expected, id);
      const dimmed = await renderedIds(page, 'g.event.dim');
      assert.deepEqual(dimmed, allIds.filter((x) => !expected.includes(x)), id);
      assert.deepEqual(await renderedIds(page, '#chain-list button'), expected, `panel of ${id}`);
    }
    assert.deepEqual(expectedChain(data, 'noem-x-post'),
      ['governors-office-response', 'noem-otay-mesa-remarks', 'noem-x-post']);
    await page.keyboard.press('Escape');
    assert.deepEqual(await renderedIds(page, 'g.event.dim, g.event.lit, g.event.selected'), []);
  });

  test('the tooltip gives the date at its precision, actors, title and summary', async () => {
    await reset(page);
    await page.hover('g.event.primary[data-id="governors-office-response"]');
    const tip = await page.$eval('#tooltip', (t) => ({ hidden: t.hidden, text: t.innerText }));
    assert.equal(tip.hidden, false);
    const e = data.events.find((x) => x.id === 'governors-office-response');
    assert.equal(e.date, 'between Feb 6 and Feb 12, 2026');
    for (const part of [e.date, 'day precision', "Governor's office", e.title]) {
      assert.ok(tip.text.includes(part), `tooltip has ${part}: ${tip.text}`);
    }
    await page.mouse.move(5, 5);
    assert.equal(await page.$eval('#tooltip', (t) => t.hidden), true);
  });

  test('wheel, drag and the buttons pan and zoom', async () => {
    await reset(page);
    const first = await viewOf(page);
    const box = await page.$eval('#chart', (c) => c.getBoundingClientRect().toJSON());
    const y = box.y + 30; // over the axis, not an event
    await page.mouse.move(await markerX(page, 'noem-x-post'), y);
    await page.mouse.wheel(0, -400);
    await page.waitForFunction((s) => Date.parse(document.querySelector('#chart')
      .getAttribute('data-view-start')) !== s, first.start);
    const zoomed = await viewOf(page);
    assert.ok(zoomed.end - zoomed.start < (first.end - first.start) * 0.7, 'wheel zooms in');

    const before = await markerX(page, 'noem-x-post');
    await page.mouse.move(box.x + 500, y);
    await page.mouse.down();
    await page.mouse.move(box.x + 600, y, { steps: 5 });
    await page.mouse.up();
    await page.waitForFunction((x) => document.querySelector(
      'g.event.primary[data-id="noem-x-post"]').getBoundingClientRect().x !== x, before);
    const dragged = await viewOf(page);
    assert.ok(Math.abs((dragged.end - dragged.start) - (zoomed.end - zoomed.start)) < 1000,
      'dragging keeps the zoom');
    assert.ok(dragged.start < zoomed.start, 'dragging right shows earlier dates');
    assert.ok(Math.abs(await markerX(page, 'noem-x-post') - before - 100) < 2,
      'the marker follows the pointer');
    assert.deepEqual(await renderedIds(page, 'g.event.selected'), [], 'a drag is not a click');

    for (const [button, check] of [
      ['#zoom-out', (a, b) => b.end - b.start > (a.end - a.start) * 1.5],
      ['#zoom-in', (a, b) => b.end - b.start < (a.end - a.start) * 0.7],
      ['#pan-right', (a, b) => b.start > a.start],
      ['#pan-left', (a, b) => b.start < a.start],
      ['#view-all', (a, b) => b.start < Date.UTC(2019, 0, 1)],
    ]) {
      const a = await viewOf(page);
      await page.click(button);
      await page.waitForFunction((s) => Date.parse(document.querySelector('#chart')
        .getAttribute('data-view-start')) !== s, a.start);
      assert.ok(check(a, await viewOf(page)), button);
    }
    await page.click('#view-focus');
    await page.waitForFunction((s) => Date.parse(document.querySelector('#chart')
      .getAttribute('data-view-start')) === s, first.start);
    assert.deepEqual(await viewOf(page), first);
  });

  test('the axis is laid out in the story zone, days at local midnight', async () => {
    await reset(page);
    // Feb 9, 2026 00:00 in Los Angeles is 08:00Z: the grid line of "Feb 9" must be there.
    const { start, end } = await viewOf(page);
    const tick = await page.$$eval('.grid text.tick', (ts) => ts.map((t) => ({
      text: t.textContent, x: Number(t.getAttribute('x')) - 4,
    })).find((t) => t.text === 'Feb 9'));
    assert.ok(tick, 'a Feb 9 tick');
    const plot = await page.$eval('#chart', (c) => Number(c.getAttribute('width')));
    const t = start + (tick.x - 200) / (plot - 16 - 200) * (end - start);
    assert.ok(Math.abs(t - Date.parse('2026-02-09T08:00:00Z')) < 60000,
      `Feb 9 tick at ${new Date(t).toISOString()}`);
  });

  test('the actor filter hides the other actors\' lanes and events', async () => {
    await reset(page);
    await page.click('#actors-none');
    assert.deepEqual(await renderedIds(page, 'g.event'), []);
    await page.check('input[data-lane="noem"]');
    const noem = data.actors.findIndex((a) => a.id === 'noem');
    const expected = data.events.filter((e) => e.actors.includes(noem)).map((e) => e.id).sort();
    assert.equal(expected.length, 4);
    assert.deepEqual(await renderedIds(page, 'g.event'), expected);
    assert.deepEqual(await page.$$eval('.lane-name', (ns) => ns.map((n) => n.firstChild.nodeValue)),
      ['Kristi Noem']);
    await page.click('#actors-all');
    assert.deepEqual(await renderedIds(page, 'g.event'), allIds);
  });

  test('the relation filter hides arrows of one type', async () => {
    await reset(page);
    const countOf = (type) => data.events.reduce(
      (n, e) => n + e.relations.filter((r) => type === undefined || r.type === type).length, 0);
    assert.equal(await page.locator('path.relation').count(), countOf());
    assert.equal(await page.locator('path.relation[data-type="cites"]').count(), countOf('cites'));
    await page.uncheck('input[data-type="cites"]');
    assert.equal(await page.locator('path.relation[data-type="cites"]').count(), 0);
    assert.equal(await page.locator('path.relation').count(), countOf() - countOf('cites'));
    await page.check('input[data-type="cites"]');
    assert.equal(await page.locator('path.relation').count(), countOf());
  });

  test('search marks the events that contain the words', async () => {
    await reset(page);
    await page.fill('#search', 'vault');
    const name = (i) => data.actors[i].name;
    const expected = data.events.filter((e) => [e.id, e.title, e.summary, e.notes, e.place,
      e.channel, e.kind, e.date, ...e.tags, ...e.quotes.map((q) => q.text),
      ...e.actors.map(name), ...e.to.map(name)].join('\n').toLowerCase().includes('vault'))
      .map((e) => e.id).sort();
    assert.ok(expected.includes('noem-vault-visit'));
    assert.deepEqual(await renderedIds(page, 'g.event.match'), expected);
    assert.deepEqual(await renderedIds(page, 'g.event.dim'),
      allIds.filter((x) => !expected.includes(x)));
    assert.equal(await page.textContent('#search-count'), `${expected.length} events match`);
    await page.press('#search', 'Enter');
    assert.deepEqual(await renderedIds(page, 'g.event.selected'), [
      data.events.filter((e) => expected.includes(e.id))
        .sort((a, b) => a.earliest - b.earliest)[0].id]);
    await page.press('#search', 'Escape');
    assert.equal(await page.inputValue('#search'), '');
    assert.deepEqual(await renderedIds(page, 'g.event.match'), []);
    assert.equal(await page.locator('g.event.selected').count(), 1, 'first Escape: the search');
    await page.press('#search', 'Escape');
    assert.deepEqual(await renderedIds(page, 'g.event.selected, g.event.dim'), []);
  });

  test('a source without a URL is text, not a link', async () => {
    await reset(page);
    await page.click('g.event.primary[data-id="noem-x-post"]');
    assert.equal(await page.locator('#details .sources a').count(), 0);
    const post = data.events.find((e) => e.id === 'noem-x-post');
    assert.ok((await page.textContent('#details .sources')).includes(post.sources[0].title));
    await page.keyboard.press('Escape');
  });

  test('screenshot', { skip: !process.env.EVENTGRAPH_SCREENSHOT }, async () => {
    await reset(page);
    await page.click('g.event.primary[data-id="noem-x-post"]');
    await page.mouse.move(5, 5);
    await page.screenshot({ path: process.env.EVENTGRAPH_SCREENSHOT });
  });
});

describe('html page: hostile text', () => {
  const html = pages.get('/hostile.html').toString('utf8');
  const data = embeddedData(pages.get('/hostile.html'));
  let page;
  let problems;
  before(async () => ({ page, problems } = await open('/hostile.html')));
  after(async () => {
    assertClean(problems);
    await page.close();
  });

  test('the file: one data block, `<` escaped, no raw markup from the story', () => {
    assert.equal(html.split('</script').length - 1, 3, 'only our three blocks close');
    assert.equal(html.split('<script').length - 1, 3, 'only our three blocks open');
    assert.ok(!html.includes('<img') && !html.includes('<svg onload'));
    assert.ok(!html.includes('\u2028') && !html.includes('\u2029'));
    assert.ok(html.includes('\\u003c/script\\u003e'));
    assert.ok(html.includes('<title>&lt;/title&gt;&lt;script&gt;'));
    assert.equal(data.events[0].title, "</script><script>window.__pwned='script';alert(1)</script>");
    assert.ok(data.events[0].notes.includes('line\u2028separator'));
  });

  test('nothing runs when hovering and clicking every event', async () => {
    for (const e of data.events) {
      await page.hover(`g.event.primary[data-id="${e.id}"]`);
      await page.click(`g.event.primary[data-id="${e.id}"]`);
      if (e.notes) await page.click('#details .notes summary');
    }
    await page.fill('#search', '<script>');
    await page.press('#search', 'Enter');
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.deepEqual(problems.dialogs, []);
    assert.equal(await page.locator('img').count(), 0);
    assert.equal(await page.locator('#details svg, #tooltip svg, .filters svg:not(.swatch)').count(), 0);
  });

  test('the texts appear literally', async () => {
    assert.equal(await page.textContent('#story-title'), data.title);
    assert.equal(await page.title(), data.title);
    assert.equal(data.title, "</title><script>window.__pwned='title';alert(1)</script> & friends");
    assert.equal(await page.textContent('#story-description'), data.description);
    const names = await page.$$eval('.filter-name', (ns) => ns.map((n) => n.textContent));
    assert.ok(names.includes(data.actors[0].name) && names.includes('Trudy &amp; Co </script>'));
    for (const e of data.events) {
      await page.click(`g.event.primary[data-id="${e.id}"]`);
      assert.equal(await page.textContent('#details .event-heading'), e.title);
      if (e.summary) assert.equal(await page.textContent('#details .summary'), e.summary);
      await page.hover(`g.event.primary[data-id="${e.id}"]`);
      assert.equal(await page.textContent('#tooltip .tip-title'), e.title);
    }
    await page.click('g.event.primary[data-id="script-close"]');
    assert.equal(await page.textContent('#details .notes p'), data.events[0].notes);
    await page.click('g.event.primary[data-id="entity"]');
    assert.equal(await page.textContent('#details blockquote'),
      "<script>window.__pwned='quote'</script>— <img src=x onerror=\"window.__pwned='actor';alert(1)\">");
  });

  test('only http(s) sources are links', async () => {
    await page.click('g.event.primary[data-id="script-close"]');
    const links = await page.$$eval('#details a', (as) => as.map((a) => a.getAttribute('href')));
    assert.deepEqual(links, ['https://example.org/a?b=1&c=<2>']);
    assert.ok((await page.textContent('#details .sources')).includes("javascript:window.__pwned='link';alert(1)"));
    await page.click('g.event.primary[data-id="data-url"]');
    assert.equal(await page.locator('#details a').count(), 0);
    assert.equal(await page.locator('#details .sources li').count(), 2);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
  });
});
