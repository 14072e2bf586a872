// The vis, timelinejs and mermaid exports read by the libraries they are for, in a real
// browser: vis-timeline, TimelineJS3 and Mermaid (tests/js/package.json pins them), loaded from
// tests/js/node_modules into Debian's Chromium, driven by playwright-core.
//
//   EVENTGRAPH=build/dev/eventgraph node --test tests/js/consumers.test.mjs
//
// Pages and libraries are served from 127.0.0.1 by this test; any other request, a request for
// a file that is not there, a console error or warning, or an uncaught exception fails it. The
// browser runs in zones other than UTC so that a date written as midnight UTC would show on the
// wrong day: east (Asia/Tokyo) and west (America/Los_Angeles) of Greenwich.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import http from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { csvParse } from 'd3-dsv';

const here = dirname(fileURLToPath(import.meta.url));
const sourceDir = process.env.EVENTGRAPH_SOURCE_DIR || resolve(here, '..', '..');
const eventgraph = process.env.EVENTGRAPH;
assert.ok(eventgraph, 'set EVENTGRAPH to the eventgraph binary');
const modules = join(sourceDir, 'tests', 'js', 'node_modules');
const stories = {
  seed: join(sourceDir, 'samples', 'dhs-california-detainers-2026.yaml'),
  zones: join(sourceDir, 'samples', 'two-zones.yaml'),
  tricky: join(sourceDir, 'tests', 'data', 'export', 'tricky.yaml'),
};
const zones = ['Asia/Tokyo', 'America/Los_Angeles'];

function exported(story, ...args) {
  return execFileSync(eventgraph, ['export', story, ...args, '-o', '-'],
    { encoding: 'utf8', maxBuffer: 1 << 26 });
}
/// Each story as eventgraph's own JSON (the input, normalised): what the other files must say.
const input = Object.fromEntries(Object.entries(stories).map(([k, path]) =>
  [k, JSON.parse(exported(path, '--format', 'json'))]));
