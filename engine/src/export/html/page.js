// eventgraph's interactive timeline: the story's data is read from the JSON block
// #eventgraph-data; everything on screen is drawn here. Untrusted text only ever goes into the
// DOM through textContent, createTextNode or setAttribute (never markup), and only http(s)
// URLs become links. Dates are shown as the exporter described them (`date`), never
// re-interpreted in the browser's own zone; the axis is laid out in the story's zone.
'use strict';
(() => {
  const SVG_NS = 'http://www.w3.org/2000/svg';
  // Marks for the benchmark (tests/js/html_page_bench.mjs): parsed, read, drawn.
  const mark = (name) => performance.mark(`eventgraph-${name}`);
  const data = JSON.parse(document.getElementById('eventgraph-data').textContent);
  mark('parsed');
  const actors = data.actors;
  const NO_ACTOR = -1;

  // --- Layout constants (pixels) ------------------------------------------------------------
  const LABEL_WIDTH = 200; // the gutter with the lanes' names
  const AXIS_HEIGHT = 48;
  const ARROW_ROOM = 14; // between the axis and the first lane, for arrows that arc over it
  const ROW_HEIGHT = 24;
  const LANE_PADDING = 8;
  const MIN_LANE_HEIGHT = 44;
  const MAX_ROWS = 5; // rows of labelled events in a lane; what does not fit is counted
  const DOT_RADIUS = 6;
  const BAR_HALF = 7; // half a bar's height
  const LABEL_HALF = 7; // half a label's height, for its box
  const LABEL_GAP = 5; // between a marker and its label
  const ROW_GAP = 8; // between two things that follow each other in a row
  const MIN_SHORT_LABEL = 56; // a label shortened to fit keeps at least this width
  const CLUSTER_WIDTH = 48; // a counted cluster stands for the events of at least this width
  const MAX_LABEL_CHARS = 48;
  const MS_LIMIT = 8.64e15; // ECMAScript's date range
  const DAY_MS = 86400000;
  const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
  const LABEL_FONT = `12px ${FONT_FAMILY}`;
  const MISSING_FONT = `italic 12px ${FONT_FAMILY}`;
  const TICK_FONT = `12px ${FONT_FAMILY}`;
  const DENSE_TICK_FONT = `700 12px ${FONT_FAMILY}`;
  const CONTEXT_FONT = `600 11px ${FONT_FAMILY}`;
  const LANE_FONT = `600 13px ${FONT_FAMILY}`;
  const ROLE_FONT = `11px ${FONT_FAMILY}`;
  const CLUSTER_FONT = `600 11px ${FONT_FAMILY}`;
  // The style's colours (page.css), for the canvas.
  const COLOR = {
    ink: '#1f2328', muted: '#5b6470', paper: '#fbfbf8', laneEven: '#ffffff', laneOdd: '#f3f4ef',
    grid: '#e3e5de', event: '#1f4e79', eventLight: '#c9d8ea', accent: '#d9480f', match: '#f2b705',
    selectedStroke: '#7a2500', missing: '#999999', missingText: '#666666', cluster: '#e4e8ef',
    clusterStroke: '#8a97a8',
  };
  const RELATION_STYLE = {
    'responds-to': ['#4b5563', []], rebuts: ['#c0392b', []], supports: ['#2e8b57', []],
    'follows-up': ['#2563eb', [7, 3]], repeats: ['#8e44ad', [2, 3]], cites: ['#8a8f98', [1, 3]],
    'part-of': ['#b7791f', [9, 3, 2, 3]],
  };

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
  /// Text i of such a column. The exporter starts afresh (n = 0) every FRONT_BLOCK texts, so a
  /// text is decoded with its block only, when first asked for.
  const FRONT_BLOCK = 64;
  function frontColumn(column) {
    const { shared, rest } = column;
    const blocks = [];
    return (i) => {
      const b = Math.floor(i / FRONT_BLOCK);
      let block = blocks[b];
      if (!block) {
        block = [];
        blocks[b] = block;
        let previous = '';
        for (let k = b * FRONT_BLOCK; k < Math.min(count, (b + 1) * FRONT_BLOCK); ++k) {
          const n = sharedLength[shared.charCodeAt(k)];
          previous = (n ? previous.slice(0, n) : '') + rest[k];
          block.push(previous);
        }
      }
      return block[i - b * FRONT_BLOCK];
    };
  }
  const idOf = frontColumn(columns.id);
  const titleText = frontColumn(columns.title);
  const dateOf = frontColumn(columns.date); // as described for readers
  const edtfOf = frontColumn(columns.edtf); // as written
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
  const isPoint = new Uint8Array(count);
  {
    const pointForm = formShape.map((shape) => (shape === 'point' ? 1 : 0));
    for (let i = 0; i < count; ++i) isPoint[i] = pointForm[form[i]];
  }
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
      upType[k] = ((code % typeCount) + typeCount) % typeCount; // back < 0: an enclosing event
      upList[k] = i - (code - upType[k]) / typeCount;
    }
  }
  const downAt = new Uint32Array(count + 1);
  for (let k = 0; k < relationCount; ++k) ++downAt[upList[k] + 1];
  for (let i = 0; i < count; ++i) downAt[i + 1] += downAt[i];
  const downList = new Uint32Array(relationCount);
  {
    const fill = downAt.slice(0, count);
    let k = 0;
    for (let i = 0; i < count; ++i) {
      for (const last = upAt[i + 1]; k < last; ++k) downList[fill[upList[k]]++] = i;
    }
  }
  const actorsOf = (i) => Array.from(actorList.subarray(actorAt[i], actorAt[i + 1]));
  const tagsOf = (i) => columns.tags.slice(tagAt[i], tagAt[i + 1]).map((t) => columns.tag_names[t]);
  const titleOf = (i) => (isMissing(i) ? `${titleText(i)} (missing)` : titleText(i));

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
      id: idOf(i), title: titleText(i), date: dateOf(i), edtf: edtfOf(i),
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

  // Time order: the story's (earliest, latest, id), which the exporter keeps; checked, and
  // sorted here only if a page were made otherwise.
  let inTimeOrder = true;
  for (let i = 1; i < count && inTimeOrder; ++i) {
    inTimeOrder = start[i] > start[i - 1] || (start[i] === start[i - 1] && end[i] >= end[i - 1]);
  }
  const byTime = new Uint32Array(count);
  for (let i = 0; i < count; ++i) byTime[i] = i;
  if (!inTimeOrder) byTime.sort((a, b) => start[a] - start[b] || end[a] - end[b] || a - b);
  const timeRank = inTimeOrder ? byTime : new Uint32Array(count);
  if (!inTimeOrder) byTime.forEach((i, rank) => { timeRank[i] = rank; });

  // Spans longer than LONG_MS are few (a twentieth at most): a view checks them one by one,
  // and finds the others by a binary search on their start in [view start - LONG_MS, view end].
  let LONG_MS = 2 * DAY_MS;
  {
    const bins = new Uint32Array(64); // by log2 of the span in ms
    let finite = 0;
    for (let i = 0; i < count; ++i) {
      const span = end[i] - start[i];
      if (Number.isFinite(span)) {
        ++bins[Math.min(63, Math.ceil(Math.log2(Math.max(1, span))))];
        ++finite;
      }
    }
    let below = 0;
    for (let b = 0; b < 64; ++b) {
      below += bins[b];
      if (below >= finite * 0.95) {
        LONG_MS = Math.max(LONG_MS, 2 ** b);
        break;
      }
    }
  }
  const isLong = new Uint8Array(count);
  for (let i = 0; i < count; ++i) isLong[i] = !(end[i] - start[i] <= LONG_MS) ? 1 : 0;

  // Lanes: one per actor that has events, in the story's actor order; events without actors
  // share a last lane. Each lane: its events in time order, their starts, its long events.
  const laneKey = (lane) => (lane === NO_ACTOR ? actors.length : lane);
  const perLane = new Uint32Array(actors.length + 1);
  for (let i = 0; i < count; ++i) {
    if (actorAt[i + 1] === actorAt[i]) ++perLane[actors.length];
    for (let k = actorAt[i]; k < actorAt[i + 1]; ++k) ++perLane[actorList[k]];
  }
  const laneEvents = new Map(); // lane -> its events but the long ones, in time order
  const laneStarts = new Map(); // lane -> their starts
  const laneLong = new Map(); // lane -> its long events, in time order
  {
    const longCount = new Uint32Array(actors.length + 1);
    for (let i = 0; i < count; ++i) {
      if (!isLong[i]) continue;
      if (actorAt[i + 1] === actorAt[i]) ++longCount[actors.length];
      for (let k = actorAt[i]; k < actorAt[i + 1]; ++k) ++longCount[actorList[k]];
    }
    const shortFill = new Uint32Array(actors.length + 1);
    const longFill = new Uint32Array(actors.length + 1);
    const shorts = Array.from(perLane, (n, key) => new Uint32Array(n - longCount[key]));
    const shortStarts = shorts.map((list) => new Float64Array(list.length));
    const longs = Array.from(longCount, (n) => new Uint32Array(n));
    for (let rank = 0; rank < count; ++rank) {
      const i = byTime[rank];
      const first = actorAt[i];
      const last = actorAt[i + 1];
      for (let k = first; k < (first === last ? first + 1 : last); ++k) {
        const key = first === last ? actors.length : actorList[k];
        if (isLong[i]) {
          longs[key][longFill[key]++] = i;
        } else {
          shortStarts[key][shortFill[key]] = start[i];
          shorts[key][shortFill[key]++] = i;
        }
      }
    }
    for (let key = 0; key <= actors.length; ++key) {
      if (!perLane[key]) continue;
      const lane = key === actors.length ? NO_ACTOR : key;
      laneEvents.set(lane, shorts[key]);
      laneStarts.set(lane, shortStarts[key]);
      laneLong.set(lane, longs[key]);
    }
  }
  const lanes = actors.map((_, i) => i).filter((i) => perLane[i] > 0);
  if (perLane[actors.length]) lanes.push(NO_ACTOR);

  /// The first k with sorted[k] >= value (or sorted.length).
  function lowerBound(sorted, value) {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  /// The long events of `lane` that overlap [v0, v1], in time order.
  function visibleLong(lane, v0, v1) {
    const out = [];
    for (const i of laneLong.get(lane)) {
      if (start[i] > v1) break;
      if (end[i] >= v0) out.push(i);
    }
    return out;
  }

  mark('read');
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
        idOf(i), titleText(i), d.summary, d.notes, d.place, d.channel, kindOf(i), dateOf(i),
        ...tagsOf(i), ...(d.quotes || []).map((q) => q.text), ...actorsOf(i).map(actorName),
        ...(d.to || []).map(actorName),
      ].join('\n').toLowerCase();
    }
    return haystack;
  }

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

  /// Ticks for the view: [{t, main, context, y}], `context` set where the day or year changes;
  /// the list's `unit` and `n` give the step.
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
        out.push({ t, main, context, y });
        previous = { y, mo, d };
      }
      if (unit === 'minute') wall += n * MINUTE;
      else if (unit === 'hour') wall += n * HOUR;
      else if (unit === 'day') wall += n * DAY_MS;
      else if (unit === 'week') wall += 7 * DAY_MS;
      else if (unit === 'month') wall = wallMs(y, mo + n, 1, 0, 0);
      else wall = wallMs(y + n, 0, 1, 0, 0);
    }
    return Object.assign(out, { unit, n });
  }

  /// Up to `limit` days of the view with the most events of a day or less (two at least),
  /// busiest first: [{wall, count}], `wall` the day's midnight read as UTC (wallMs).
  function busiestDays(v0, v1, limit) {
    const offset = offsetAt((v0 + v1) / 2);
    const first = Math.floor((v0 + offset) / DAY_MS);
    const days = Math.floor((v1 + offset) / DAY_MS) - first + 1;
    if (!(days >= 1 && days <= 4000)) return [];
    const counts = new Uint32Array(days);
    const from = inTimeOrder ? lowerBound(start, v0) : 0;
    const to = inTimeOrder ? lowerBound(start, v1 + 1) : count;
    for (let i = from; i < to; ++i) {
      if (!(end[i] - start[i] < 1.5 * DAY_MS) || start[i] < v0 || start[i] > v1) continue;
      const d = Math.floor((start[i] + offset) / DAY_MS) - first;
      if (d >= 0 && d < days) ++counts[d];
    }
    const out = [];
    for (let pick = 0; pick < limit; ++pick) {
      let best = -1;
      for (let d = 0; d < days; ++d) if (counts[d] >= 2 && (best < 0 || counts[d] > counts[best])) best = d;
      if (best < 0) break;
      out.push({ wall: (first + best) * DAY_MS, count: counts[best] });
      counts[best] = 0;
    }
    return out;
  }

  /// The axis of the view: the regular ticks, and where ticks are days to months, the busiest
  /// days too (a dense day's tick wins over a regular one its label would touch), each tick
  /// {t, x, main, context, dense, width}; the year is the context where it changes.
  function axisTicks(g) {
    const regular = ticks(g.v0, g.v1, g.pxPerMs);
    const { unit, n } = regular;
    // A label cut by the edge reads as another date.
    const out = regular.map((t) => ({ ...t, x: g.x(t.t), dense: false }))
      .filter((t) => t.x <= g.plotRight - 44);
    for (const t of out) t.width = measure(t.main, TICK_FONT);
    // Days stand out among ticks of days, weeks or months; among quarters or years one day
    // would read as noise.
    if (!((unit === 'day' && n > 1) || unit === 'week' || (unit === 'month' && n === 1))) return out;
    const room = (t) => [t.x, t.x + 4 + t.width + 12];
    for (const day of busiestDays(g.v0, g.v1, 3)) {
      const t = zoneInstant(day.wall);
      const x = g.x(t);
      if (x < g.plotLeft || x > g.plotRight - 44) continue;
      const f = new Date(day.wall);
      const main = `${MONTHS[f.getUTCMonth()]} ${f.getUTCDate()}`;
      const same = out.find((k) => Math.abs(k.t - t) < 1000);
      if (same) {
        same.dense = true;
        same.main = main;
        same.width = measure(main, DENSE_TICK_FONT);
        continue;
      }
      const tick = { t, x, main, y: f.getUTCFullYear(), dense: true,
        width: measure(main, DENSE_TICK_FONT) };
      const [a, b] = room(tick);
      const clash = (k) => { const [c, d] = room(k); return c < b && a < d; };
      if (out.some((k) => k.dense && clash(k))) continue;
      for (let k = out.length - 1; k >= 0; --k) if (clash(out[k])) out.splice(k, 1);
      out.push(tick);
    }
    out.sort((p, q) => p.t - q.t);
    let year = null;
    for (const t of out) {
      t.context = t.y !== year ? yearText(t.y) : null;
      year = t.y;
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
    focused: -1, // the event the keyboard is on
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

  // --- Drawing: one canvas, laid out from the arrays for the view -------------------------------
  const ctx = chart.getContext('2d');
  let currentFont = '';
  const widths = new Map(); // `${font}\n${text}` -> width, for the short texts measured each frame
  /// Sets the context's font, only when it changes (setting one costs a parse).
  function setFont(font) {
    if (font !== currentFont) {
      ctx.font = font;
      currentFont = font;
    }
  }
  /// Text width in a font.
  function measure(text, font) {
    const key = `${font}\n${text}`;
    let w = widths.get(key);
    if (w !== undefined) return w;
    setFont(font);
    w = ctx.measureText(text).width;
    if (widths.size > 20000) widths.clear();
    widths.set(key, w);
    return w;
  }
  const labelWidths = new Float32Array(count).fill(NaN); // of labelText(i), measured once
  const labelText = (i) => truncate(titleOf(i), MAX_LABEL_CHARS);
  function labelWidth(i) {
    if (Number.isNaN(labelWidths[i])) {
      labelWidths[i] = measure(labelText(i), isMissing(i) ? MISSING_FONT : LABEL_FONT);
    }
    return labelWidths[i];
  }
  /// `text` cut with an ellipsis to fit `width` in `font` (the longest prefix that fits).
  function shorten(text, font, width) {
    if (measure(text, font) <= width) return text;
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (measure(truncate(text, mid), font) <= width) lo = mid;
      else hi = mid - 1;
    }
    return truncate(text, Math.max(1, lo));
  }

  /// Where the view's times go: x(t), the plot's edges, the clusters' buckets.
  function geometry(width) {
    const plotLeft = LABEL_WIDTH;
    const plotRight = width - 16;
    const plotWidth = plotRight - plotLeft;
    const { start: v0, end: v1 } = state.view;
    const pxPerMs = plotWidth / (v1 - v0);
    const buckets = Math.max(1, Math.floor(plotWidth / CLUSTER_WIDTH));
    return {
      width, plotLeft, plotRight, plotWidth, v0, v1, pxPerMs, buckets,
      bucketWidth: plotWidth / buckets,
      x: (t) => plotLeft + (t - v0) * pxPerMs,
      // Markers run a little past the plot (clipped there), so open ends leave the view.
      clampX: (px) => Math.min(plotRight + 12, Math.max(plotLeft - 12, px)),
    };
  }

  /// A labelled place for event i in the first row with room, or null. The label goes right of
  /// the marker, inside a bar long enough, left of the marker (near the right edge), or
  /// shortened to the room on either side; never past the plot's edges.
  function placeEvent(i, left, right, dot, rowEnd, g) {
    const text = labelText(i);
    const font = isMissing(i) ? MISSING_FONT : LABEL_FONT;
    const w = labelWidth(i);
    for (let r = 0; r < MAX_ROWS && r <= rowEnd.length; ++r) {
      const free = r < rowEnd.length ? rowEnd[r] + ROW_GAP : -Infinity;
      if (free > left) continue;
      const barLeft = Math.max(left, g.plotLeft);
      const barRight = Math.min(right, g.plotRight);
      let label;
      let occupied = right;
      if (!dot && barRight - barLeft >= w + 12) {
        label = { x: barLeft + 6, width: w, text, inside: true };
      } else if (right + LABEL_GAP + w <= g.plotRight) {
        label = { x: right + LABEL_GAP, width: w, text, inside: false };
        occupied = right + LABEL_GAP + w;
      } else if (left - LABEL_GAP - w >= Math.max(free, g.plotLeft)) {
        label = { x: left - LABEL_GAP - w, width: w, text, inside: false };
      } else {
        const roomRight = g.plotRight - (right + LABEL_GAP);
        const roomLeft = left - LABEL_GAP - Math.max(free, g.plotLeft);
        if (Math.max(roomRight, roomLeft) < MIN_SHORT_LABEL) continue;
        const short = shorten(text, font, Math.max(roomRight, roomLeft));
        const sw = measure(short, font);
        if (roomRight >= roomLeft) {
          label = { x: right + LABEL_GAP, width: sw, text: short, inside: false };
          occupied = right + LABEL_GAP + sw;
        } else {
          label = { x: left - LABEL_GAP - sw, width: sw, text: short, inside: false };
        }
      }
      if (r === rowEnd.length) rowEnd.push(occupied);
      else rowEnd[r] = occupied;
      return { i, row: r, left, right, dot, label, primary: false, y: 0 };
    }
    return null;
  }

  /// One lane's events in the view: labelled places in up to MAX_ROWS rows, and what does not
  /// fit counted in clusters, one per bucket of the plot's width (by where events start), in a
  /// row of their own. Once every row is taken, the events that start before the first row
  /// frees up cannot have room: they are counted by binary search on their starts, not one by
  /// one, so a view of a million events costs what its labels cost.
  function layoutLane(lane, top, g) {
    const rowEnd = [];
    const placed = [];
    const { v0, v1, pxPerMs, plotLeft, plotRight, bucketWidth, buckets } = g;
    const minX = plotLeft - 12;
    const maxX = plotRight + 12;
    const counts = new Uint32Array(buckets);
    const litCounts = new Uint32Array(buckets);
    const matchCounts = new Uint32Array(buckets);
    const from = new Float64Array(buckets).fill(Infinity);
    const to = new Float64Array(buckets).fill(-Infinity);
    const { lit, matches } = state;
    const bucketAt = (x) => Math.max(0, Math.min(buckets - 1, Math.floor((x - plotLeft) / bucketWidth)));
    const bucketStart = (b) => v0 + (b * bucketWidth) / pxPerMs; // the time where bucket b begins
    let lowest = -Infinity; // where the row that ends first ends, once every row is taken
    const margin = Math.max(0, Math.min(2 * DOT_RADIUS, (LONG_MS * pxPerMs) / 2 - DOT_RADIUS));
    function step(i) {
      const xa = Math.min(maxX, Math.max(minX, plotLeft + (start[i] - v0) * pxPerMs));
      const xb = Math.min(maxX, Math.max(minX, plotLeft + (end[i] - v0) * pxPerMs));
      // A point narrower than a few dots is a dot; wider (a month at day zoom), its span.
      // Any span narrower than a dot is one too.
      const dot = xb - xa < (isPoint[i] ? 6 : 2) * DOT_RADIUS;
      const cx = (xa + xb) / 2;
      const left = dot ? cx - DOT_RADIUS : xa;
      if (lowest + ROW_GAP <= left) {
        const item = placeEvent(i, left, dot ? cx + DOT_RADIUS : Math.max(xb, xa + 4), dot, rowEnd, g);
        if (rowEnd.length === MAX_ROWS) lowest = Math.min(...rowEnd);
        if (item) {
          item.lane = lane;
          placed.push(item);
          return;
        }
      }
      const b = bucketAt(xa);
      ++counts[b];
      if (lit && lit[i]) ++litCounts[b];
      if (matches && matches[i]) ++matchCounts[b];
      const t0 = start[i] > -Infinity ? start[i] : end[i];
      const t1 = end[i] < Infinity ? end[i] : start[i];
      if (t0 < from[b]) from[b] = t0;
      if (t1 > to[b]) to[b] = t1;
    }
    /// Counts the short events list[k0..k1) (all starting in the view) into their buckets.
    function countRun(list, starts, k0, k1) {
      let k = k0;
      while (k < k1) {
        const b = bucketAt(plotLeft + (starts[k] - v0) * pxPerMs);
        const next = b + 1 < buckets ? Math.max(k + 1, Math.min(k1, lowerBound(starts, bucketStart(b + 1)))) : k1;
        counts[b] += next - k;
        if (lit || matches) {
          for (let j = k; j < next; ++j) {
            if (lit && lit[list[j]]) ++litCounts[b];
            if (matches && matches[list[j]]) ++matchCounts[b];
          }
        }
        if (starts[k] < from[b]) from[b] = starts[k];
        if (end[list[next - 1]] > to[b]) to[b] = end[list[next - 1]];
        k = next;
      }
    }
    const list = laneEvents.get(lane);
    const starts = laneStarts.get(lane);
    const longs = visibleLong(lane, v0, v1);
    let l = 0;
    const last = lowerBound(starts, v1 + 1);
    let k = lowerBound(starts, v0 - LONG_MS);
    while (k < last) {
      const i = list[k];
      if (end[i] < v0) {
        ++k;
        continue;
      }
      while (l < longs.length && timeRank[longs[l]] < timeRank[i]) step(longs[l++]);
      if (lowest > -Infinity && start[i] >= v0) {
        // What starts this far left begins left of where any row has room: a bar begins where
        // it starts, a dot DOT_RADIUS left of its middle, which is at most half a short span
        // (and less than 3 DOT_RADIUS) right of its start.
        const room = v0 + (lowest + ROW_GAP - margin - plotLeft) / pxPerMs;
        if (start[i] < room) {
          const stop = Math.min(last, lowerBound(starts, room));
          countRun(list, starts, k, stop);
          k = stop;
          continue;
        }
      }
      step(i);
      ++k;
    }
    while (l < longs.length) step(longs[l++]);
    const clusters = [];
    for (let b = 0; b < buckets; ++b) {
      if (!counts[b]) continue;
      clusters.push({ lane, bucket: b, count: counts[b], lit: litCounts[b], match: matchCounts[b],
        from: from[b], to: to[b] });
    }
    const rows = Math.max(1, rowEnd.length) + (clusters.length ? 1 : 0);
    const height = Math.max(MIN_LANE_HEIGHT, rows * ROW_HEIGHT + 2 * LANE_PADDING);
    const first = top + LANE_PADDING + (height - rows * ROW_HEIGHT - 2 * LANE_PADDING) / 2 +
      ROW_HEIGHT / 2;
    for (const item of placed) item.y = first + item.row * ROW_HEIGHT;
    const clusterY = first + (rows - 1) * ROW_HEIGHT;
    for (const c of clusters) {
      const text = c.count < 1000 ? `+${c.count}` :
        c.count < 10000 ? `+${(c.count / 1000).toFixed(1)}k` : `+${Math.round(c.count / 1000)}k`;
      const width = Math.min(bucketWidth - 6, measure(text, CLUSTER_FONT) + 12);
      const center = plotLeft + (c.bucket + 0.5) * bucketWidth;
      Object.assign(c, { text, x: center - width / 2, y: clusterY - 8, width, height: 16 });
    }
    return { lane, top, height, placed, clusters };
  }

  let layout = null; // what was drawn last: for hit-testing, the keyboard, eventgraphLayout()
  const placedAt = new Int32Array(count).fill(-1); // event -> its first drawn place, this frame
  let placedList = [];

  function render() {
    const width = Math.max(480, timeline.clientWidth);
    const g = geometry(width);
    for (const i of placedList) placedAt[i] = -1;
    placedList = [];
    const laneLayouts = [];
    const items = [];
    let y = AXIS_HEIGHT + ARROW_ROOM;
    for (const lane of lanes) {
      if (state.hiddenLanes.has(lane)) continue;
      const l = layoutLane(lane, y, g);
      laneLayouts.push(l);
      for (const item of l.placed) {
        if (placedAt[item.i] < 0) {
          placedAt[item.i] = items.length;
          placedList.push(item.i);
          item.primary = true;
        }
        items.push(item);
      }
      y += l.height;
    }
    const height = Math.max(y + 16, AXIS_HEIGHT + 80);
    const dpr = window.devicePixelRatio || 1;
    // A canvas taller than browsers draw (32767 px) shows its first lanes only.
    const canvasHeight = Math.min(height, Math.floor(32000 / dpr));
    if (chart.width !== Math.round(width * dpr) || chart.height !== Math.round(canvasHeight * dpr)) {
      chart.width = Math.round(width * dpr);
      chart.height = Math.round(canvasHeight * dpr);
      chart.style.width = `${width}px`;
      chart.style.height = `${canvasHeight}px`;
      currentFont = '';
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const arrows = relationArrows(items);
    const order = items.filter((item) => item.primary).sort((a, b) =>
      timeRank[a.i] - timeRank[b.i]);
    layout = { g, height: canvasHeight, lanes: laneLayouts, items, arrows, order,
      ticks: axisTicks(g), clusters: laneLayouts.flatMap((l) => l.clusters) };
    draw(layout);
    indexHits(layout);
    chart.setAttribute('data-view-start', new Date(g.v0).toISOString());
    chart.setAttribute('data-view-end', new Date(g.v1).toISOString());
  }

  /// The relations between drawn events, from each one's first place to its target's.
  function relationArrows(items) {
    const out = [];
    for (const from of items) {
      if (!from.primary) continue;
      const i = from.i;
      for (let k = upAt[i]; k < upAt[i + 1]; ++k) {
        const type = data.relation_types[upType[k]];
        const at = placedAt[upList[k]];
        if (at < 0 || state.hiddenTypes.has(type)) continue;
        out.push({ from, to: items[at], type });
      }
    }
    return out;
  }

  const markerCenter = (item) => (item.dot ? (item.left + item.right) / 2 : null);
  function drawEvent(item) {
    const i = item.i;
    const shape = shapeOf(i);
    const lit = state.lit ? state.lit[i] : 0;
    const dim = state.lit ? !lit : state.matches ? !state.matches[i] : false;
    ctx.globalAlpha = dim ? 0.2 : 1;
    ctx.setLineDash([]);
    let fill = COLOR.event;
    let stroke = COLOR.event;
    let lineWidth = 1.5;
    if (!item.dot && shape !== 'interval') {
      fill = COLOR.eventLight;
      ctx.setLineDash([4, 2]);
    }
    if (isUncertain(i)) {
      if (item.dot) fill = '#ffffff';
      ctx.setLineDash([3, 2]);
      lineWidth = 2;
    }
    if (isMissing(i)) {
      fill = '#ffffff';
      stroke = COLOR.missing;
      ctx.setLineDash([3, 2]);
    }
    if (lit) {
      stroke = COLOR.accent;
      lineWidth = 2.5;
    }
    if (i === state.selected) {
      fill = COLOR.accent;
      stroke = COLOR.selectedStroke;
      lineWidth = 3;
    }
    if (state.matches && state.matches[i]) {
      stroke = COLOR.match;
      lineWidth = 4;
    }
    ctx.fillStyle = fill;
    ctx.strokeStyle = stroke;
    ctx.lineWidth = lineWidth;
    ctx.beginPath();
    if (item.dot) {
      ctx.arc(markerCenter(item), item.y, DOT_RADIUS, 0, 2 * Math.PI);
    } else {
      ctx.roundRect(item.left, item.y - BAR_HALF, Math.max(4, item.right - item.left), 2 * BAR_HALF, 3);
    }
    if (shape === 'interval' && !item.dot && fill === COLOR.event) ctx.globalAlpha *= 0.85;
    ctx.fill();
    ctx.globalAlpha = dim ? 0.2 : 1;
    ctx.stroke();
    ctx.setLineDash([]);
    if (state.focused === i && item.primary && document.activeElement === chart) {
      ctx.strokeStyle = COLOR.accent;
      ctx.lineWidth = 2;
      const x0 = Math.min(item.left, item.label ? item.label.x : item.left) - 3;
      const x1 = Math.max(item.right, item.label ? item.label.x + item.label.width : item.right) + 3;
      ctx.strokeRect(x0, item.y - ROW_HEIGHT / 2 + 1, x1 - x0, ROW_HEIGHT - 2);
    }
    if (item.label) {
      // The font it was measured in (a bold one would be wider than the room it took).
      setFont(isMissing(i) ? MISSING_FONT : LABEL_FONT);
      ctx.fillStyle = isMissing(i) ? COLOR.missingText :
        item.label.inside && (shape === 'interval' || i === state.selected) ? '#ffffff' :
          i === state.selected ? COLOR.selectedStroke : COLOR.ink;
      ctx.fillText(item.label.text, item.label.x, item.y + 4);
    }
    ctx.globalAlpha = 1;
  }

  function drawArrow(a) {
    const [color, dash] = RELATION_STYLE[a.type] || ['#4b5563', []];
    const edge = (item, px) => Math.min(Math.max(px, Math.max(item.left, layout.g.plotLeft) + 4),
      Math.max(item.right - 4, item.left));
    const toMiddle = a.to.dot ? markerCenter(a.to) : (Math.max(a.to.left, layout.g.plotLeft) + a.to.right) / 2;
    const sx = a.from.dot ? markerCenter(a.from) : edge(a.from, toMiddle);
    const tx = a.to.dot ? markerCenter(a.to) : edge(a.to, sx);
    // Leaves the answer and enters its target from above, so it crosses no label.
    const lift = Math.min(48, 16 + Math.abs(sx - tx) * 0.1);
    const sy = a.from.y - (a.from.dot ? DOT_RADIUS : BAR_HALF);
    const ty = a.to.y - (a.to.dot ? DOT_RADIUS : BAR_HALF);
    const lit = state.lit && state.lit[a.from.i] && state.lit[a.to.i];
    ctx.globalAlpha = (state.lit && !lit) || (!state.lit && state.matches) ? 0.12 : 1;
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    ctx.lineWidth = lit ? 2.6 : 1.6;
    ctx.setLineDash(dash);
    ctx.beginPath();
    ctx.moveTo(sx, sy);
    ctx.bezierCurveTo(sx, sy - lift, tx, ty - lift, tx, ty - 6);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.beginPath(); // the head, pointing down into the target
    ctx.moveTo(tx - 4, ty - 8);
    ctx.lineTo(tx + 4, ty - 8);
    ctx.lineTo(tx, ty);
    ctx.closePath();
    ctx.fill();
    ctx.globalAlpha = 1;
  }

  function drawCluster(c) {
    const dim = (state.lit && !c.lit) || (!state.lit && state.matches && !c.match);
    ctx.globalAlpha = dim ? 0.35 : 1;
    ctx.fillStyle = COLOR.cluster;
    ctx.strokeStyle = c.match ? COLOR.match : c.lit ? COLOR.accent : COLOR.clusterStroke;
    ctx.lineWidth = c.match || c.lit ? 2.5 : 1;
    ctx.beginPath();
    ctx.roundRect(c.x, c.y, c.width, c.height, 8);
    ctx.fill();
    ctx.stroke();
    const text = shorten(c.text, CLUSTER_FONT, c.width - 6);
    setFont(CLUSTER_FONT);
    ctx.fillStyle = COLOR.ink;
    ctx.fillText(text, c.x + (c.width - measure(text, CLUSTER_FONT)) / 2, c.y + 12);
    ctx.globalAlpha = 1;
  }

  function draw(L) {
    const { g } = L;
    ctx.clearRect(0, 0, g.width, L.height);
    L.lanes.forEach((l, k) => {
      ctx.fillStyle = k % 2 ? COLOR.laneOdd : COLOR.laneEven;
      ctx.fillRect(0, l.top, g.width, l.height);
    });
    ctx.fillStyle = COLOR.paper;
    ctx.fillRect(0, 0, g.width, AXIS_HEIGHT);
    // The axis: grid lines over the lanes, labels above them.
    ctx.save();
    ctx.beginPath();
    ctx.rect(g.plotLeft, 0, g.plotWidth, L.height);
    ctx.clip();
    for (const t of L.ticks) {
      ctx.fillStyle = COLOR.grid;
      ctx.fillRect(Math.round(t.x), AXIS_HEIGHT - 8, 1, L.height);
      setFont(t.dense ? DENSE_TICK_FONT : TICK_FONT);
      ctx.fillStyle = COLOR.ink;
      ctx.fillText(t.main, t.x + 4, AXIS_HEIGHT - 12);
      if (t.context) {
        setFont(CONTEXT_FONT);
        ctx.fillStyle = COLOR.muted;
        ctx.fillText(t.context, t.x + 4, AXIS_HEIGHT - 28);
      }
    }
    ctx.restore();
    currentFont = ''; // restore() brought back the font of save()
    setFont(ROLE_FONT);
    ctx.fillStyle = COLOR.muted;
    ctx.fillText(`Dates in ${zoneName}`, 12, AXIS_HEIGHT - 12);
    // Relations under the events, then the events and the clusters.
    ctx.save();
    ctx.beginPath();
    ctx.rect(g.plotLeft, AXIS_HEIGHT, g.plotWidth, L.height);
    ctx.clip();
    for (const a of L.arrows) drawArrow(a);
    ctx.restore();
    currentFont = ''; // restore() brought back the font of save()
    ctx.save();
    ctx.beginPath();
    ctx.rect(g.plotLeft - DOT_RADIUS - 2, AXIS_HEIGHT, g.plotWidth + 2 * DOT_RADIUS + 4, L.height);
    ctx.clip();
    for (const item of L.items) drawEvent(item);
    for (const c of L.clusters) drawCluster(c);
    ctx.restore();
    currentFont = ''; // restore() brought back the font of save()
    // Lane names over everything on the left.
    for (const l of L.lanes) {
      ctx.fillStyle = COLOR.paper;
      ctx.fillRect(0, l.top, g.plotLeft - DOT_RADIUS - 2, l.height);
      const role = l.lane === NO_ACTOR ? '' : actors[l.lane].role;
      const name = shorten(actorName(l.lane), LANE_FONT, g.plotLeft - 24);
      setFont(LANE_FONT);
      ctx.fillStyle = COLOR.ink;
      ctx.fillText(name, 12, l.top + (role ? 20 : 26));
      if (role) {
        const shown = shorten(role, ROLE_FONT, g.plotLeft - 24);
        setFont(ROLE_FONT);
        ctx.fillStyle = COLOR.muted;
        ctx.fillText(shown, 12, l.top + 35);
      }
    }
    if (!L.lanes.length) {
      setFont(`13px ${FONT_FAMILY}`);
      ctx.fillStyle = COLOR.muted;
      ctx.fillText('No actor selected: tick actors on the left to show their events.',
        g.plotLeft + 12, AXIS_HEIGHT + 50);
    }
    currentFont = '';
  }

  // Hit-testing: a grid of cells over the canvas, each listing what is drawn in it, so a
  // pointer looks at a few boxes, never at every event.
  const CELL = 32;
  let cells = new Map();
  function indexHits(L) {
    cells = new Map();
    const add = (target, x0, y0, x1, y1) => {
      target.box = [x0, y0, x1, y1];
      for (let cy = Math.floor(y0 / CELL); cy <= Math.floor(y1 / CELL); ++cy) {
        for (let cx = Math.floor(x0 / CELL); cx <= Math.floor(x1 / CELL); ++cx) {
          const key = cy * 4096 + cx;
          const list = cells.get(key);
          if (list) list.push(target);
          else cells.set(key, [target]);
        }
      }
    };
    for (const item of L.items) {
      const x0 = Math.max(L.g.plotLeft - DOT_RADIUS, Math.min(item.left, item.label ? item.label.x : item.left));
      const x1 = Math.min(L.g.plotRight + DOT_RADIUS,
        Math.max(item.right, item.label ? item.label.x + item.label.width : item.right));
      add({ kind: 'event', i: item.i, item }, x0 - 2, item.y - ROW_HEIGHT / 2 + 2, x1 + 2, item.y + ROW_HEIGHT / 2 - 2);
    }
    for (const c of L.clusters) add({ kind: 'cluster', cluster: c }, c.x, c.y, c.x + c.width, c.y + c.height);
    for (const l of L.lanes) add({ kind: 'lane', lane: l.lane }, 0, l.top, L.g.plotLeft - 10, l.top + l.height);
  }
  function hitAt(px, py) {
    const list = cells.get(Math.floor(py / CELL) * 4096 + Math.floor(px / CELL));
    if (!list) return null;
    for (const target of list) {
      const [x0, y0, x1, y1] = target.box;
      if (px >= x0 && px <= x1 && py >= y0 && py <= y1) return target;
    }
    return null;
  }

  /// What is drawn, for tests and tools: boxes in CSS pixels of the canvas. Read-only copies.
  window.eventgraphLayout = () => {
    const L = layout;
    const flags = (i) => ({
      selected: i === state.selected, lit: !!(state.lit && state.lit[i]),
      dim: state.lit ? !state.lit[i] : !!(state.matches && !state.matches[i]),
      match: !!(state.matches && state.matches[i]),
    });
    return {
      view: { start: L.g.v0, end: L.g.v1 },
      plot: { left: L.g.plotLeft, right: L.g.plotRight, top: AXIS_HEIGHT, bottom: L.height },
      canvas: { width: chart.width, height: chart.height, ratio: window.devicePixelRatio || 1 },
      ticks: L.ticks.map((t) => ({ text: t.main, context: t.context, t: t.t, x: t.x, dense: t.dense })),
      markers: L.items.map((item) => ({
        id: idOf(item.i), lane: item.lane === NO_ACTOR ? '' : actors[item.lane].id,
        primary: item.primary,
        x: item.left, y: item.y - (item.dot ? DOT_RADIUS : BAR_HALF), width: item.right - item.left,
        height: item.dot ? 2 * DOT_RADIUS : 2 * BAR_HALF, ...flags(item.i),
      })),
      labels: L.items.filter((item) => item.label).map((item) => ({
        id: idOf(item.i), text: item.label.text, full: titleOf(item.i), inside: item.label.inside,
        x: item.label.x, y: item.y - LABEL_HALF, width: item.label.width, height: 2 * LABEL_HALF,
      })),
      clusters: L.clusters.map((c) => ({ lane: c.lane === NO_ACTOR ? '' : actors[c.lane].id,
        text: c.text, count: c.count, x: c.x, y: c.y, width: c.width, height: c.height })),
      arrows: L.arrows.map((a) => ({ from: idOf(a.from.i), to: idOf(a.to.i), type: a.type })),
      lanes: L.lanes.map((l) => ({ id: l.lane === NO_ACTOR ? '' : actors[l.lane].id,
        name: actorName(l.lane), top: l.top, height: l.height })),
    };
  };

  let scheduled = false;
  function schedule() {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      render();
    });
  }

  // --- Details panel -------------------------------------------------------------------------
  function eventButton(i, prefix) {
    const button = el('button', 'event-link');
    button.type = 'button';
    button.setAttribute('data-id', idOf(i));
    if (prefix) button.appendChild(el('span', 'relation-word', prefix));
    button.appendChild(el('span', 'event-date', dateOf(i)));
    button.appendChild(document.createTextNode(' '));
    button.appendChild(el('span', 'event-title', titleText(i)));
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
  function showTextTooltip(lines, clientX, clientY) {
    clear(tooltip);
    lines.forEach(([className, text]) => tooltip.appendChild(el('div', className, text)));
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
    hovered = null;
  }
  function clusterText(c) {
    const when = (t) => new Date(t).toISOString().slice(0, 10);
    return [['tip-title', `${c.count} more events here`],
      ['tip-precision', `${when(c.from)} to ${when(c.to)} (UTC); click or zoom in to see them`]];
  }
  /// The target under a pointer event, in the canvas's CSS pixels.
  function targetAt(ev) {
    const box = chart.getBoundingClientRect();
    return hitAt(ev.clientX - box.left, ev.clientY - box.top);
  }
  let hovered = null;
  function hover(ev) {
    const target = targetAt(ev);
    chart.style.cursor = target && target.kind !== 'lane' ? 'pointer' : '';
    const same = target && hovered && target.kind === hovered.kind &&
      (target.kind === 'event' ? target.i === hovered.i : target.kind === 'cluster' ?
        target.cluster === hovered.cluster : target.lane === hovered.lane);
    if (same) {
      moveTooltip(ev.clientX, ev.clientY);
      return;
    }
    hovered = target;
    if (!target) tooltip.hidden = true;
    else if (target.kind === 'event') showTooltip(target.i, ev.clientX, ev.clientY);
    else if (target.kind === 'cluster') showTextTooltip(clusterText(target.cluster), ev.clientX, ev.clientY);
    else {
      const role = target.lane === NO_ACTOR ? '' : actors[target.lane].role;
      showTextTooltip([['tip-title', actorName(target.lane)], ['tip-summary', role]], ev.clientX, ev.clientY);
    }
  }
  chart.addEventListener('pointerleave', () => {
    if (!drag) hideTooltip();
    chart.style.cursor = '';
  });

  // Keyboard: the canvas takes the focus; arrows move between the drawn events in time order,
  // Enter or Space selects. The event in focus is ringed, its tooltip shown and its text given
  // to the status line for screen readers.
  const chartStatus = document.getElementById('chart-status');
  function focusEvent(i) {
    state.focused = i;
    render();
    const at = placedAt[i];
    if (at < 0) return;
    const item = layout.items[at];
    const box = chart.getBoundingClientRect();
    showTooltip(i, box.left + (item.label ? item.label.x + item.label.width : item.right),
      box.top + item.y + 6);
    chartStatus.textContent = `${dateOf(i)}: ${titleText(i)}`;
  }
  chart.addEventListener('keydown', (ev) => {
    const order = layout.order;
    if (!order.length) return;
    let k = order.findIndex((item) => item.i === state.focused);
    if (ev.key === 'ArrowRight' || ev.key === 'ArrowDown') k = k < 0 ? 0 : Math.min(order.length - 1, k + 1);
    else if (ev.key === 'ArrowLeft' || ev.key === 'ArrowUp') k = k < 0 ? 0 : Math.max(0, k - 1);
    else if (ev.key === 'Home') k = 0;
    else if (ev.key === 'End') k = order.length - 1;
    else if ((ev.key === 'Enter' || ev.key === ' ') && k >= 0) {
      ev.preventDefault();
      select(order[k].i);
      return;
    } else return;
    ev.preventDefault();
    focusEvent(order[k].i);
  });
  chart.addEventListener('blur', () => {
    hideTooltip();
    schedule();
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
    state.focused = -1; // the keyboard's ring goes when the pointer is used
    drag = { x: ev.clientX, view: state.view, moved: false, id: ev.pointerId, target: targetAt(ev) };
  });
  chart.addEventListener('pointermove', (ev) => {
    if (!drag || ev.pointerId !== drag.id) {
      hover(ev);
      return;
    }
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
    const { target } = drag;
    if (drag.moved) chart.releasePointerCapture(ev.pointerId);
    chart.classList.remove('dragging');
    drag = null;
    if (!wasClick) return;
    if (target && target.kind === 'event') {
      select(target.i);
    } else if (target && target.kind === 'cluster') {
      // A cluster opens by zooming to its events' span (centred, at least a tenth of the view).
      const c = target.cluster;
      const span = state.view.end - state.view.start;
      const middle = (c.from + c.to) / 2;
      const half = Math.max((c.to - c.from) * 0.6, span / 20, MINUTE * 5);
      hideTooltip();
      setView(middle - half, middle + half);
    } else if (!target) {
      select(-1);
    }
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
    label.appendChild(el('span', 'filter-count', perLane[laneKey(lane)]));
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
  mark('drawn');
  document.body.setAttribute('data-ready', 'true');
})();
