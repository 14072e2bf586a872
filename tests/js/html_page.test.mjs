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
const generatedStory = join(work, 'generated.ndjson');
execFileSync(eventgraph, ['generate', '--events', '3000', '--actors', '4', '-o', generatedStory],
  { stdio: 'pipe' });
const pages = new Map([
  ['/seed.html', exportPage(seedStory, 'seed.html')],
  ['/hostile.html', exportPage(hostileStory, 'hostile.html')],
  ['/generated.html', exportPage(generatedStory, 'generated.html')],
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
      const types = data.relation_types.length;
      const type = ((code % types) + types) % types;
      e.relations.push({ type: data.relation_types[type],
        to: i - (code - type) / types });
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
    ['chain', rootId, story, '--direction', 'both', '--json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
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

/// What the canvas shows: page.js's read-only layout hook (boxes in the canvas's CSS pixels).
const layoutOf = (page) => page.evaluate(() => window.eventgraphLayout());
const viewOf = (page) => page.$eval('#chart', (c) => ({
  start: Date.parse(c.getAttribute('data-view-start')),
  end: Date.parse(c.getAttribute('data-view-end')),
}));
const drawnIds = (layout, flag) => [...new Set(layout.markers
  .filter((m) => !flag || m[flag]).map((m) => m.id))].sort();
/// The viewport point at the middle of an event's first marker.
async function markerPoint(page, id) {
  const layout = await layoutOf(page);
  const m = layout.markers.find((x) => x.id === id && x.primary);
  assert.ok(m, `${id} is drawn`);
  const box = await page.$eval('#chart', (c) => c.getBoundingClientRect().toJSON());
  return { x: box.x + m.x + m.width / 2, y: box.y + m.y + m.height / 2 };
}
async function clickEvent(page, id) {
  const { x, y } = await markerPoint(page, id);
  await page.mouse.click(x, y);
}
async function hoverEvent(page, id) {
  const { x, y } = await markerPoint(page, id);
  await page.mouse.move(x, y);
}
/// After an action that redraws, the next frame.
const frame = (page) => page.evaluate(() => new Promise((done) =>
  requestAnimationFrame(() => requestAnimationFrame(done))));

const overlap = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width &&
  a.y < b.y + b.height && b.y < a.y + a.height;
/// The layout's rules: no label over another label, a marker (but its own bar, when it is
/// written inside it) or a cluster; labels inside the plot; clusters apart; the canvas at the
/// screen's pixel ratio.
function assertLayoutRules(layout, where) {
  const { labels, markers, clusters, plot } = layout;
  labels.forEach((label, k) => {
    assert.ok(label.x >= plot.left - 0.5 && label.x + label.width <= plot.right + 0.5,
      `${where}: label of ${label.id} inside the plot (${label.x}..${label.x + label.width})`);
    labels.forEach((other, j) => {
      if (j !== k) assert.ok(!overlap(label, other), `${where}: labels of ${label.id} and ${other.id} overlap`);
    });
    for (const m of markers) {
      if (label.inside && m.id === label.id && Math.abs(m.y + m.height / 2 - (label.y + label.height / 2)) < 1) continue;
      assert.ok(!overlap(label, m), `${where}: label of ${label.id} over the marker of ${m.id}`);
    }
    for (const c of clusters) assert.ok(!overlap(label, c), `${where}: label of ${label.id} over a cluster`);
  });
  clusters.forEach((c, k) => clusters.forEach((d, j) => {
    if (j !== k) assert.ok(!overlap(c, d), `${where}: clusters overlap`);
  }));
  for (const c of clusters) {
    assert.ok(c.x >= plot.left && c.x + c.width <= plot.right, `${where}: cluster inside the plot`);
    assert.match(c.text, /^\+\d/);
  }
}

/// Opens `path` for a suite (handing it to `set`), and checks and closes it after the suite.
function usePage(path, set) {
  let opened;
  before(async () => set(opened = await open(path)));
  after(async () => {
    assertClean(opened.problems);
    await opened.page.close();
  });
}

/// Back to the page as it opened: no selection, search or filter, the first view.
async function reset(page) {
  await page.fill('#search', '');
  await page.press('#search', 'Escape'); // in an empty search box: clears the selection
  await page.click('#actors-all');
  for (const box of await page.$$('#relation-filter input')) await box.check();
  await page.click('#view-focus');
  await page.mouse.move(1, 1);
  await frame(page);
}

describe('html page: seed story', () => {
  const data = embeddedData(pages.get('/seed.html'));
  const allIds = data.events.map((e) => e.id).sort();
  let page;
  let problems;
  usePage('/seed.html', (opened) => ({ page, problems } = opened));

  test('a strict Content-Security-Policy, and every event drawn on one canvas', async () => {
    const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]',
      (m) => m.getAttribute('content'));
    assert.match(csp, /^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/]{43}='; style-src 'sha256-[A-Za-z0-9+/]{43}=';/);
    assert.doesNotMatch(csp, /unsafe/);
    assert.equal(data.events.length, 14);
    const layout = await layoutOf(page);
    assert.deepEqual(drawnIds(layout), allIds);
    assert.deepEqual(layout.clusters, []);
    assert.equal(await page.locator('canvas').count(), 1);
    assert.equal(await page.locator('#chart svg, #timeline svg').count(), 0);
    const css = await page.$eval('#chart', (c) => c.getBoundingClientRect().toJSON());
    assert.equal(layout.canvas.width, Math.round(css.width * layout.canvas.ratio));
    assert.equal(await page.textContent('#story-title'), data.title);
    assertClean(problems);
  });

  test('no label over another label or marker, none past the plot, in every view', async () => {
    await reset(page);
    assertLayoutRules(await layoutOf(page), 'first view');
    assert.equal((await layoutOf(page)).labels.length, 14, 'every event labelled');
    for (const button of ['#zoom-in', '#zoom-in', '#view-all', '#zoom-out', '#view-focus', '#zoom-out']) {
      await page.click(button);
      await frame(page);
      assertLayoutRules(await layoutOf(page), `after ${button}`);
    }
  });

  test('the busiest day, Feb 12, is a labelled tick at midnight in the story zone', async () => {
    await reset(page);
    const { ticks } = await layoutOf(page);
    const feb12 = ticks.find((t) => t.text === 'Feb 12');
    assert.ok(feb12, `ticks: ${ticks.map((t) => t.text).join(', ')}`);
    assert.equal(feb12.t, Date.parse('2026-02-12T08:00:00Z'));
    // The seed's busiest day, counted here from the data (events of a day or less).
    const perDay = new Map();
    for (const e of data.events) {
      if (e.earliest === null || e.latest === null || e.latest - e.earliest >= 86400) continue;
      const day = new Date((e.earliest - 8 * 3600) * 1000).toISOString().slice(0, 10);
      perDay.set(day, (perDay.get(day) || 0) + 1);
    }
    const busiest = [...perDay].sort((a, b) => b[1] - a[1])[0];
    assert.equal(busiest[0], '2026-02-12');
    // Every day tick is at local midnight (Los Angeles: 08:00Z in February).
    for (const t of ticks.filter((k) => /^[A-Z][a-z]{2} \d+$/.test(k.text))) {
      const day = Number(t.text.split(' ')[1]);
      assert.equal(t.t, Date.UTC(2026, 1, day, 8), t.text);
    }
  });

  test('clicking an event highlights exactly `chain --direction both`', async () => {
    await reset(page);
    for (const id of ['noem-x-post', ...allIds]) {
      await clickEvent(page, id);
      await frame(page);
      const expected = expectedChain(data, id);
      assert.deepEqual(cliChain(seedStory, id), expected, `CLI chain of ${id}`);
      const layout = await layoutOf(page);
      assert.deepEqual(drawnIds(layout, 'selected'), [id]);
      assert.deepEqual([...new Set([...drawnIds(layout, 'selected'), ...drawnIds(layout, 'lit')])].sort(), expected, id);
      assert.deepEqual(drawnIds(layout, 'dim'), allIds.filter((x) => !expected.includes(x)), id);
      assert.deepEqual(await page.$$eval('#chain-list button',
        (bs) => [...new Set(bs.map((b) => b.getAttribute('data-id')))].sort()), expected, `panel of ${id}`);
    }
    assert.deepEqual(expectedChain(data, 'noem-x-post'),
      ['governors-office-response', 'noem-otay-mesa-remarks', 'noem-x-post']);
    await page.keyboard.press('Escape');
    await frame(page);
    const layout = await layoutOf(page);
    assert.deepEqual([...drawnIds(layout, 'dim'), ...drawnIds(layout, 'lit'), ...drawnIds(layout, 'selected')], []);
  });

  test('the tooltip gives the date at its precision, actors, title and summary', async () => {
    await reset(page);
    await hoverEvent(page, 'governors-office-response');
    const tip = await page.$eval('#tooltip', (t) => ({ hidden: t.hidden, text: t.innerText }));
    assert.equal(tip.hidden, false);
    const e = data.events.find((x) => x.id === 'governors-office-response');
    assert.equal(e.date, 'between Feb 6 and Feb 12, 2026 (year uncertain)');
    for (const part of [e.date, 'day precision', "Governor's office", e.title]) {
      assert.ok(tip.text.includes(part), `tooltip has ${part}: ${tip.text}`);
    }
    await page.mouse.move(5, 5);
    assert.equal(await page.$eval('#tooltip', (t) => t.hidden), true);
  });

  test('the keyboard moves between the events and selects one', async () => {
    await reset(page);
    await page.focus('#chart');
    await page.keyboard.press('Home');
    const first = (await layoutOf(page)).markers.filter((m) => m.primary)
      .sort((a, b) => a.x - b.x)[0];
    assert.equal(await page.$eval('#tooltip', (t) => t.hidden), false);
    const status = await page.textContent('#chart-status');
    await page.keyboard.press('ArrowRight');
    assert.notEqual(await page.textContent('#chart-status'), status);
    await page.keyboard.press('ArrowLeft');
    assert.equal(await page.textContent('#chart-status'), status);
    await page.keyboard.press('Enter');
    await frame(page);
    const selected = drawnIds(await layoutOf(page), 'selected');
    assert.equal(selected.length, 1);
    assert.ok(status.endsWith(data.events.find((e) => e.id === selected[0]).title), status);
    assert.ok(first, 'a first event');
    await page.keyboard.press('Escape');
  });

  test('wheel, drag and the buttons pan and zoom', async () => {
    await reset(page);
    const first = await viewOf(page);
    const box = await page.$eval('#chart', (c) => c.getBoundingClientRect().toJSON());
    const y = box.y + 30; // over the axis, not an event
    await page.mouse.move((await markerPoint(page, 'noem-x-post')).x, y);
    await page.mouse.wheel(0, -400);
    await page.waitForFunction((s) => Date.parse(document.querySelector('#chart')
      .getAttribute('data-view-start')) !== s, first.start);
    const zoomed = await viewOf(page);
    assert.ok(zoomed.end - zoomed.start < (first.end - first.start) * 0.7, 'wheel zooms in');

    const before = (await markerPoint(page, 'noem-x-post')).x;
    await page.mouse.move(box.x + 500, y);
    await page.mouse.down();
    await page.mouse.move(box.x + 600, y, { steps: 5 });
    await page.mouse.up();
    await frame(page);
    const dragged = await viewOf(page);
    assert.ok(Math.abs((dragged.end - dragged.start) - (zoomed.end - zoomed.start)) < 1000,
      'dragging keeps the zoom');
    assert.ok(dragged.start < zoomed.start, 'dragging right shows earlier dates');
    assert.ok(Math.abs((await markerPoint(page, 'noem-x-post')).x - before - 100) < 2,
      'the marker follows the pointer');
    assert.deepEqual(drawnIds(await layoutOf(page), 'selected'), [], 'a drag is not a click');

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

  test('the actor filter hides the other actors\' lanes and events', async () => {
    await reset(page);
    await page.click('#actors-none');
    await frame(page);
    assert.deepEqual(drawnIds(await layoutOf(page)), []);
    await page.check('input[data-lane="noem"]');
    await frame(page);
    const noem = data.actors.findIndex((a) => a.id === 'noem');
    const expected = data.events.filter((e) => e.actors.includes(noem)).map((e) => e.id).sort();
    assert.equal(expected.length, 4);
    const layout = await layoutOf(page);
    assert.deepEqual(drawnIds(layout), expected);
    assert.deepEqual(layout.lanes.map((l) => l.name), ['Kristi Noem']);
    await page.click('#actors-all');
    await frame(page);
    assert.deepEqual(drawnIds(await layoutOf(page)), allIds);
  });

  test('the relation filter hides arrows of one type', async () => {
    await reset(page);
    const countOf = (type) => data.events.reduce(
      (n, e) => n + e.relations.filter((r) => type === undefined || r.type === type).length, 0);
    const arrows = async (type) => (await layoutOf(page)).arrows
      .filter((a) => type === undefined || a.type === type).length;
    assert.equal(await arrows(), countOf());
    assert.equal(await arrows('cites'), countOf('cites'));
    await page.uncheck('input[data-type="cites"]');
    await frame(page);
    assert.equal(await arrows('cites'), 0);
    assert.equal(await arrows(), countOf() - countOf('cites'));
    await page.check('input[data-type="cites"]');
    await frame(page);
    assert.equal(await arrows(), countOf());
  });

  test('search marks the events that contain the words', async () => {
    await reset(page);
    await page.fill('#search', 'vault');
    await frame(page);
    const name = (i) => data.actors[i].name;
    const expected = data.events.filter((e) => [e.id, e.title, e.summary, e.notes, e.place,
      e.channel, e.kind, e.date, ...e.tags, ...e.quotes.map((q) => q.text),
      ...e.actors.map(name), ...e.to.map(name)].join('\n').toLowerCase().includes('vault'))
      .map((e) => e.id).sort();
    assert.ok(expected.includes('noem-vault-visit'));
    let layout = await layoutOf(page);
    assert.deepEqual(drawnIds(layout, 'match'), expected);
    assert.deepEqual(drawnIds(layout, 'dim'), allIds.filter((x) => !expected.includes(x)));
    assert.equal(await page.textContent('#search-count'), `${expected.length} events match`);
    await page.press('#search', 'Enter');
    await frame(page);
    assert.deepEqual(drawnIds(await layoutOf(page), 'selected'), [
      data.events.filter((e) => expected.includes(e.id))
        .sort((a, b) => a.earliest - b.earliest)[0].id]);
    await page.press('#search', 'Escape');
    await frame(page);
    assert.equal(await page.inputValue('#search'), '');
    layout = await layoutOf(page);
    assert.deepEqual(drawnIds(layout, 'match'), []);
    assert.equal(drawnIds(layout, 'selected').length, 1, 'first Escape: the search');
    await page.press('#search', 'Escape');
    await frame(page);
    layout = await layoutOf(page);
    assert.deepEqual([...drawnIds(layout, 'selected'), ...drawnIds(layout, 'dim')], []);
  });

  test('a source without a URL is text, not a link', async () => {
    await reset(page);
    await clickEvent(page, 'noem-x-post');
    assert.equal(await page.locator('#details .sources a').count(), 0);
    const post = data.events.find((e) => e.id === 'noem-x-post');
    assert.ok((await page.textContent('#details .sources')).includes(post.sources[0].title));
    await page.keyboard.press('Escape');
  });

  test('screenshot', { skip: !process.env.EVENTGRAPH_SCREENSHOT }, async () => {
    await reset(page);
    await clickEvent(page, 'noem-x-post');
    await page.mouse.move(5, 5);
    await frame(page);
    await page.screenshot({ path: process.env.EVENTGRAPH_SCREENSHOT });
  });
});

describe('html page: a generated story, more events than fit', () => {
  const data = embeddedData(pages.get('/generated.html'));
  let page;
  let problems;
  usePage('/generated.html', (opened) => ({ page, problems } = opened));

  /// For each lane: the events drawn plus those counted in its clusters are every event of
  /// the lane that overlaps the view, counted here from the data.
  async function assertEveryEventCounted(where) {
    const layout = await layoutOf(page);
    const { start, end } = layout.view;
    for (const lane of layout.lanes) {
      const a = data.actors.findIndex((x) => x.id === lane.id);
      const inView = data.events.filter((e) => e.actors.includes(a) &&
        (e.earliest === null || e.earliest * 1000 <= end) &&
        (e.latest === null || e.latest * 1000 + 999 >= start)).length;
      const drawn = layout.markers.filter((m) => m.lane === lane.id).length;
      const counted = layout.clusters.filter((c) => c.lane === lane.id)
        .reduce((n, c) => n + c.count, 0);
      assert.equal(drawn + counted, inView, `${where}, lane ${lane.id}`);
    }
    return layout;
  }

  test('what does not fit is counted in clusters that open as you zoom', async () => {
    await page.click('#view-all');
    await frame(page);
    const whole = await assertEveryEventCounted('whole span');
    assertLayoutRules(whole, 'whole span');
    assert.ok(whole.clusters.length > 0, 'clusters at the whole span');
    const total = (l) => l.clusters.reduce((n, c) => n + c.count, 0);
    // Clicking a cluster zooms to its events: fewer are counted, more are drawn.
    const c = whole.clusters.sort((p, q) => q.count - p.count)[0];
    const box = await page.$eval('#chart', (el) => el.getBoundingClientRect().toJSON());
    await page.mouse.click(box.x + c.x + c.width / 2, box.y + c.y + c.height / 2);
    await frame(page);
    const zoomed = await assertEveryEventCounted('a cluster opened');
    assertLayoutRules(zoomed, 'a cluster opened');
    assert.ok(zoomed.view.end - zoomed.view.start < (whole.view.end - whole.view.start) / 4);
    for (let k = 0; k < 6; ++k) {
      await page.click('#zoom-in');
      await frame(page);
      assertLayoutRules(await assertEveryEventCounted(`zoom ${k}`), `zoom ${k}`);
    }
    assert.ok(total(await layoutOf(page)) < total(whole));
    for (let k = 0; k < 4; ++k) {
      await page.click('#pan-right');
      await frame(page);
      assertLayoutRules(await assertEveryEventCounted(`pan ${k}`), `pan ${k}`);
    }
  });

  test('a chain selected among thousands is `chain --direction both`', async () => {
    await page.click('#view-focus');
    await frame(page);
    const layout = await layoutOf(page);
    const id = layout.markers.find((m) => m.primary).id;
    await clickEvent(page, id);
    await frame(page);
    const expected = expectedChain(data, id);
    assert.deepEqual(cliChain(generatedStory, id), expected);
    const lit = await page.$$eval('#chain-list button',
      (bs) => [...new Set(bs.map((b) => b.getAttribute('data-id')))].sort());
    assert.deepEqual(lit, expected.length <= 1000 ? expected : lit);
    assert.equal(await page.textContent('#details h3:last-of-type'),
      `Chain, up and down: ${expected.length} events`);
  });
});

describe('html page: hostile text', () => {
  const html = pages.get('/hostile.html').toString('utf8');
  const data = embeddedData(pages.get('/hostile.html'));
  let page;
  let problems;
  usePage('/hostile.html', (opened) => ({ page, problems } = opened));

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
      await hoverEvent(page, e.id);
      await clickEvent(page, e.id);
      if (e.notes) await page.click('#details .notes summary');
    }
    await page.fill('#search', '<script>');
    await page.press('#search', 'Enter');
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.deepEqual(problems.dialogs, []);
    assert.equal(await page.locator('img').count(), 0);
    assert.equal(await page.locator('#details svg, #tooltip svg, .filters svg:not(.swatch)').count(), 0);
    await page.fill('#search', '');
    await page.press('#search', 'Escape');
  });

  test('the texts appear literally', async () => {
    assert.equal(await page.textContent('#story-title'), data.title);
    assert.equal(await page.title(), data.title);
    assert.equal(data.title, "</title><script>window.__pwned='title';alert(1)</script> & friends");
    assert.equal(await page.textContent('#story-description'), data.description);
    const names = await page.$$eval('.filter-name', (ns) => ns.map((n) => n.textContent));
    assert.ok(names.includes(data.actors[0].name) && names.includes('Trudy &amp; Co </script>'));
    const labels = (await layoutOf(page)).labels;
    for (const e of data.events) {
      await clickEvent(page, e.id);
      assert.equal(await page.textContent('#details .event-heading'), e.title);
      if (e.summary) assert.equal(await page.textContent('#details .summary'), e.summary);
      await hoverEvent(page, e.id);
      assert.equal(await page.textContent('#tooltip .tip-title'), e.title);
      const label = labels.find((l) => l.id === e.id);
      if (label) assert.ok(e.title.startsWith(label.text.replace(/…$/, '')), label.text);
    }
    await clickEvent(page, 'script-close');
    assert.equal(await page.textContent('#details .notes p'), data.events[0].notes);
    await clickEvent(page, 'entity');
    assert.equal(await page.textContent('#details blockquote'),
      "<script>window.__pwned='quote'</script>— <img src=x onerror=\"window.__pwned='actor';alert(1)\">");
  });

  test('only http(s) sources are links', async () => {
    await clickEvent(page, 'script-close');
    const links = await page.$$eval('#details a', (as) => as.map((a) => a.getAttribute('href')));
    assert.deepEqual(links, ['https://example.org/a?b=1&c=<2>']);
    assert.ok((await page.textContent('#details .sources')).includes("javascript:window.__pwned='link';alert(1)"));
    await clickEvent(page, 'data-url');
    assert.equal(await page.locator('#details a').count(), 0);
    assert.equal(await page.locator('#details .sources li').count(), 2);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
  });
});
