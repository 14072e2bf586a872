// eventgraph's interactive timeline: the story's data is read from the JSON block
// #eventgraph-data; everything on screen is drawn here. Untrusted text only ever goes into the
// DOM through textContent, createTextNode or setAttribute (never markup), and only http(s)
// URLs become links. Dates are shown as the exporter described them (`date`), never
// re-interpreted in the browser's own zone; the axis is laid out in the story's zone.
'use strict';
(() => {
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const data = JSON.parse(document.getElementById('eventgraph-data').textContent);
  const actors = data.actors;
  const NO_ACTOR = -1;

  // --- Layout constants (pixels) ------------------------------------------------------------
  const LABEL_WIDTH = 200;
  const AXIS_HEIGHT = 48;
  const ARROW_ROOM = 14; // between the axis and the first lane, for arrows that arc over it
  const ROW_HEIGHT = 24;
  const LANE_PADDING = 8;
  const MIN_LANE_HEIGHT = 44;
  const MAX_ROWS = 5;
  const DOT_RADIUS = 6;
  const CHAR_WIDTH = 6.4; // of the 12px label font, for truncation
  const MAX_LABEL_CHARS = 48;
  const MS_LIMIT = 8.64e15; // ECMAScript's date range
  const DAY_MS = 86400000;

  // --- Small DOM helpers: text is always text --------------------------------------------------
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function svg(tag, attributes, parent) {
    const node = document.createElementNS(SVG_NS, tag);
    if (attributes) {
      for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
    }
    if (parent) parent.appendChild(node);
    return node;
  }
  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }
  function isWebUrl(text) {
    if (typeof text !== 'string' || !/^https?:\/\//i.test(text)) return false;
    try {
      const url = new URL(text);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch (_) {
      return false;
    }
  }
  function truncate(text, chars) {
    if (text.length <= chars) return text;
    return chars <= 1 ? '…' : text.slice(0, chars - 1).trimEnd() + '…';
  }
  /// `text` cut with an ellipsis to fit `width` in the font of an SVG text of class
  /// `className`. Measured once per text (measuring forces a layout), in the empty chart.
  const fitted = new Map();
  function fitText(text, className, width) {
    const key = `${className}\n${width}\n${text}`;
    if (fitted.has(key)) return fitted.get(key);
    const node = svg('text', { class: className, x: 0, y: -100 }, chart);
    node.textContent = text;
    let out = text;
    if (node.getComputedTextLength() > width) {
      let lo = 0;
      let hi = text.length;
      while (lo < hi) { // the longest prefix that fits
        const mid = Math.ceil((lo + hi) / 2);
        node.textContent = truncate(text, mid);
        if (node.getComputedTextLength() <= width) lo = mid;
        else hi = mid - 1;
      }
      out = truncate(text, Math.max(1, lo));
    }
    chart.removeChild(node);
    fitted.set(key, out);
    return out;
  }
  function actorName(index) {
    return index === NO_ACTOR ? '(no actor)' : actors[index].name;
  }

  // --- The story's columns (docs/exports.md#the-interactive-page), read once ---------------
  const columns = data.events;
  const count = columns.count;
  /// A front-coded text column: each text is the first n units of the previous one followed
  /// by its `rest`, n being the place of its character of `shared` in SHARED_DIGITS.
  const SHARED_DIGITS = " !#$%'()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";
  const sharedLength = new Uint8Array(128);
  for (let k = 0; k < SHARED_DIGITS.length; ++k) sharedLength[SHARED_DIGITS.charCodeAt(k)] = k;
  function frontDecoded(column) {
    const out = new Array(count);
    const { shared, rest } = column;
    let previous = '';
    for (let i = 0; i < count; ++i) {
      const n = sharedLength[shared.charCodeAt(i)];
      previous = (n ? previous.slice(0, n) : '') + rest[i];
      out[i] = previous;
    }
    return out;
  }
  const ids = frontDecoded(columns.id);
  const titles = frontDecoded(columns.title);
  let dates = null; // the dates as described, and as written: decoded when first shown
  let edtfs = null;
  function dateOf(i) {
    if (!dates) dates = frontDecoded(columns.date);
    return dates[i];
  }
  function edtfOf(i) {
    if (!edtfs) edtfs = frontDecoded(columns.edtf);
    return edtfs[i];
  }
  const start = new Float64Array(count); // ms; -Infinity for an open start
  const end = new Float64Array(count); // ms, the last one; +Infinity for an open end
  {
    // Seconds: earliest as the difference from the previous known one; latest as how much
    // longer the event lasts than the previous one with both ends did, or itself when the
    // start is open; null for an open end.
    let earliest = 0;
    let length = 0;
    for (let i = 0; i < count; ++i) {
      const e = columns.earliest[i];
      const l = columns.latest[i];
      if (e === null) start[i] = -Infinity;
      else start[i] = (earliest += e) * 1000;
      if (l === null) end[i] = Infinity;
      else if (e === null) end[i] = l * 1000 + 999;
      else end[i] = (earliest + (length += l)) * 1000 + 999;
    }
  }
  // Each event's small fields are one code into the table of forms that occur: [precision,
  // shape, flags (1 uncertain, 2 approximate), kind, actors, relations, tags, has details].
  const form = Uint32Array.from(columns.form);
  const forms = columns.forms;
  const MISSING = columns.kinds.indexOf('missing');
  const formField = (k) => forms.map((f) => f[k]);
  const formPrecision = formField(0);
  const formShape = formField(1).map((c) => data.shapes[c]);
  const formFlags = formField(2);
  const formKind = formField(3);
  const shapeOf = (i) => formShape[form[i]];
  const kindOf = (i) => columns.kinds[formKind[form[i]]];
  const isMissing = (i) => formKind[form[i]] === MISSING;
  const isUncertain = (i) => formFlags[form[i]] !== 0;
  /// Offsets into a flat list from per-event counts (field k of the form): the items of event i
  /// are [at[i], at[i + 1]).
  function offsets(k) {
    const perForm = formField(k);
    const at = new Uint32Array(count + 1);
    for (let i = 0; i < count; ++i) at[i + 1] = at[i] + perForm[form[i]];
    return at;
  }
  const actorAt = offsets(4);
  const actorList = Int32Array.from(columns.actors);
  const tagAt = offsets(6);
  const detailAt = offsets(7); // line of event i in the details block, when it has one
  // Relations point from the later event (the one that answers) to its target, as CSR index
  // arrays: up (what i answers) from the data, down (what answers i) built here once.
  const upAt = offsets(5);
  const relationCount = upAt[count];
  const typeCount = data.relation_types.length;
  const upList = new Uint32Array(relationCount);
  const upType = new Uint8Array(relationCount);
  for (let i = 0; i < count; ++i) {
    for (let k = upAt[i]; k < upAt[i + 1]; ++k) {
      const code = columns.relations[k]; // how far back, times the types, plus the type
      upType[k] = code % typeCount;
      upList[k] = i - (code - upType[k]) / typeCount;
    }
  }
  const downAt = new Uint32Array(count + 1);
  for (let k = 0; k < relationCount; ++k) ++downAt[upList[k] + 1];
  for (let i = 0; i < count; ++i) downAt[i + 1] += downAt[i];
  const downList = new Uint32Array(relationCount);
  {
    const fill = downAt.slice(0, count);
    for (let i = 0; i < count; ++i) {
      for (let k = upAt[i]; k < upAt[i + 1]; ++k) downList[fill[upList[k]]++] = i;
    }
  }
  const actorsOf = (i) => Array.from(actorList.subarray(actorAt[i], actorAt[i + 1]));
  const tagsOf = (i) => columns.tags.slice(tagAt[i], tagAt[i + 1]).map((t) => columns.tag_names[t]);
  const titleOf = (i) => (isMissing(i) ? `${titles[i]} (missing)` : titles[i]);

  // The details block: a line for each event with longer text, parsed when shown; all of it
  // when a search needs it.
  const detailsNode = document.getElementById('eventgraph-details');
  const NO_DETAILS = {};
  let detailLines = null; // where each line starts in the block's text
  let detailText = null;
  let allDetails = null;
  function detailsOf(i) {
    if (detailAt[i + 1] === detailAt[i]) return NO_DETAILS;
    const line = detailAt[i];
    if (allDetails) return allDetails[line];
    if (!detailLines) {
      detailText = detailsNode.textContent;
      const lines = detailAt[count];
      detailLines = new Uint32Array(lines + 1);
      let at = detailText.indexOf('\n');
      for (let k = 0; k <= lines && at >= 0; ++k) {
        detailLines[k] = at + 1;
        at = detailText.indexOf('\n', at + 1);
      }
    }
    let text = detailText.slice(detailLines[line], detailLines[line + 1] - 1);
    if (text.endsWith(',')) text = text.slice(0, -1);
    return JSON.parse(text);
  }
  function everyDetail() {
    if (!allDetails) {
      allDetails = JSON.parse(detailsNode.textContent);
      detailText = null;
    }
  }
  /// Everything about event i, for the panel and the tooltip.
  function eventView(i) {
    const d = detailsOf(i);
    const notes = d.relation_notes || [];
    const relations = [];
    for (let k = upAt[i]; k < upAt[i + 1]; ++k) {
      relations.push({ type: data.relation_types[upType[k]], to: upList[k],
        note: notes[k - upAt[i]] || '' });
    }
    const flag = formFlags[form[i]];
    return {
      id: ids[i], title: titles[i], date: dateOf(i), edtf: edtfOf(i),
      precision: data.precisions[formPrecision[form[i]]], shape: shapeOf(i),
      uncertain: (flag & 1) !== 0, approximate: (flag & 2) !== 0,
      timezone: d.timezone || data.timezone, kind: kindOf(i), channel: d.channel || '',
      place: d.place || '', summary: d.summary || '', notes: d.notes || '', actors: actorsOf(i),
      to: d.to || [], tags: tagsOf(i), quotes: d.quotes || [], sources: d.sources || [],
      relations,
    };
  }
  const up = { at: upAt, list: upList };
  const down = { at: downAt, list: downList };

  /// Everything `root` answers, transitively, plus everything that answered it, transitively,
  /// and root itself: what `eventgraph chain --direction both` lists. Iterative BFS, no
  /// recursion, each event visited once per direction.
  function chainBoth(root) {
    const found = new Uint8Array(count);
    found[root] = 1;
    const queue = new Uint32Array(count);
    for (const next of [up, down]) {
      const seen = new Uint8Array(count);
      seen[root] = 1;
      queue[0] = root;
      let tail = 1;
      for (let head = 0; head < tail; ++head) {
        const at = queue[head];
        for (let k = next.at[at]; k < next.at[at + 1]; ++k) {
          const n = next.list[k];
          if (!seen[n]) {
            seen[n] = 1;
            found[n] = 1;
            queue[tail++] = n;
          }
        }
      }
    }
    return found;
  }

  // Lanes: one per actor that has events, in the story's actor order; events without actors
  // share a last lane.
  const laneEvents = new Map();
  for (let i = 0; i < count; ++i) {
    const keys = actorAt[i + 1] > actorAt[i] ? actorsOf(i) : [NO_ACTOR];
    for (const key of keys) {
      if (!laneEvents.has(key)) laneEvents.set(key, []);
      laneEvents.get(key).push(i);
    }
  }
  const lanes = actors.map((_, i) => i).filter((i) => laneEvents.has(i));
  if (laneEvents.has(NO_ACTOR)) lanes.push(NO_ACTOR);

  const typeCounts = new Uint32Array(data.relation_types.length);
  for (let k = 0; k < relationCount; ++k) ++typeCounts[upType[k]];
  const relationTypes = data.relation_types.filter((_, t) => typeCounts[t] > 0);

  // What search looks in, lower-cased, made when a search first needs it.
  let haystack = null;
  function searchText() {
    if (haystack) return haystack;
    everyDetail();
    haystack = new Array(count);
    for (let i = 0; i < count; ++i) {
      const d = detailsOf(i);
      haystack[i] = [
        ids[i], titles[i], d.summary, d.notes, d.place, d.channel, kindOf(i), dateOf(i),
        ...tagsOf(i), ...(d.quotes || []).map((q) => q.text), ...actorsOf(i).map(actorName),
        ...(d.to || []).map(actorName),
      ].join('\n').toLowerCase();
    }
    return haystack;
  }

  // Time order, for lists.
  const byTime = Array.from({ length: count }, (_, i) => i).sort((a, b) =>
    start[a] - start[b] || end[a] - end[b] || a - b);
  const timeRank = new Uint32Array(count);
  byTime.forEach((i, rank) => { timeRank[i] = rank; });

  // --- The story's zone, for the axis --------------------------------------------------------
  function zoneFormatter(name) {
    try {
      return new Intl.DateTimeFormat('en-US', {
        timeZone: name, hourCycle: 'h23', era: 'short', year: 'numeric', month: 'numeric',
        day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
      });
    } catch (_) {
      return null;
    }
  }
  let zoneName = data.timezone || 'UTC';
  let formatter = zoneFormatter(zoneName);
  if (!formatter) {
    zoneName = 'UTC';
    formatter = zoneFormatter('UTC');
  }
  function wallOf(ms) {
    const parts = {};
    for (const part of formatter.formatToParts(new Date(ms))) parts[part.type] = part.value;
    let year = Number(parts.year);
    if (parts.era && parts.era.startsWith('B')) year = 1 - year;
    return {
      y: year, mo: Number(parts.month) - 1, d: Number(parts.day), h: Number(parts.hour) % 24,
      mi: Number(parts.minute), s: Number(parts.second),
    };
  }
  /// Wall-clock fields read as if in UTC; months and days may overflow (normalized).
  function wallMs(y, mo, d, h, mi) {
    const t = new Date(0);
    t.setUTCFullYear(y, mo, d);
    t.setUTCHours(h, mi, 0, 0);
    return t.getTime();
  }
  function offsetAt(ms) {
    const w = wallOf(ms);
    return wallMs(w.y, w.mo, w.d, w.h, w.mi) + w.s * 1000 - Math.floor(ms / 1000) * 1000;
  }
  /// The instant at which the story's zone shows this wall time (`wall` from wallMs).
  function zoneInstant(wall) {
    let t = wall - offsetAt(wall);
    const again = wall - offsetAt(t);
    if (again !== t) t = again;
    return t;
  }

  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov',
    'Dec'];
  function yearText(y) {
    return y <= 0 ? `${1 - y} BCE` : String(y);
  }
  const MINUTE = 60000;
  const HOUR = 3600000;
  const STEPS = [
    ['minute', 1, MINUTE], ['minute', 5, 5 * MINUTE], ['minute', 15, 15 * MINUTE],
    ['minute', 30, 30 * MINUTE], ['hour', 1, HOUR], ['hour', 3, 3 * HOUR], ['hour', 6, 6 * HOUR],
    ['hour', 12, 12 * HOUR], ['day', 1, DAY_MS], ['day', 2, 2 * DAY_MS], ['week', 1, 7 * DAY_MS],
    ['month', 1, 30.44 * DAY_MS], ['month', 3, 91.3 * DAY_MS], ['month', 6, 182.6 * DAY_MS],
  ];
  for (const years of [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000]) {
    STEPS.push(['year', years, years * 365.25 * DAY_MS]);
  }

  /// Ticks for the view: [{t, main, context}], `context` set where the day or year changes.
  function ticks(from, to, pxPerMs) {
    const step = STEPS.find((s) => s[2] * pxPerMs >= 72) || STEPS[STEPS.length - 1];
    const [unit, n] = step;
    const w = wallOf(from);
    let wall;
    if (unit === 'minute') wall = wallMs(w.y, w.mo, w.d, w.h, Math.floor(w.mi / n) * n);
    else if (unit === 'hour') wall = wallMs(w.y, w.mo, w.d, Math.floor(w.h / n) * n, 0);
    else if (unit === 'day') wall = wallMs(w.y, w.mo, w.d, 0, 0);
    else if (unit === 'week') {
      const midnight = wallMs(w.y, w.mo, w.d, 0, 0);
      wall = midnight - ((new Date(midnight).getUTCDay() + 6) % 7) * DAY_MS; // Monday
    } else if (unit === 'month') wall = wallMs(w.y, Math.floor(w.mo / n) * n, 1, 0, 0);
    else wall = wallMs(Math.floor(w.y / n) * n, 0, 1, 0, 0);

    const out = [];
    let previous = null;
    for (let guard = 0; guard < 400; ++guard) {
      const t = zoneInstant(wall);
      if (t > to) break;
      const f = new Date(wall);
      const y = f.getUTCFullYear();
      const mo = f.getUTCMonth();
      const d = f.getUTCDate();
      if (t >= from) {
        let main;
        let context = null;
        if (unit === 'minute' || unit === 'hour') {
          main = `${String(f.getUTCHours()).padStart(2, '0')}:${String(f.getUTCMinutes()).padStart(2, '0')}`;
          if (!previous || previous.d !== d || previous.mo !== mo || previous.y !== y) {
            context = `${MONTHS[mo]} ${d}, ${yearText(y)}`;
          }
        } else if (unit === 'day' || unit === 'week') {
          main = `${MONTHS[mo]} ${d}`;
          if (!previous || previous.y !== y) context = yearText(y);
        } else if (unit === 'month') {
          main = MONTHS[mo];
          if (!previous || previous.y !== y) context = yearText(y);
        } else {
          main = yearText(y);
        }
        out.push({ t, main, context });
        previous = { y, mo, d };
      }
      if (unit === 'minute') wall += n * MINUTE;
      else if (unit === 'hour') wall += n * HOUR;
      else if (unit === 'day') wall += n * DAY_MS;
      else if (unit === 'week') wall += 7 * DAY_MS;
      else if (unit === 'month') wall = wallMs(y, mo + n, 1, 0, 0);
      else wall = wallMs(y + n, 0, 1, 0, 0);
    }
    return out;
  }

  // --- Views ---------------------------------------------------------------------------------
  function padded(lo, hi) {
    if (!(hi > lo)) {
      lo -= DAY_MS;
      hi += DAY_MS;
    }
    const pad = (hi - lo) * 0.06;
    return { start: Math.max(-MS_LIMIT, lo - pad), end: Math.min(MS_LIMIT, hi + pad) };
  }
  /// First view: where the events end (or begin, for open ends), so long background spans come
  /// in from the left instead of squeezing the story into a corner.
  function focusView() {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < count; ++i) {
      const anchor = Number.isFinite(end[i]) ? end[i] : start[i];
      const other = Number.isFinite(start[i]) && end[i] - start[i] <= 2 * DAY_MS ? start[i] : anchor;
      lo = Math.min(lo, anchor, other);
      hi = Math.max(hi, anchor);
    }
    if (!Number.isFinite(lo)) {
      const now = Date.UTC(2000, 0, 1);
      return padded(now, now);
    }
    return padded(lo, hi);
  }
  function wholeView() {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < count; ++i) {
      for (const t of [start[i], end[i]]) {
        if (Number.isFinite(t)) {
          lo = Math.min(lo, t);
          hi = Math.max(hi, t);
        }
      }
    }
    return Number.isFinite(lo) ? padded(lo, hi) : focusView();
  }

  // --- State ---------------------------------------------------------------------------------
  const state = {
    view: focusView(),
    selected: -1,
    lit: null, // Uint8Array from chainBoth, when something is selected
    hiddenLanes: new Set(),
    hiddenTypes: new Set(),
    query: '',
    matches: null, // Uint8Array, when there is a query
  };

  // --- Elements ------------------------------------------------------------------------------
  const chart = document.getElementById('chart');
  const timeline = document.getElementById('timeline');
  const tooltip = document.getElementById('tooltip');
  const details = document.getElementById('details');
  const searchBox = document.getElementById('search');
  const searchCount = document.getElementById('search-count');

  document.getElementById('story-title').textContent = data.title || 'Timeline';
  const description = document.getElementById('story-description');
  description.textContent = data.description || '';
  description.title = 'Click to show all or less';
  description.addEventListener('click', () => description.classList.toggle('open'));

  // --- Drawing -------------------------------------------------------------------------------
  function markerDefs(parent) {
    const defs = svg('defs', null, parent);
    for (const type of data.relation_types) {
      const marker = svg('marker', {
        id: `arrow-${type}`, class: `arrowhead type-${type}`, viewBox: '0 0 10 10', refX: 9,
        refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse',
      }, defs);
      svg('path', { d: 'M0,0 L10,5 L0,10 z' }, marker);
    }
    const clip = svg('clipPath', { id: 'plot-clip' }, defs);
    return clip;
  }

  let scheduled = false;
  function schedule() {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      render();
    });
  }

  function render() {
    const focusedId = document.activeElement && document.activeElement.closest &&
      document.activeElement.closest('g.event') ?
      document.activeElement.closest('g.event').getAttribute('data-id') : null;
    const width = Math.max(480, timeline.clientWidth);
    const plotLeft = LABEL_WIDTH;
    const plotRight = width - 16;
    const plotWidth = plotRight - plotLeft;
    const { start: v0, end: v1 } = state.view;
    const pxPerMs = plotWidth / (v1 - v0);
    const x = (t) => plotLeft + (t - v0) * pxPerMs;
    const edgeLeft = plotLeft - 12;
    const edgeRight = plotRight + 12;
    const clampX = (px) => Math.min(edgeRight, Math.max(edgeLeft, px));

    clear(chart);
    const laneText = new Map(); // measured while the chart is empty, so each costs little
    for (const lane of lanes) {
      if (state.hiddenLanes.has(lane)) continue;
      const role = lane === NO_ACTOR ? '' : actors[lane].role;
      laneText.set(lane, [fitText(actorName(lane), 'lane-name', plotLeft - 24),
        role ? fitText(role, 'lane-role', plotLeft - 24) : '']);
    }
    const clip = markerDefs(chart);
    chart.setAttribute('data-view-start', new Date(v0).toISOString());
    chart.setAttribute('data-view-end', new Date(v1).toISOString());

    // Place the events of each visible lane in rows, labels included where they fit.
    const placed = []; // {i, lane, row, xa, xb, dot, label}
    const laneLayout = [];
    let y = AXIS_HEIGHT + ARROW_ROOM;
    for (const lane of lanes) {
      if (state.hiddenLanes.has(lane)) continue;
      const items = [];
      for (const i of laneEvents.get(lane)) {
        if (end[i] < v0 || start[i] > v1) continue;
        const xa = clampX(x(start[i]));
        const xb = clampX(x(end[i]));
        // A point narrower than a few dots is a dot; wider (a month at day zoom), its span.
        // Any span narrower than a dot is one too.
        const dot = xb - xa < (shapeOf(i) === 'point' ? 6 : 2) * DOT_RADIUS;
        const left = dot ? (xa + xb) / 2 - DOT_RADIUS : xa;
        const right = dot ? (xa + xb) / 2 + DOT_RADIUS : Math.max(xb, xa + 4);
        items.push({ i, lane, xa: left, xb: right, dot });
      }
      items.sort((a, b) => a.xa - b.xa || timeRank[a.i] - timeRank[b.i]);
      const rowEnds = [];
      for (const item of items) {
        const title = titleOf(item.i);
        const labelWidth = Math.min(title.length, MAX_LABEL_CHARS) * CHAR_WIDTH;
        // A long bar carries its label inside; anything else has it on its right.
        item.inside = !item.dot && item.xb - Math.max(item.xa, plotLeft) > labelWidth + 12;
        const withLabel = item.inside ? item.xb : item.xb + 6 + labelWidth;
        let row = rowEnds.findIndex((rowEnd) => rowEnd + 8 <= item.xa);
        if (row < 0 && rowEnds.length < MAX_ROWS) {
          row = rowEnds.length;
          rowEnds.push(-Infinity);
        }
        if (row >= 0) {
          item.label = truncate(title, MAX_LABEL_CHARS);
          rowEnds[row] = withLabel;
        } else {
          row = rowEnds.indexOf(Math.min(...rowEnds));
          item.label = null;
          rowEnds[row] = Math.max(rowEnds[row], item.xb);
        }
        item.row = row;
        placed.push(item);
      }
      const rows = Math.max(1, rowEnds.length);
      const height = Math.max(MIN_LANE_HEIGHT, rows * ROW_HEIGHT + 2 * LANE_PADDING);
      laneLayout.push({ lane, top: y, height });
      for (const item of items) {
        item.y = y + LANE_PADDING + item.row * ROW_HEIGHT + ROW_HEIGHT / 2 +
          (height - rows * ROW_HEIGHT - 2 * LANE_PADDING) / 2;
      }
      y += height;
    }
    const totalHeight = Math.max(y + 16, AXIS_HEIGHT + 80);
    chart.setAttribute('width', width);
    chart.setAttribute('height', totalHeight);
    chart.setAttribute('viewBox', `0 0 ${width} ${totalHeight}`);
    svg('rect', { x: plotLeft, y: 0, width: plotWidth, height: totalHeight }, clip);
    const below = svg('clipPath', { id: 'lanes-clip' }, clip.parentNode);
    svg('rect', { x: plotLeft, y: AXIS_HEIGHT, width: plotWidth, height: totalHeight }, below);

    // Lane backgrounds and the axis grid.
    const back = svg('g', { class: 'lanes' }, chart);
    laneLayout.forEach((l, k) => {
      svg('rect', {
        class: k % 2 ? 'lane odd' : 'lane even', x: 0, y: l.top, width, height: l.height,
      }, back);
    });
    const axis = svg('g', { class: 'axis' }, chart);
    svg('rect', { class: 'axis-band', x: 0, y: 0, width, height: AXIS_HEIGHT }, axis);
    const grid = svg('g', { class: 'grid', 'clip-path': 'url(#plot-clip)' }, axis);
    for (const tick of ticks(v0, v1, pxPerMs)) {
      const tx = x(tick.t);
      if (tx > plotRight - 44) continue; // a label cut by the edge reads as another date
      svg('line', { x1: tx, x2: tx, y1: AXIS_HEIGHT - 8, y2: totalHeight }, grid);
      const label = svg('text', { class: 'tick', x: tx + 4, y: AXIS_HEIGHT - 12 }, grid);
      label.textContent = tick.main;
      if (tick.context) {
        const context = svg('text', { class: 'tick-context', x: tx + 4, y: AXIS_HEIGHT - 28 }, grid);
        context.textContent = tick.context;
      }
    }
    const zoneNote = svg('text', { class: 'zone-note', x: 12, y: AXIS_HEIGHT - 12 }, axis);
    zoneNote.textContent = `Dates in ${zoneName}`;

    // Relations under the events.
    const firstPlacement = new Map();
    for (const item of placed) if (!firstPlacement.has(item.i)) firstPlacement.set(item.i, item);
    const arrows = svg('g', { class: 'relations', 'clip-path': 'url(#lanes-clip)' }, chart);
    for (const [i, from] of firstPlacement) {
      for (let k = upAt[i]; k < upAt[i + 1]; ++k) {
        const r = { type: data.relation_types[upType[k]], to: upList[k] };
        if (state.hiddenTypes.has(r.type)) continue;
        const to = firstPlacement.get(r.to);
        if (!to) continue;
        // Ends at the dots, or where the bars are closest to each other.
        const clampTo = (item, px) => Math.min(Math.max(px, Math.max(item.xa, plotLeft) + 4),
          Math.max(item.xb - 4, item.xa));
        const toMiddle = to.dot ? (to.xa + to.xb) / 2 : (Math.max(to.xa, plotLeft) + to.xb) / 2;
        const sx = from.dot ? (from.xa + from.xb) / 2 : clampTo(from, toMiddle);
        const tx = to.dot ? (to.xa + to.xb) / 2 : clampTo(to, sx);
        const sy = from.y;
        const ty = to.y;
        // Leaves the answer and enters its target from above, so it crosses no label.
        const lift = Math.min(48, 16 + Math.abs(sx - tx) * 0.1);
        const sy0 = sy - (from.dot ? DOT_RADIUS : 7);
        const ty0 = ty - (to.dot ? DOT_RADIUS : 7);
        const path = svg('path', {
          class: `relation type-${r.type}`,
          d: `M${sx},${sy0} C${sx},${sy0 - lift} ${tx},${ty0 - lift} ${tx},${ty0}`,
          'marker-end': `url(#arrow-${r.type})`,
          'data-type': r.type,
          'data-from': ids[i],
          'data-to': ids[r.to],
        }, arrows);
        if (state.lit) {
          path.classList.add(state.lit[i] && state.lit[r.to] ? 'lit' : 'dim');
        } else if (state.matches) {
          path.classList.add('dim');
        }
      }
    }

    // Events.
    const marks = svg('g', { class: 'events', 'clip-path': 'url(#plot-clip)' }, chart);
    let refocus = null;
    for (const item of placed) {
      const classes = ['event', `shape-${shapeOf(item.i)}`];
      if (item.dot) classes.push('dot');
      if (isUncertain(item.i)) classes.push('uncertain');
      if (isMissing(item.i)) classes.push('missing'); // a placeholder: referred to, not in the data
      if (!Number.isFinite(start[item.i])) classes.push('open-start');
      if (!Number.isFinite(end[item.i])) classes.push('open-end');
      if (firstPlacement.get(item.i) === item) classes.push('primary');
      if (state.lit) classes.push(item.i === state.selected ? 'selected' : state.lit[item.i] ? 'lit' : 'dim');
      if (state.matches) {
        if (state.matches[item.i]) classes.push('match');
        else if (!state.lit) classes.push('dim');
      }
      const g = svg('g', {
        class: classes.join(' '), 'data-id': ids[item.i], tabindex: 0, role: 'button',
        'aria-label': titles[item.i],
      }, marks);
      // One target for the marker, its label and the gap between them.
      const labelEnd = item.label && !item.inside ?
        item.xb + 6 + item.label.length * CHAR_WIDTH : item.xb;
      svg('rect', {
        class: 'hit', x: item.xa - 2, y: item.y - ROW_HEIGHT / 2 + 2, width: labelEnd - item.xa + 4,
        height: ROW_HEIGHT - 4,
      }, g);
      if (item.dot) {
        svg('circle', { cx: (item.xa + item.xb) / 2, cy: item.y, r: DOT_RADIUS }, g);
      } else {
        svg('rect', {
          x: item.xa, y: item.y - 7, width: Math.max(4, item.xb - item.xa), height: 14, rx: 3,
        }, g);
      }
      if (item.label) {
        const text = item.inside ?
          svg('text', { class: 'label inside', x: Math.max(item.xa, plotLeft) + 6, y: item.y + 4 }, g) :
          svg('text', { class: 'label', x: item.xb + 6, y: item.y + 4 }, g);
        text.textContent = item.label;
      }
      if (focusedId === ids[item.i] && !refocus) refocus = g;
    }

    // Lane labels over everything on the left.
    const labels = svg('g', { class: 'lane-labels' }, chart);
    for (const l of laneLayout) {
      svg('rect', { class: 'lane-label-back', x: 0, y: l.top, width: plotLeft - 8, height: l.height }, labels);
      const name = actorName(l.lane);
      const role = l.lane === NO_ACTOR ? '' : actors[l.lane].role;
      const text = svg('text', { class: 'lane-name', x: 12, y: l.top + (role ? 20 : 26) }, labels);
      text.textContent = laneText.get(l.lane)[0];
      const title = svg('title', null, text);
      title.textContent = role ? `${name}, ${role}` : name;
      if (role) {
        const roleText = svg('text', { class: 'lane-role', x: 12, y: l.top + 35 }, labels);
        roleText.textContent = laneText.get(l.lane)[1];
      }
    }
    if (!laneLayout.length) {
      const empty = svg('text', { class: 'empty', x: plotLeft + 12, y: AXIS_HEIGHT + 50 }, chart);
      empty.textContent = 'No actor selected: tick actors on the left to show their events.';
    }
    if (refocus) refocus.focus({ preventScroll: true });
  }

  // --- Details panel -------------------------------------------------------------------------
  function eventButton(i, prefix) {
    const button = el('button', 'event-link');
    button.type = 'button';
    button.setAttribute('data-id', ids[i]);
    if (prefix) button.appendChild(el('span', 'relation-word', prefix));
    button.appendChild(el('span', 'event-date', dateOf(i)));
    button.appendChild(document.createTextNode(' '));
    button.appendChild(el('span', 'event-title', titles[i]));
    button.addEventListener('click', () => select(i, true));
    return button;
  }
  function field(list, name, value) {
    if (!value) return;
    list.appendChild(el('dt', null, name));
    list.appendChild(el('dd', null, value));
  }
  function sourceItem(source) {
    const li = el('li', 'source');
    const label = source.title || source.url || 'source';
    if (isWebUrl(source.url)) {
      const a = el('a', null, label);
      a.setAttribute('href', source.url);
      a.setAttribute('rel', 'noopener noreferrer');
      a.setAttribute('target', '_blank');
      li.appendChild(a);
    } else {
      li.appendChild(el('span', 'source-title', label));
      if (source.url && source.url !== label) {
        li.appendChild(document.createTextNode(' '));
        li.appendChild(el('code', 'source-url', source.url));
      }
    }
    const about = [source.publisher, source.date].filter(Boolean).join(', ');
    if (about) li.appendChild(el('span', 'source-about', ` (${about})`));
    if (source.note) li.appendChild(el('p', 'source-note', source.note));
    return li;
  }

  function showOverview() {
    clear(details);
    details.appendChild(el('h2', null, 'About this timeline'));
    const relations = relationCount;
    details.appendChild(el('p', null,
      `${count} events, ${lanes.length} actors with events, ${relations} relations.`));
    details.appendChild(el('p', 'muted', `Axis dates are in ${zoneName}; each event's date is given as its source states it, at its precision.`));
    details.appendChild(el('p', 'muted',
      'Click an event to see its details, with everything it answers and everything that answered it, directly or not.'));
  }

  function showEvent(i) {
    const e = eventView(i);
    clear(details);
    const close = el('button', 'close', 'Clear selection');
    close.type = 'button';
    close.addEventListener('click', () => select(-1));
    details.appendChild(close);
    details.appendChild(el('h2', 'event-heading', e.title));
    if (e.kind === 'missing') details.appendChild(el('p', 'event-missing', 'Missing: the data refers to this event but does not hold it.'));
    details.appendChild(el('p', 'event-when', e.date));
    const qualifiers = [`EDTF ${e.edtf}`, `${e.precision} precision`];
    if (e.shape === 'one-of') qualifiers.push('one moment within the span');
    if (e.shape === 'interval') qualifiers.push('lasted the span');
    if (e.uncertain) qualifiers.push('uncertain');
    if (e.approximate) qualifiers.push('approximate');
    qualifiers.push(e.timezone);
    details.appendChild(el('p', 'muted', qualifiers.join(' · ')));
    const facts = el('dl', 'facts');
    field(facts, 'Actors', e.actors.map(actorName).join(', '));
    field(facts, 'To', e.to.map(actorName).join(', '));
    field(facts, 'Kind', e.kind);
    field(facts, 'Channel', e.channel);
    field(facts, 'Place', e.place);
    field(facts, 'Tags', e.tags.join(', '));
    field(facts, 'Id', e.id);
    details.appendChild(facts);
    if (e.summary) details.appendChild(el('p', 'summary', e.summary));
    for (const q of e.quotes) {
      const block = el('blockquote', null, q.text);
      if (q.by) block.appendChild(el('footer', null, `— ${q.by}`));
      details.appendChild(block);
    }
    if (e.notes) {
      const notes = el('details', 'notes');
      notes.appendChild(el('summary', null, 'Notes'));
      notes.appendChild(el('p', null, e.notes));
      details.appendChild(notes);
    }
    if (e.sources.length) {
      details.appendChild(el('h3', null, 'Sources'));
      const list = el('ul', 'sources');
      e.sources.forEach((s) => list.appendChild(sourceItem(s)));
      details.appendChild(list);
    }
    if (e.relations.length) {
      details.appendChild(el('h3', null, 'Answers'));
      const list = el('ul', 'relation-list');
      for (const r of e.relations) {
        const li = el('li');
        li.appendChild(eventButton(r.to, `${r.type} `));
        if (r.note) li.appendChild(el('p', 'relation-note', r.note));
        list.appendChild(li);
      }
      details.appendChild(list);
    }
    if (downAt[i + 1] > downAt[i]) {
      details.appendChild(el('h3', null, 'Answered by'));
      const list = el('ul', 'relation-list');
      let previous = -1;
      for (let j = downAt[i]; j < downAt[i + 1]; ++j) {
        const from = downList[j];
        if (from === previous) continue; // several relations to i: each listed once below
        previous = from;
        for (let k = upAt[from]; k < upAt[from + 1]; ++k) {
          if (upList[k] === i) {
            const li = el('li');
            li.appendChild(eventButton(from, `${data.relation_types[upType[k]]} `));
            list.appendChild(li);
          }
        }
      }
      details.appendChild(list);
    }
    const connected = [];
    for (const k of byTime) if (state.lit[k]) connected.push(k);
    details.appendChild(el('h3', null, `Chain, up and down: ${connected.length} events`));
    const list = el('ol', 'chain-list');
    list.id = 'chain-list';
    const shown = connected.slice(0, 1000);
    for (const k of shown) {
      const li = el('li', k === i ? 'current' : null);
      li.appendChild(eventButton(k));
      list.appendChild(li);
    }
    details.appendChild(list);
    if (connected.length > shown.length) {
      details.appendChild(el('p', 'muted', `… and ${connected.length - shown.length} more`));
    }
  }

  function select(i, reveal) {
    hideTooltip();
    state.selected = i;
    state.lit = i >= 0 ? chainBoth(i) : null;
    if (i >= 0) {
      showEvent(i);
      if (reveal && (end[i] < state.view.start || start[i] > state.view.end)) {
        const span = state.view.end - state.view.start;
        const t = Number.isFinite(end[i]) ? end[i] : start[i];
        state.view = { start: t - span / 2, end: t + span / 2 };
      }
    } else {
      showOverview();
    }
    render();
  }

  // --- Tooltip -------------------------------------------------------------------------------
  function showTooltip(i, clientX, clientY) {
    const e = eventView(i);
    clear(tooltip);
    tooltip.appendChild(el('div', 'tip-date', e.date));
    const precision = [`${e.precision} precision`];
    if (e.uncertain) precision.push('uncertain');
    if (e.approximate) precision.push('approximate');
    tooltip.appendChild(el('div', 'tip-precision', precision.join(', ')));
    let who = e.actors.map(actorName).join(', ');
    if (e.to.length) who += ` → ${e.to.map(actorName).join(', ')}`;
    if (who) tooltip.appendChild(el('div', 'tip-actors', who));
    tooltip.appendChild(el('div', 'tip-title', e.title));
    if (e.summary) tooltip.appendChild(el('div', 'tip-summary', truncate(e.summary, 360)));
    tooltip.hidden = false;
    moveTooltip(clientX, clientY);
  }
  function moveTooltip(clientX, clientY) {
    const box = tooltip.getBoundingClientRect();
    const left = Math.min(clientX + 14, window.innerWidth - box.width - 8);
    const top = clientY + 16 + box.height > window.innerHeight ? clientY - box.height - 12 : clientY + 16;
    tooltip.style.left = `${Math.max(8, left)}px`;
    tooltip.style.top = `${Math.max(8, top)}px`;
  }
  function hideTooltip() {
    tooltip.hidden = true;
  }
  function eventIndexAt(target) {
    const g = target && target.closest ? target.closest('g.event') : null;
    if (!g) return -1;
    const id = g.getAttribute('data-id');
    return idIndex.has(id) ? idIndex.get(id) : -1;
  }
  const idIndex = new Map(ids.map((id, i) => [id, i]));

  chart.addEventListener('pointerover', (ev) => {
    const i = eventIndexAt(ev.target);
    if (i >= 0 && !drag) showTooltip(i, ev.clientX, ev.clientY);
  });
  chart.addEventListener('pointermove', (ev) => {
    if (!tooltip.hidden) moveTooltip(ev.clientX, ev.clientY);
  });
  chart.addEventListener('pointerout', (ev) => {
    if (eventIndexAt(ev.target) >= 0 && eventIndexAt(ev.relatedTarget) < 0) hideTooltip();
  });
  chart.addEventListener('focusin', (ev) => {
    const i = eventIndexAt(ev.target);
    if (i < 0 || drag || !ev.target.matches(':focus-visible')) return;
    const box = ev.target.getBoundingClientRect();
    showTooltip(i, box.right, box.bottom);
  });
  chart.addEventListener('focusout', hideTooltip);
  chart.addEventListener('keydown', (ev) => {
    const i = eventIndexAt(ev.target);
    if (i >= 0 && (ev.key === 'Enter' || ev.key === ' ')) {
      ev.preventDefault();
      select(i);
    }
  });

  // --- Pan and zoom --------------------------------------------------------------------------
  function setView(v0, v1) {
    const minSpan = MINUTE * 10;
    let span = Math.max(minSpan, v1 - v0);
    span = Math.min(span, 2 * MS_LIMIT * 0.9);
    let s = (v0 + v1) / 2 - span / 2;
    s = Math.max(-MS_LIMIT, Math.min(MS_LIMIT - span, s));
    state.view = { start: s, end: s + span };
    schedule();
  }
  function zoom(factor, anchorPx) {
    const width = chart.clientWidth || timeline.clientWidth;
    const plotWidth = width - 16 - LABEL_WIDTH;
    const { start: v0, end: v1 } = state.view;
    const fraction = anchorPx === undefined ? 0.5 :
      Math.min(1, Math.max(0, (anchorPx - LABEL_WIDTH) / plotWidth));
    const at = v0 + (v1 - v0) * fraction;
    setView(at - (at - v0) * factor, at + (v1 - at) * factor);
  }
  function pan(fraction) {
    const span = state.view.end - state.view.start;
    setView(state.view.start + span * fraction, state.view.end + span * fraction);
  }
  chart.addEventListener('wheel', (ev) => {
    ev.preventDefault();
    const box = chart.getBoundingClientRect();
    const plotWidth = box.width - 16 - LABEL_WIDTH;
    if (Math.abs(ev.deltaX) > Math.abs(ev.deltaY)) {
      pan(ev.deltaX / plotWidth);
    } else {
      zoom(Math.exp(ev.deltaY * 0.0015), ev.clientX - box.left);
    }
  }, { passive: false });

  let drag = null;
  chart.addEventListener('pointerdown', (ev) => {
    if (ev.button !== 0) return;
    drag = {
      x: ev.clientX, view: state.view, moved: false, id: ev.pointerId, target: eventIndexAt(ev.target),
    };
  });
  chart.addEventListener('pointermove', (ev) => {
    if (!drag || ev.pointerId !== drag.id) return;
    const dx = ev.clientX - drag.x;
    if (!drag.moved && Math.abs(dx) < 4) return;
    if (!drag.moved) {
      drag.moved = true;
      chart.setPointerCapture(ev.pointerId);
      chart.classList.add('dragging');
      hideTooltip();
    }
    const plotWidth = chart.getBoundingClientRect().width - 16 - LABEL_WIDTH;
    const span = drag.view.end - drag.view.start;
    const shift = (-dx / plotWidth) * span;
    setView(drag.view.start + shift, drag.view.end + shift);
  });
  function endDrag(ev) {
    if (!drag || ev.pointerId !== drag.id) return;
    const wasClick = !drag.moved && ev.type === 'pointerup';
    const target = drag.target;
    if (drag.moved) chart.releasePointerCapture(ev.pointerId);
    chart.classList.remove('dragging');
    drag = null;
    if (wasClick) select(target);
  }
  chart.addEventListener('pointerup', endDrag);
  chart.addEventListener('pointercancel', endDrag);

  const bind = (id, action) => document.getElementById(id).addEventListener('click', action);
  bind('zoom-in', () => zoom(1 / 1.6));
  bind('zoom-out', () => zoom(1.6));
  bind('pan-left', () => pan(-0.25));
  bind('pan-right', () => pan(0.25));
  bind('view-focus', () => { const v = focusView(); setView(v.start, v.end); });
  bind('view-all', () => { const v = wholeView(); setView(v.start, v.end); });
  document.addEventListener('keydown', (ev) => {
    if (ev.target === searchBox) return;
    if (ev.key === 'Escape') select(-1);
    else if (ev.key === '+' || ev.key === '=') zoom(1 / 1.6);
    else if (ev.key === '-') zoom(1.6);
    else if (ev.key === 'ArrowLeft' && ev.target === document.body) pan(-0.1);
    else if (ev.key === 'ArrowRight' && ev.target === document.body) pan(0.1);
  });
  window.addEventListener('resize', schedule);

  // --- Filters -------------------------------------------------------------------------------
  const actorFilter = document.getElementById('actor-filter');
  const actorBoxes = [];
  for (const lane of lanes) {
    const li = el('li');
    const label = el('label');
    const box = el('input');
    box.type = 'checkbox';
    box.checked = true;
    box.setAttribute('data-lane', lane === NO_ACTOR ? '' : actors[lane].id);
    box.addEventListener('change', () => {
      if (box.checked) state.hiddenLanes.delete(lane);
      else state.hiddenLanes.add(lane);
      render();
    });
    actorBoxes.push([box, lane]);
    label.appendChild(box);
    label.appendChild(el('span', 'filter-name', actorName(lane)));
    label.appendChild(el('span', 'filter-count', laneEvents.get(lane).length));
    li.appendChild(label);
    actorFilter.appendChild(li);
  }
  function setAllActors(shown) {
    state.hiddenLanes = shown ? new Set() : new Set(lanes);
    for (const [box] of actorBoxes) box.checked = shown;
    render();
  }
  bind('actors-all', () => setAllActors(true));
  bind('actors-none', () => setAllActors(false));

  function swatch(className, draw) {
    const s = document.createElementNS(SVG_NS, 'svg');
    s.setAttribute('class', `swatch ${className}`);
    s.setAttribute('width', '34');
    s.setAttribute('height', '14');
    s.setAttribute('viewBox', '0 0 34 14');
    s.setAttribute('aria-hidden', 'true');
    draw(s);
    return s;
  }
  const relationFilter = document.getElementById('relation-filter');
  for (const type of relationTypes) {
    const li = el('li');
    const label = el('label');
    const box = el('input');
    box.type = 'checkbox';
    box.checked = true;
    box.setAttribute('data-type', type);
    box.addEventListener('change', () => {
      if (box.checked) state.hiddenTypes.delete(type);
      else state.hiddenTypes.add(type);
      render();
    });
    label.appendChild(box);
    label.appendChild(swatch('relation-swatch', (s) => {
      svg('line', { class: `relation type-${type}`, x1: 2, y1: 7, x2: 26, y2: 7 }, s);
      svg('path', { class: `arrowhead type-${type}`, d: 'M24,3 L32,7 L24,11 z' }, s);
    }));
    label.appendChild(el('span', 'filter-name', type));
    const n = typeCounts[data.relation_types.indexOf(type)];
    label.appendChild(el('span', 'filter-count', n));
    li.appendChild(label);
    relationFilter.appendChild(li);
  }
  if (!relationTypes.length) relationFilter.appendChild(el('li', 'muted', 'No relations.'));

  const legend = document.getElementById('marker-legend');
  const legendItems = [
    ['dot', 'a moment (its whole day, hour… at this zoom)', (s) => svg('circle', { cx: 17, cy: 7, r: 5 }, s)],
    ['shape-interval', 'lasted the whole span', (s) => svg('rect', { x: 2, y: 2, width: 30, height: 10, rx: 2 }, s)],
    ['shape-one-of', 'once, somewhere in the span', (s) => svg('rect', { x: 2, y: 2, width: 30, height: 10, rx: 2 }, s)],
    ['shape-point uncertain dot', 'uncertain or approximate', (s) => svg('circle', { cx: 17, cy: 7, r: 5 }, s)],
  ];
  for (const [className, text, draw] of legendItems) {
    const li = el('li');
    const g = (s) => {
      const group = svg('g', { class: `sample ${className}` }, s);
      draw(group);
    };
    li.appendChild(swatch('marker-swatch', g));
    li.appendChild(el('span', null, text));
    legend.appendChild(li);
  }

  // --- Search --------------------------------------------------------------------------------
  function runSearch() {
    const query = searchBox.value.trim().toLowerCase();
    state.query = query;
    if (!query) {
      state.matches = null;
      searchCount.textContent = '';
    } else {
      const matches = new Uint8Array(count);
      const texts = searchText();
      let n = 0;
      for (let i = 0; i < count; ++i) {
        if (texts[i].includes(query)) {
          matches[i] = 1;
          ++n;
        }
      }
      state.matches = matches;
      searchCount.textContent = n === 0 ? 'No event matches' :
        n === 1 ? '1 event matches' : `${n} events match`;
    }
    render();
  }
  searchBox.addEventListener('input', runSearch);
  searchBox.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && state.matches) {
      const first = byTime.find((i) => state.matches[i]);
      if (first !== undefined) select(first, true);
    } else if (ev.key === 'Escape') {
      if (searchBox.value) {
        searchBox.value = '';
        runSearch();
      } else {
        select(-1);
      }
    }
  });

  showOverview();
  render();
  document.body.setAttribute('data-ready', 'true');
})();