const files = Object.fromEntries(Object.entries(stories).map(([k, path]) => [k, {
  vis: JSON.parse(exported(path, '--format', 'vis')),
  timelinejs: JSON.parse(exported(path, '--format', 'timelinejs')),
  mermaid: exported(path, '--format', 'mermaid'),
  flowchart: exported(path, '--format', 'mermaid', '--graph'),
}]));
const actorsOf = (e) => e.actors ?? (e.actor ? [e.actor] : []);
const decodeHtml = (s) => s.replace(/&(lt|gt|quot|#39|apos|amp);/g, (_, n) =>
  ({ lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", amp: '&' })[n]);

/// The calendar days an EDTF date without a time of day covers, from the input text alone:
/// [first day, day after the last] as [y, m, d] (m 1-based), or null for an open or timed end.
function period(edtf) {
  const single = (text) => {
    const m = /^(\d{4})[?~%]?(?:-(\d{2})[?~%]?)?(?:-(\d{2}))?[?~%]?$/.exec(text);
    if (!m) return null;
    const [y, mo, d] = [Number(m[1]), m[2] && Number(m[2]), m[3] && Number(m[3])];
    const first = [y, mo || 1, d || 1];
    const next = d ? [y, mo, d + 1] : mo ? [y, mo + 1, 1] : [y + 1, 1, 1];
    return [first, next];
  };
  if (isOpen(edtf)) return single(edtf.replace(/^\[?\.\.\/?|\/?\.\.\]?$|^\[|\]$/g, ''));
  const range = /^\[?([^/\]]*?)(?:\/|\.\.)([^/\]]*?)\]?$/.exec(edtf);
  if (!range) return single(edtf);
  const [a, b] = [single(range[1]), single(range[2])];
  return a && b ? [a[0], b[1]] : null;
}
const isSpan = (edtf) => /\/|\.\./.test(edtf) || !/^\d{4}[?~%]?-\d{2}[?~%]?-\d{2}/.test(edtf);
const isOpen = (edtf) => /^\[?\.\.|\.\.\]?$/.test(edtf);

// A local web server for the test pages and the libraries' own files, nothing else.
const served = {
  '/vis/': join(modules, 'vis-timeline'),
  '/tl/': join(modules, '@knight-lab', 'timelinejs', 'dist'),
  '/mermaid/': join(modules, 'mermaid', 'dist'),
};
const pages = {
  '/vis.html': `<!doctype html><meta charset="utf-8"><title>vis</title>
<link rel="stylesheet" href="/vis/styles/vis-timeline-graph2d.min.css">
<script src="/vis/standalone/umd/vis-timeline-graph2d.min.js"></script>
<body style="margin:0"><div id="timeline" style="width:1400px"></div>`,
  '/tl.html': `<!doctype html><meta charset="utf-8"><title>timelinejs</title>
<link rel="stylesheet" href="/tl/css/timeline.css">
<script id="timeline-script-tag" src="/tl/js/timeline.js"></script>
<body style="margin:0"><div id="timeline" style="width:1200px;height:700px"></div>`,
  '/mermaid.html': `<!doctype html><meta charset="utf-8"><title>mermaid</title>
<script src="/mermaid/mermaid.min.js"></script>
<body><div id="out"></div>`,
};
const types = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html',
  '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf', '.svg': 'image/svg+xml',
  '.eot': 'application/vnd.ms-fontobject' };
const missing = [];

function file(url) {
  const path = decodeURIComponent(new URL(url, 'http://x').pathname);
  for (const [prefix, dir] of Object.entries(served)) {
    if (!path.startsWith(prefix)) continue;
    const full = normalize(join(dir, path.slice(prefix.length)));
    if (full.startsWith(dir + sep) && existsSync(full)) return full;
  }
  return null;
}

let server;
let origin;
let browser;

before(async () => {
  for (const dir of Object.values(served)) {
    assert.ok(existsSync(dir), `${dir}: run npm ci in tests/js`);
  }
  server = http.createServer((request, response) => {
    const path = new URL(request.url, 'http://x').pathname;
    if (pages[path]) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pages[path]);
      return;
    }
    const full = file(request.url);
    if (!full) {
      missing.push(request.url);
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': types[extname(full)] || 'application/octet-stream' })
      .end(readFileSync(full));
  });
  await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  await new Promise((done) => server.close(done));
});

/// Opens one of the pages in a fresh context in `timezoneId`. Records console errors and
/// warnings, uncaught exceptions, dialogs and requests that leave the local server (aborted).
async function open(path, timezoneId) {
  const context = await browser.newContext({ timezoneId, viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const problems = { console: [], errors: [], dialogs: [], requests: [], failed: [] };
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') {
      problems.console.push(`${m.type()}: ${m.text()}`);
    }
  });
  page.on('pageerror', (e) => problems.errors.push(e.message));
  page.on('requestfailed', (r) => problems.failed.push(`${r.url()}: ${r.failure()?.errorText}`));
  page.on('dialog', (d) => {
    problems.dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + '/')) return route.continue();
    problems.requests.push(url);
    return route.abort();
  });
  await page.goto(origin + path);
  const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  assert.equal(zone, timezoneId);
  return { page, problems, close: () => context.close() };
}

/// Loads TimelineJS JSON into TL.Timeline on the page (window.__timeline), once it is ready.
function showTimeline(page, data) {
  return page.evaluate(async (d) => {
    await new Promise((ready, fail) => {
      // The page's options, not the data's: its own files, and no web font (TimelineJS's
      // default font comes from Google Fonts).
      const timeline = new TL.Timeline('timeline', d, {
        hash_bookmark: false, font: null, script_path: `${location.origin}/tl/js/`,
      });
      window.__timeline = timeline;
      timeline.on('ready', ready);
      setTimeout(() => fail(new Error('TimelineJS never got ready')), 10000);
    });
  }, data);
}

function assertClean(problems) {
  assert.deepEqual(problems.errors, [], 'uncaught exceptions');
  assert.deepEqual(problems.failed, [], 'failed requests');
  assert.deepEqual(problems.console, [], 'console errors and warnings');
  assert.deepEqual(problems.dialogs, [], 'dialogs');
  assert.deepEqual(problems.requests, [], 'requests that leave the local server');
  assert.deepEqual(missing, [], 'requests for files that are not there');
}

describe('vis-timeline reads the vis export', () => {
  for (const timezoneId of zones) {
    for (const name of Object.keys(stories)) {
      test(`${name} in ${timezoneId}`, async () => {
        const { page, problems, close } = await open('/vis.html', timezoneId);
        const data = files[name].vis;
        const story = input[name];
        // vis-timeline itself: a Timeline over DataSets, as docs/exports.md says to open it.
        const shown = await page.evaluate(async (d) => {
          // vis-timeline draws on animation frames.
          const frames = () => new Promise((r) =>
            requestAnimationFrame(() => requestAnimationFrame(r)));
          const timeline = new vis.Timeline(document.getElementById('timeline'),
            new vis.DataSet(d.items), new vis.DataSet(d.groups), { stack: true });
          timeline.fit({ animation: false });
          await frames();
          const local = (t) => t && [t.getFullYear(), t.getMonth() + 1, t.getDate(), t.getHours(),
            t.getMinutes(), t.getSeconds()];
          const items = Object.values(timeline.itemSet.items).map((item) => ({
            id: item.id,
            group: item.data.group,
            type: item.data.type,
            displayed: item.displayed,
            start: local(item.data.start),
            startMs: item.data.start.valueOf(),
            end: local(item.data.end),
            endMs: item.data.end?.valueOf(),
            element: !!(item.dom.box || item.dom.point)?.isConnected,
            cls: (item.dom.box || item.dom.point)?.className,
            text: (item.dom.box || item.dom.point)?.querySelector('.vis-item-content')?.textContent,
          }));
          const groups = Object.entries(timeline.itemSet.groups)
            .filter(([id]) => id !== '__background__') // vis-timeline's own
            .map(([id, group]) => ({ id, label: group.dom.inner.textContent }));
          window.__timeline = timeline;
          return { items, groups, ranges: document.querySelectorAll('.vis-item.vis-range').length,
            points: document.querySelectorAll('.vis-item.vis-point').length,
            scripts: document.querySelectorAll('#timeline script, #timeline img').length };
        }, data);

        // Every actor a group, every event an item in each of its actors' groups, all drawn.
        const acting = new Set(story.events.flatMap(actorsOf));
        assert.deepEqual(shown.groups.map((g) => g.id).sort(), [...acting].sort());
        for (const g of shown.groups) {
          assert.equal(g.label, story.actors.find((a) => a.id === g.id).name, `group ${g.id}`);
        }
        const expectedItems = story.events.flatMap((e) => actorsOf(e).map((a) => `${e.id}@${a}`));
        assert.deepEqual(shown.items.map((i) => i.id).sort(), expectedItems.sort());
        assert.equal(shown.ranges + shown.points, expectedItems.length, 'items in the page');
        assert.equal(shown.scripts, 0, 'no markup from the story');
        for (const item of shown.items) {
          const [eid, actor] = item.id.split('@');
          const e = story.events.find((x) => x.id === eid);
          assert.equal(item.group, actor);
          assert.ok(item.displayed && item.element, `${item.id} is drawn`);
          assert.equal(item.text, e.title, `${item.id}: the title as text`);
          assert.match(item.cls, item.type === 'range' ? /\bvis-range\b/ : /\bvis-point\b/);

          // Dates: a day stays that calendar day in the viewer's zone; imprecise or spanning
          // events are ranges over the days they may cover; times keep their instant.
          const days = /T/.test(e.date) ? null : period(e.date);
          if (days && !isOpen(e.date) && isSpan(e.date)) {
            assert.equal(item.type, 'range', `${item.id} (${e.date}) is a range`);
            const [first, next] = days.map(([y, m, d]) => new Date(Date.UTC(y, m - 1, d)));
            assert.deepEqual(item.start, [first.getUTCFullYear(), first.getUTCMonth() + 1,
              first.getUTCDate(), 0, 0, 0], `${item.id} (${e.date}) starts`);
            assert.deepEqual(item.end, [next.getUTCFullYear(), next.getUTCMonth() + 1,
              next.getUTCDate(), 0, 0, 0], `${item.id} (${e.date}) ends`);
          } else if (days) {
            assert.equal(item.type, 'point', `${item.id} (${e.date})`);
            // A day, or an open-ended event at its known end.
            assert.deepEqual(item.start, [...days[0], 0, 0, 0],
              `${item.id} (${e.date}) in ${timezoneId}`);
          } else {
            // A time of day: an instant with its offset, the same instant in vis.
            const written = data.items.find((i) => i.id === item.id);
            assert.match(written.start, /T\d\d:\d\d(:\d\d)?(Z|[+-]\d\d:\d\d)$/,
              `${item.id}: an instant`);
            assert.equal(item.startMs, Date.parse(written.start), `${item.id}: ${written.start}`);
            const spans = /\/|\.\./.test(e.date) && !isOpen(e.date);
            assert.equal(item.type, spans ? 'range' : 'point', item.id);
            if (item.type === 'range') assert.equal(item.endMs, Date.parse(written.end), item.id);
          }
        }
        if (name === 'seed') {
          // Feb 6 on the screen: the left edge of the day's point is within Feb 6, local time.
          const feb6 = await page.evaluate(async () => {
            const timeline = window.__timeline;
            timeline.setWindow(new Date(2026, 1, 5), new Date(2026, 1, 8), { animation: false });
            await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
            const item = timeline.itemSet.items['noem-x-post@noem'];
            const dot = item.dom.dot.getBoundingClientRect();
            const left = timeline.dom.center.getBoundingClientRect().left;
            const t = timeline.body.util.toTime(dot.left + dot.width / 2 - left);
            return { at: t.toString(), off: (t - new Date(2026, 1, 6)) / 60000 };
          });
          // Within a few minutes (a pixel is about four) of midnight starting Feb 6, local time.
          assert.ok(Math.abs(feb6.off) < 15, `drawn at ${feb6.at}`);
        }
        await close();
        assertClean(problems);
      });
    }
  }
});

describe('TimelineJS3 reads the timelinejs export', () => {
  for (const timezoneId of zones) {
    for (const name of Object.keys(stories)) {
      test(`${name} in ${timezoneId}`, async () => {
        const { page, problems, close } = await open('/tl.html', timezoneId);
        const data = files[name].timelinejs;
        const story = input[name];
        await showTimeline(page, data);
        // Every slide once, so that each loads its media (TimelineJS does so 1.2 s after a
        // slide or its neighbour is shown).
        const slides = await page.evaluate(async () => {
          const timeline = window.__timeline;
          const out = [];
          const count = timeline._storyslider._slides.length;
          for (let i = 0; i < count; ++i) timeline._storyslider.goTo(i, true); // not animated
          for (let t = 0; t < 100; ++t) {
            const all = timeline._storyslider._slides;
            if (all.every((s) => !s._media || s._media._state.loaded)) break;
            await new Promise((r) => setTimeout(r, 50));
          }
          for (let i = 0; i < count; ++i) {
            const slide = timeline._storyslider._slides[i];
            const el = slide._el.container;
            out.push({
              headline: slide.data.text?.headline,
              title: el.querySelector('.tl-headline')?.textContent,
              date: el.querySelector('.tl-headline-date')?.textContent ?? null,
              text: el.querySelector('.tl-text-content')?.textContent ?? '',
              links: [...el.querySelectorAll('.tl-text-content a')]
                .map((a) => a.getAttribute('href')),
              media: el.querySelector('.tl-media-item')?.className ?? null,
              mediaText: el.querySelector('.tl-media-item')?.textContent ?? null,
              credit: el.querySelector('.tl-credit')?.textContent ?? null,
              caption: [...el.querySelectorAll('.tl-caption a')].map((a) => a.getAttribute('href')),
              markup: el.querySelectorAll('script, img, iframe').length,
            });
          }
          return out;
        });
        const problemsShown = await page.$$eval('.tl-message-full, .tl-media-loaderror',
          (els) => els.filter((e) => e.offsetParent !== null).map((e) => e.textContent));
        assert.deepEqual(problemsShown, [], 'TimelineJS shows no error');

        // The title slide, then one slide per event, each with our headline and date.
        assert.equal(slides.length, story.events.length + (data.title ? 1 : 0));
        assert.equal(slides[0].title, story.title);
        const byHeadline = new Map(data.events.map((ev) => [ev.text.headline, ev]));
        assert.equal(byHeadline.size, data.events.length, 'headlines are unique here');
        const seen = [];
        for (const slide of slides.slice(1)) {
          const ev = byHeadline.get(slide.headline);
          assert.ok(ev, `a slide of ours: ${slide.headline}`);
          const e = story.events.find((x) => x.id === ev.unique_id);
          seen.push(e.id);
          assert.equal(slide.title, e.title, `${e.id}: the title as text`);
          assert.equal(slide.markup, 0, `${e.id}: no markup from the story`);
          if (ev.display_date) {
            assert.equal(slide.date, ev.display_date, `${e.id}: the date as we wrote it`);
          } else {
            // A plain day: TimelineJS writes it out itself, and it must be that day here.
            const [y, m, d] = e.date.split('-').map(Number);
            const month = new Date(Date.UTC(y, m - 1, 15)).toLocaleString('en-US',
              { month: 'long', timeZone: 'UTC' });
            assert.equal(slide.date, `${month} ${d}, ${y}`, `${e.id} (${e.date}) in ${timezoneId}`);
          }
          assert.ok(slide.text.includes(actorsOf(e).map((a) =>
            story.actors.find((x) => x.id === a).name).join(', ')), `${e.id}: actors`);
          const linked = (e.sources ?? []).filter((s) => /^https?:\/\//i.test(s.url ?? ''));
          assert.deepEqual(slide.links, linked.map((s) => s.url), `${e.id}: links`);
          if (linked.length) {
            assert.match(slide.media, /tl-media-blockquote/, `${e.id}: the source as a quote`);
            assert.equal(slide.mediaText, linked[0].title, `${e.id}: media`);
            assert.equal(slide.credit, linked[0].publisher || linked[0].title, `${e.id}: credit`);
            assert.deepEqual(slide.caption, [linked[0].url], `${e.id}: caption links the source`);
          } else {
            assert.equal(slide.media, null, `${e.id}: no media`);
          }
        }
        assert.deepEqual(seen.sort(), story.events.map((e) => e.id).sort());
        if (name === 'seed') {
          const reply = slides.find((s) =>
            decodeHtml(s.headline ?? '').startsWith("Newsom's office replies"));
          assert.equal(reply.date, 'between Feb 6 and Feb 12, 2026 (year uncertain)');
        }
        await close();
        assertClean(problems);
      });
    }
  }
});

// A TimelineJS sheet (the Google Sheets template saved as CSV) through `eventgraph import
// timelinejs` and `export --format timelinejs`, then into TimelineJS: the same slides and eras,
// on the same dates, as the sheet's rows (issue 11).
const harborSheet = join(sourceDir, 'samples', 'import', 'harbor-timeline.csv');

/// The sheet's rows as d3-dsv reads them, and the TimelineJS file eventgraph makes of them.
function sheetRoundTrip(sheet) {
  const dir = mkdtempSync(join(tmpdir(), 'eventgraph-timelinejs-'));
  try {
    const story = join(dir, 'story.json');
    execFileSync(eventgraph, ['import', 'timelinejs', sheet, '-o', story], { stdio: 'pipe' });
    return { rows: csvParse(readFileSync(sheet, 'utf8')),
      data: JSON.parse(exported(story, '--format', 'timelinejs')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/// A row's start (prefix '') or end (prefix 'End ') as the template gives it: the Year, Month,
/// Day and Time columns as numbers, only those filled in; null when the row has none.
function sheetDate(row, prefix) {
  const out = {};
  for (const [part, column] of [['year', 'Year'], ['month', 'Month'], ['day', 'Day']]) {
    const cell = (row[prefix + column] ?? '').trim();
    if (cell) out[part] = Number(cell);
  }
  const time = (row[prefix + 'Time'] ?? '').trim();
  if (time) {
    const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?$/i.exec(time);
    assert.ok(m, `a time the template takes: ${time}`);
    const pm = /pm/i.test(m[4] ?? '');
    out.hour = m[4] ? (Number(m[1]) % 12) + (pm ? 12 : 0) : Number(m[1]);
    out.minute = Number(m[2]);
    if (m[3]) out.second = Number(m[3]);
  }
  return Object.keys(out).length ? out : null;
}

/// The wall-clock parts TimelineJS makes of such a date (its defaults for parts not given).
const wallClock = (d) => d && [d.year, d.month ?? 1, d.day ?? 1, d.hour ?? 0, d.minute ?? 0,
  d.second ?? 0];

describe('TimelineJS3 reads a TimelineJS sheet imported and exported again', () => {
  for (const timezoneId of zones) {
    test(`harbor-timeline.csv in ${timezoneId}`, async () => {
      const { rows, data } = sheetRoundTrip(harborSheet);
      const { page, problems, close } = await open('/tl.html', timezoneId);
      await showTimeline(page, data);
      // What TimelineJS itself holds: each slide's and era's headline, the date parts it was
      // given and the local date it made of them.
      const shown = await page.evaluate(() => {
        const timeline = window.__timeline;
        const parts = ['year', 'month', 'day', 'hour', 'minute', 'second'];
        const date = (d) => d && {
          given: Object.fromEntries(parts.filter((p) => d.data[p] !== undefined)
            .map((p) => [p, Number(d.data[p])])),
          local: ((t) => [t.getFullYear(), t.getMonth() + 1, t.getDate(), t.getHours(),
            t.getMinutes(), t.getSeconds()])(d.data.date_obj),
        };
        return {
          valid: timeline.config.isValid(),
          slides: timeline._storyslider._slides.map((slide) => ({
            headline: slide.data.text?.headline,
            start: date(slide.data.start_date),
            end: date(slide.data.end_date),
          })),
          eras: timeline.config.eras.map((era) => ({
            headline: era.headline, start: date(era.start_date), end: date(era.end_date),
          })),
        };
      });
      assert.ok(shown.valid, 'TimelineJS finds no error in the file');

      const title = rows.filter((r) => r.Type === 'title');
      const eras = rows.filter((r) => r.Type === 'era');
      const events = rows.filter((r) => r.Type !== 'title' && r.Type !== 'era');
      assert.equal(title.length, 1);
      assert.ok(events.length >= 5 && eras.length >= 1, 'the sheet has events and an era');
      // The title slide first, then one slide per event row; an era per era row.
      assert.equal(decodeHtml(shown.slides[0].headline), title[0].Headline);
      assert.equal(shown.slides.length, 1 + events.length, 'one slide per event row');
      assert.equal(shown.eras.length, eras.length, 'one era per era row');
      const check = (kind, row, got) => {
        assert.ok(got, `${kind} "${row.Headline}" is shown`);
        for (const [which, prefix] of [['start', ''], ['end', 'End ']]) {
          const want = sheetDate(row, prefix);
          assert.deepEqual(got[which]?.given ?? null, want, `${row.Headline}: ${which} date`);
          if (want) {
            assert.deepEqual(got[which].local, wallClock(want),
              `${row.Headline}: ${which} as TimelineJS dates it in ${timezoneId}`);
          }
        }
      };
      const slideOf = new Map(shown.slides.slice(1).map((s) => [decodeHtml(s.headline), s]));
      for (const row of events) check('slide', row, slideOf.get(row.Headline));
      const eraOf = new Map(shown.eras.map((e) => [decodeHtml(e.headline), e]));
      for (const row of eras) check('era', row, eraOf.get(row.Headline));
      await close();
      assertClean(problems);
    });
  }
});

describe('Mermaid reads the mermaid exports', () => {
  let page;
  let problems;
  let close;
  before(async () => {
    ({ page, problems, close } = await open('/mermaid.html', 'America/Los_Angeles'));
    await page.evaluate(() => mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' }));
  });
  after(async () => {
    await close();
    assertClean(problems);
  });

  /// Parses and renders with Mermaid; the SVG goes into the page as a site would put it there.
  const render = (text, id) => page.evaluate(async ([t, n]) => {
    const parsed = await mermaid.parse(t);
    const { svg } = await mermaid.render(n, t);
    const out = document.getElementById('out');
    out.innerHTML = svg;
    const texts = [...out.querySelectorAll('text, g.node')].map((n) => n.textContent);
    const edgeLabels = [...out.querySelectorAll('g.edgeLabel')].map((n) => n.textContent.trim());
    return { type: parsed.diagramType, text: out.textContent, texts, edgeLabels,
      markup: out.querySelectorAll('script, img, iframe, a, foreignObject b').length,
      edges: out.querySelectorAll('.edgePaths path, path.flowchart-link').length,
      pwned: window.__pwned };
  }, [text, id]);
  const squeeze = (s) => s.replace(/\s+/g, '');

  for (const name of Object.keys(stories)) {
    test(`${name}: the timeline`, async () => {
      const story = input[name];
      const shown = await render(files[name].mermaid, `timeline-${name}`);
      assert.equal(shown.type, 'timeline');
      assert.equal(shown.markup, 0);
      assert.equal(shown.pwned, undefined);
      // Mermaid wraps long lines, so compare without white space.
      const text = squeeze(shown.text);
      assert.ok(text.includes(squeeze(story.title)), `title: ${story.title}`);
      for (const e of story.events) {
        const names = actorsOf(e).map((a) => story.actors.find((x) => x.id === a).name).join(', ');
        assert.ok(text.includes(squeeze(`${e.title} (${names})`)), `${e.id}: ${e.title}`);
        // The period: the date as readers see it (the vis file carries the same words).
        const when = files[name].vis.items.find((i) => i.event === e.id).date_display;
        assert.ok(text.includes(squeeze(when)), `${e.id}: period ${when}`);
      }
    });

    test(`${name}: the flowchart of responses`, async () => {
      const story = input[name];
      const shown = await render(files[name].flowchart, `flowchart-${name}`);
      assert.equal(shown.type, 'flowchart-v2');
      assert.equal(shown.markup, 0);
      assert.equal(shown.pwned, undefined);
      const text = squeeze(shown.text);
      for (const e of story.events) {
        assert.ok(text.includes(squeeze(e.title)), `${e.id}: ${e.title}`);
      }
      const relations = story.events.flatMap((e) => (e.relations ?? []).map((r) => r.type)
        .concat((e.responds_to ?? []).map(() => 'responds-to')));
      assert.equal(shown.edges, relations.length, 'one arrow per relation');
      assert.deepEqual(shown.edgeLabels.sort(), relations.sort());
    });
  }

  test('tricky text survives literally', async () => {
    const title = input.tricky.events.find((e) => e.id === 'ev.day').title;
    assert.equal(title, 'Ann says: "no" <script>alert(1)</script> & #35; done; 100%');
    for (const kind of ['mermaid', 'flowchart']) {
      const shown = await render(files.tricky[kind], `tricky-${kind}`);
      // `:`, `"`, `<script>`, `&`, `#35;`, `;` and `%` all as text, in one piece.
      assert.ok(squeeze(shown.text).includes(squeeze(title)), `${kind}: ${title}`);
      assert.ok(squeeze(shown.text).includes(squeeze('=SUM(A1:A2)')), kind);
      assert.equal(shown.markup, 0, kind);
    }
  });
});
