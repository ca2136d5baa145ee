/* Telemetry command center. Plain script, no build step; talks only to the JSON API beside it. */
(function () {
  'use strict';
  var API = location.pathname.replace(/\/+$/, '') + '/api/v1';
  var TOKEN_KEY = 'telemetry.token';
  var REFRESH_MS = 10000;
  var WINDOW_MINUTES = 5; /* replaced by /config vital_signs.window_minutes */
  var FEW_POINTS = 3; /* fewer drawn points than this are bars, never a line between two values */
  var state = { range: '24h', tab: 'signals', auto: true, updatedAt: 0, config: null, charts: {},
    logs: { cursors: [null], index: 0, next: null }, traces: { cursors: [null], index: 0, next: null, status: 'all' },
    timer: null, stream: null, feedKeys: {} };

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } return node; }
  function token() { return sessionStorage.getItem(TOKEN_KEY); }
  function headers() { var t = token(); return t ? { 'Authorization': 'Bearer ' + t } : {}; }

  function AuthError(status) { this.status = status; }

  /** Answers that carry an ETag (the summary), kept to ask again with If-None-Match. */
  var tagged = {};

  function api(path, params) {
    var q = new URLSearchParams();
    Object.keys(params || {}).forEach(function (k) {
      var v = params[k];
      if (v !== undefined && v !== null && v !== '') { q.set(k, v); }
    });
    var url = API + path + (q.toString() ? '?' + q.toString() : '');
    var h = headers();
    var held = tagged[url];
    if (held) { h['If-None-Match'] = held.etag; }
    return fetch(url, { headers: h, cache: 'no-store' }).then(function (res) {
      if (res.status === 401 || res.status === 403) { throw new AuthError(res.status); }
      if (res.status === 304 && held) { return held.body; }
      return res.json().then(function (body) {
        var etag = res.headers.get('ETag');
        if (res.ok && etag) { tagged[url] = { etag: etag, body: body }; }
        if (!res.ok) {
          var e = new Error(body && body.error ? body.error.message : ('HTTP ' + res.status));
          e.apiError = body && body.error; throw e;
        }
        return body;
      });
    });
  }

  /* ---------- formatting ---------- */
  function fmtNum(v, digits) {
    if (v === null || v === undefined || isNaN(v)) { return '–'; }
    var d = digits === undefined ? (Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2) : digits;
    return Number(v).toLocaleString(undefined, { maximumFractionDigits: d, minimumFractionDigits: 0 });
  }
  function fmtTime(iso) { if (!iso) { return ''; } var d = new Date(iso); return d.toLocaleTimeString([], { hour12: false }); }
  function fmtDateTime(iso) { if (!iso) { return ''; } var d = new Date(iso); return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z'); }
  function fmtAge(seconds) {
    if (seconds < 60) { return Math.round(seconds) + 's'; }
    if (seconds < 3600) { return Math.round(seconds / 60) + 'm'; }
    if (seconds < 86400) { return (seconds / 3600).toFixed(1) + 'h'; }
    return (seconds / 86400).toFixed(1) + 'd';
  }
  function status(s) { return String(s || 'grey').toLowerCase(); }

  /* ---------- auth ---------- */
  function showLogin(message) {
    $('app').classList.add('hidden');
    $('login').classList.remove('hidden');
    $('login-error').textContent = message || '';
    stopStream();
  }
  function showApp() {
    $('login').classList.add('hidden');
    $('app').classList.remove('hidden');
    $('sign-out').classList.toggle('hidden', !token());
  }
  function handleError(err, where) {
    if (err instanceof AuthError) {
      sessionStorage.removeItem(TOKEN_KEY);
      showLogin(err.status === 403 && token() !== null ? 'That token was refused.' : (err.status === 403 ? 'That token was refused.' : ''));
      return;
    }
    banner((where ? where + ': ' : '') + (err && err.message ? err.message : 'request failed'));
  }
  function banner(text) {
    var b = $('banner');
    if (!text) { b.classList.add('hidden'); b.textContent = ''; return; }
    b.textContent = text; b.classList.remove('hidden');
  }

  /* ---------- summary ---------- */
  function loadSummary() {
    return api('/summary').then(function (s) {
      showApp();
      renderSummary(s);
      state.updatedAt = Date.now();
      tickUpdated();
    });
  }

  function renderSummary(s) {
    if (s.server) {
      $('server-meta').textContent = [s.server.service, s.server.environment, 'v' + s.server.version,
        'up ' + fmtAge(s.server.uptime_seconds || 0), (s.server.nodes || []).length + ' node(s)'].join(' · ');
    }
    $('collecting').classList.toggle('hidden', !s.collecting_data);
    if (s.collecting_data) {
      var covered = Math.min.apply(null, (s.vital_signs || []).map(function (v) { return v.window_minutes || 0; }).concat([WINDOW_MINUTES]));
      $('collecting').textContent = 'Collecting data… the vital signs cover ' + covered + ' of ' + WINDOW_MINUTES
        + ' whole minutes since start; the start-up minute is left out.';
    }
    var errs = (s.errors || []).map(function (e) { return e.section; });
    banner(errs.length ? 'Degraded: ' + errs.join(', ') + ' could not be read; showing the rest.' : '');
    renderCards(s.vital_signs || []);
    renderHealth(s.health || []);
    renderFeed(s.error_feed || []);
  }

  function renderCards(signs) {
    var box = clear($('cards'));
    if (!signs.length) { box.appendChild(el('div', 'panel empty', 'No vital signs yet.')); return; }
    signs.forEach(function (v) {
      var card = el('div', 'card ' + status(v.status));
      card.setAttribute('data-signal', v.name);
      var name = el('div', 'name');
      name.appendChild(el('span', null, v.name));
      var st = status(v.status);
      var minutes = v.window_minutes === undefined ? WINDOW_MINUTES : v.window_minutes;
      name.appendChild(el('span', 'status', v.value === null ? (minutes === 0 ? 'collecting' : 'no data')
        : (st === 'unknown' ? 'no threshold' : st)));
      card.appendChild(name);
      var val = el('div', 'value');
      val.appendChild(el('span', 'num', fmtNum(v.value)));
      val.appendChild(el('span', 'unit', v.value === null ? '' : v.unit));
      card.appendChild(val);
      // every card states its window; fewer minutes than the window means the value is still collecting
      card.appendChild(el('div', 'window', minutes < WINDOW_MINUTES
        ? 'collecting · ' + minutes + ' of ' + WINDOW_MINUTES + ' min' : 'last ' + WINDOW_MINUTES + ' min'));
      var spark = el('div', 'spark');
      card.appendChild(spark);
      box.appendChild(card);
      sparkline(spark, v.sparkline || [], v.status);
    });
  }

  function sparkline(node, points, st) {
    if (!window.uPlot || !points.length) { return; }
    var xs = points.map(function (p) { return Date.parse(p.ts) / 1000; });
    var ys = points.map(function (p) { return p.value; });
    var colors = { green: '#3fb950', yellow: '#d29922', red: '#f85149' };
    var width = Math.max(120, node.parentNode.clientWidth - 24);
    new uPlot({ width: width, height: 42, legend: { show: false }, cursor: { show: false }, select: { show: false },
      axes: [{ show: false }, { show: false }], scales: { x: { time: true } },
      series: [{}, { stroke: colors[status(st)] || '#8593a3', width: 1.5, fill: 'rgba(88,166,255,0.08)', spanGaps: false }] },
      [xs, ys], node);
  }

  function renderHealth(list) {
    var ul = clear($('health'));
    if (!list.length) { ul.appendChild(el('li', 'muted', 'No services are probed.')); return; }
    list.forEach(function (h) {
      var li = el('li');
      li.appendChild(el('span', 'dot ' + status(h.status)));
      li.appendChild(el('span', 'svc', h.service));
      li.appendChild(el('span', 'st', status(h.status)));
      li.appendChild(el('span', 'detail', h.detail || ''));
      ul.appendChild(li);
    });
  }

  function feedItem(e) {
    var li = el('li');
    li.appendChild(el('span', 'time', fmtTime(e.ts)));
    li.appendChild(el('span', 'lvl-error', e.domain || e.service));
    li.appendChild(el('b', null, e.event));
    li.appendChild(el('span', 'msg', (e.message || '').slice(0, 200)));
    if (e.trace_id) {
      var a = el('button', 'link', 'trace');
      a.addEventListener('click', function () { openTrace(e.trace_id); });
      li.appendChild(a);
    }
    return li;
  }
  /* The same event can come twice: in /summary's error_feed and as a live error_event. Show it once. */
  function feedKey(e) { return [e.ts, e.node, e.service, e.event, e.message, e.trace_id].join('\u0001'); }
  function renderFeed(list) {
    var ul = clear($('error-feed'));
    state.feedKeys = {};
    if (!list.length) { ul.appendChild(el('li', 'muted', 'No errors. ')); return; }
    list.forEach(function (e) { state.feedKeys[feedKey(e)] = true; ul.appendChild(feedItem(e)); });
  }

  /* ---------- live feed (SSE over fetch, so the token travels in a header) ---------- */
  function stopStream() { if (state.stream) { state.stream.abort(); state.stream = null; } }
  function openStream() {
    stopStream();
    if (!window.fetch || !window.ReadableStream) { return; }
    var ctrl = new AbortController();
    state.stream = ctrl;
    fetch(API + '/stream', { headers: headers(), signal: ctrl.signal, cache: 'no-store' }).then(function (res) {
      if (!res.ok || !res.body) { throw new Error('stream ' + res.status); }
      $('live-dot').className = 'dot green';
      var reader = res.body.getReader();
      var decoder = new TextDecoder();
      var buffer = '';
      function pump() {
        return reader.read().then(function (r) {
          if (r.done) { throw new Error('stream ended'); }
          buffer += decoder.decode(r.value, { stream: true });
          var cut;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            onFrame(buffer.slice(0, cut));
            buffer = buffer.slice(cut + 2);
          }
          return pump();
        });
      }
      return pump();
    }).catch(function () {
      $('live-dot').className = 'dot grey';
      if (state.stream === ctrl) { setTimeout(function () { if (state.stream === ctrl) { openStream(); } }, 5000); }
    });
  }
  function onFrame(frame) {
    var name = 'message', data = '';
    frame.split('\n').forEach(function (line) {
      if (line.indexOf('event: ') === 0) { name = line.slice(7); }
      else if (line.indexOf('data: ') === 0) { data += line.slice(6); }
    });
    if (!data) { return; }
    var body;
    try { body = JSON.parse(data); } catch (e) { return; }
    if (name === 'vital_signs') {
      renderCards(body.vital_signs || []);
      if (body.health) { renderHealth(body.health); }
      state.updatedAt = Date.now(); tickUpdated();
    } else if (name === 'error_event') {
      var key = feedKey(body);
      if (state.feedKeys[key]) { return; }
      state.feedKeys[key] = true;
      var ul = $('error-feed');
      if (ul.firstChild && ul.firstChild.classList.contains('muted')) { clear(ul); }
      ul.insertBefore(feedItem(body), ul.firstChild);
      while (ul.children.length > 25) { ul.removeChild(ul.lastChild); }
    } else if (name === 'health_change') {
      api('/health').then(function (h) { renderHealth(h.services || []); }).catch(function () {});
    }
  }

  /* ---------- golden signals ---------- */
  function metricsFor(signal) {
    return ((state.config && state.config.metrics) || []).filter(function (m) { return m.signal === signal && m.kind === 'gauge'; });
  }
  /*
   * The saturation chart shows what the card shows: per step, the highest of every saturation gauge
   * (ratio × 100). A step is drawn when any gauge has data in it; partial if any is partial.
   */
  function highest(gauges, trends) {
    var base = trends[0], points = [];
    (base.series[0] ? base.series[0].points : []).forEach(function (p0, i) {
      var best = null, anyData = false, partial = false;
      trends.forEach(function (t, k) {
        var p = t.series[0] && t.series[0].points[i];
        if (!p) { return; }
        if (p.state === 'partial') { partial = true; }
        var v = drawable(p) ? scaled(p.max, gauges[k].unit === 'ratio' ? 100 : 1) : null;
        if (v !== null) { anyData = true; if (best === null || v > best) { best = v; } }
      });
      points.push({ ts: p0.ts, count: anyData ? 1 : 0, value: best,
        state: partial ? 'partial' : anyData ? 'data' : p0.state });
    });
    return { step_seconds: base.step_seconds, folded_groups: 0, series: [{ points: points }],
      def: { label: 'highest %', color: '#d29922', unit: ' %', value: function (p) { return p.value; } } };
  }
  function metricFor(signal) {
    var ms = (state.config && state.config.metrics) || [];
    for (var i = 0; i < ms.length; i++) { if (ms[i].signal === signal) { return ms[i]; } }
    return null;
  }
  /*
   * A step is drawn when it holds data or is a vouched-for empty step ('empty': the recorder ran and
   * counted nothing, a counter's zero). 'missing' steps are gaps. A 'partial' step covers only part
   * of its time (the minute in progress, the start-up minute, minutes nothing vouches for); its rate
   * is per covered time (covered_seconds), so it is drawn, but apart: a dotted series with hollow
   * points, named in the legend and in a note, never as a dip in the solid line.
   */
  function drawable(p) { return !p.state || p.state === 'data' || p.state === 'empty'; }
  function partialStep(p) { return p.state === 'partial'; }
  function chart(id, title, trend, seriesDefs, opts) {
    opts = opts || {};
    var node = clear($(id));
    if (state.charts[id]) { state.charts[id].destroy(); delete state.charts[id]; }
    ['data-rendered', 'data-style', 'data-drawn', 'data-zeros', 'data-step', 'data-partial-drawn'].forEach(function (a) { node.removeAttribute(a); });
    var s = trend && trend.series && trend.series[0];
    var data = [], series = [{}], drawn = 0, partials = [], partialDrawn = 0;
    if (s) {
      data.push(s.points.map(function (p) { return Date.parse(p.ts) / 1000; }));
      seriesDefs.forEach(function (d) {
        function ys(keep) {
          return s.points.map(function (p, i) {
            var v = keep(p) ? d.value(p, i) : null;
            return v === null || v === undefined || isNaN(v) ? null : v;
          });
        }
        var whole = ys(drawable), part = ys(partialStep);
        drawn = Math.max(drawn, whole.filter(function (v) { return v !== null; }).length);
        partialDrawn = Math.max(partialDrawn, part.filter(function (v) { return v !== null; }).length);
        data.push(whole);
        partials.push(part);
      });
    }
    if (!drawn && !partialDrawn) {
      node.appendChild(el('div', 'empty', 'No data in this range.'));
      node.setAttribute('data-step', String((trend && trend.step_seconds) || ''));
      notes(node, s, trend, opts);
      return;
    }
    // Few points (two days of a 24 h range, say) are bars: a line between them would invent a trend.
    var bars = opts.bars || drawn < FEW_POINTS;
    if (bars) {
      // a bar stands in the middle of the step it counts (a day's bar at noon), not on its start
      var half = (trend.step_seconds || 60) / 2;
      data[0] = data[0].map(function (x) { return x + half; });
    }
    seriesDefs.forEach(function (d, i) {
      var def = { label: d.label, stroke: d.color, width: 1.6, spanGaps: false,
        value: function (u, v) { return v === null ? '–' : fmtNum(v) + d.unit; } };
      if (bars && uPlot.paths && uPlot.paths.bars) {
        // side by side when there are two series: the first left of the tick, the second right of it
        def.paths = uPlot.paths.bars({ size: [0.8 / seriesDefs.length, 48],
          align: seriesDefs.length === 1 ? 0 : (i === 0 ? -1 : 1) });
        def.fill = d.color + '99'; def.points = { show: false };
      } else {
        def.points = { show: drawn < 30 };
      }
      series.push(def);
    });
    // partial steps: the same quantities, dotted with hollow points, after the whole ones (up to three
    // series; a grouped chart with more would double its legend, so there the note alone names them)
    if (partialDrawn && seriesDefs.length > 3) { partialDrawn = 0; }
    if (partialDrawn) {
      seriesDefs.forEach(function (d, i) {
        data.push(partials[i]);
        var def = { label: d.label + ' (partial)', stroke: d.color, width: 1.2, dash: [4, 4], spanGaps: false,
          points: { show: true, size: 7, fill: '#0d1117', stroke: d.color },
          value: function (u, v) { return v === null ? '–' : fmtNum(v) + d.unit + ' (partial)'; } };
        if (bars && uPlot.paths && uPlot.paths.bars) {
          def.paths = uPlot.paths.bars({ size: [0.8 / seriesDefs.length, 48],
            align: seriesDefs.length === 1 ? 0 : (i === 0 ? -1 : 1) });
          def.fill = d.color + '33'; def.points = { show: false };
        }
        series.push(def);
      });
    }
    var axis = { stroke: '#8593a3', grid: { stroke: '#232c36' }, ticks: { stroke: '#2a3440' } };
    var x = { time: true };
    if (bars) { x.range = function (u, min, max) { var pad = Math.max(1, (trend.step_seconds || 60) * 0.6); return [min - pad, max + pad]; }; }
    // x labels at least 72 px apart, so times never run into each other on a narrow chart
    state.charts[id] = new uPlot({ width: Math.max(300, node.clientWidth), height: 220, series: series,
      axes: [Object.assign({}, axis, { space: 72 }), Object.assign({}, axis, { size: 56 })], scales: { x: x, y: { range: function (u, min, max) {
        return [Math.min(0, min), max > 0 ? max * 1.1 : 1]; } } } }, data, node);
    node.setAttribute('data-rendered', 'true');
    node.setAttribute('data-style', bars ? 'bars' : 'line');
    // what the first series draws, for tests and curious readers: points drawn, and how many are zero
    var first = data[1] || [];
    node.setAttribute('data-drawn', String(first.filter(function (v) { return v !== null; }).length));
    node.setAttribute('data-zeros', String(first.filter(function (v) { return v === 0; }).length));
    node.setAttribute('data-step', String(trend.step_seconds || ''));
    node.setAttribute('data-partial-drawn', String(partialDrawn));
    notes(node, s, trend, opts);
  }
  /* What a chart leaves out or folds, said under it. */
  function notes(node, s, trend, opts) {
    var lines = [];
    var points = (s && s.points) || [];
    var partial = points.filter(function (p) { return p.state === 'partial'; }).length;
    var missing = points.filter(function (p) { return p.state === 'missing'; }).length;
    if (partial) { lines.push('partial: ' + partial + ' step(s) cover only part of their time (the minute in progress, the start-up minute, minutes without data), dotted; their rate is per covered time'); }
    if (missing) { lines.push(missing + ' step(s) without data are gaps'); }
    if (trend && trend.folded_groups > 0) { lines.push(trend.folded_groups + ' more series folded into “other”'); }
    (opts.notes || []).forEach(function (n) { lines.push(n); });
    if (!lines.length) { return; }
    var box = el('div', 'note');
    box.setAttribute('data-note', 'chart');
    box.textContent = lines.join(' · ');
    node.appendChild(box);
  }
  function toMs(unit) { return unit === 'seconds' ? 1000 : 1; }
  function scaled(v, f) { return v === null || v === undefined ? null : v * f; }
  /*
   * The errors chart shows what the errors card shows: errors / requests in %, per step. A step with
   * requests and no error samples is 0 %; a step without requests has no rate (a gap).
   */
  function errorRates(traffic) {
    var tp = (traffic && traffic.series && traffic.series[0] && traffic.series[0].points) || [];
    return [{ label: 'error rate %', color: '#f85149', unit: ' %', value: function (p, i) {
      var t = tp[i];
      // a partial step's errors and requests cover the same time, so its rate is drawn (dotted) too
      if (!t || t.ts !== p.ts || !(drawable(t) || partialStep(t)) || !(t.sum > 0)) { return null; }
      return 100 * p.sum / t.sum;
    } }];
  }
  /*
   * Requests by route: the traffic metric grouped by its route label, the top GROUP_SERIES series
   * and "other". The API keeps 20 series and folds the rest into "other" (folded_groups); the page
   * folds further, so its chart stays readable, and says how many series "other" holds in all.
   * Rates of one step add up (each is per the step's covered time), so folding sums them.
   */
  var GROUP_SERIES = 5, GROUP_COLORS = ['#58a6ff', '#3fb950', '#d29922', '#bc8cff', '#39c5cf', '#8593a3'];
  function grouped(trend) {
    var named = trend.series.filter(function (s) { return s.group !== 'other'; });
    var apiOther = trend.series.filter(function (s) { return s.group === 'other'; })[0];
    var kept = named.slice(0, GROUP_SERIES), rest = named.slice(GROUP_SERIES).concat(apiOther ? [apiOther] : []);
    var foldedHere = named.length - kept.length, folded = foldedHere + (trend.folded_groups || 0);
    var groups = kept.map(function (s) { return s.group === null || s.group === '' ? '(none)' : s.group; });
    if (rest.length) { groups.push('other'); }
    var base = (kept[0] || rest[0]).points, points = base.map(function (p0, i) {
      var rates = [], anyData = false, anyPartial = false, anyEmpty = false;
      function look(s) {
        var p = s.points[i];
        if (p.state === 'partial') { anyPartial = true; } else if (p.state === 'data') { anyData = true; }
        else if (p.state === 'empty') { anyEmpty = true; }
        return p;
      }
      kept.forEach(function (s) { rates.push(look(s).rate); });
      if (rest.length) { rates.push(rest.reduce(function (sum, s) { return sum + look(s).rate; }, 0)); }
      return { ts: p0.ts, rates: rates,
        state: anyPartial ? 'partial' : anyData ? 'data' : anyEmpty ? 'empty' : 'missing' };
    });
    return { trend: { step_seconds: trend.step_seconds, folded_groups: folded, series: [{ points: points }] },
      defs: groups.map(function (g, k) {
        return { label: g, color: GROUP_COLORS[Math.min(k, GROUP_COLORS.length - 1)], unit: '/s',
          value: function (p) { return p.rates[k]; } };
      }) };
  }
  function loadGrouped() {
    var m = metricFor('traffic'), title = $('grouped-metric');
    var key = m && (m.labels || []).indexOf('route') >= 0 ? 'route' : null;
    if (!key) {
      chart('chart-grouped', 'grouped', null, []);
      $('chart-grouped').firstChild.textContent = 'The traffic metric has no route label to group by.';
      return Promise.resolve();
    }
    title.textContent = m.name + ' by ' + key;
    return api('/trends', { metric: m.name, range: state.range, group_by: key }).then(function (t) {
      if (!t.series || !t.series.length) { chart('chart-grouped', 'grouped', null, []); return; }
      var g = grouped(t);
      chart('chart-grouped', 'grouped', g.trend, g.defs);
      $('chart-grouped').setAttribute('data-series', String(g.defs.length));
      $('chart-grouped').setAttribute('data-folded', String(g.trend.folded_groups));
    }).catch(function (e) { handleError(e, 'requests by route'); });
  }
  function loadSignals() {
    var defs = {
      LATENCY: ['chart-latency', 'latency-metric', function (m) { var f = toMs(m.unit); return [
        { label: 'p50', color: '#3fb950', unit: ' ms', value: function (p) { return scaled(p.p50, f); } },
        { label: 'p95', color: '#d29922', unit: ' ms', value: function (p) { return scaled(p.p95, f); } },
        { label: 'p99', color: '#f85149', unit: ' ms', value: function (p) { return scaled(p.p99, f); } }]; }],
      TRAFFIC: ['chart-traffic', 'traffic-metric', function () { return [
        { label: 'req/s', color: '#58a6ff', unit: '/s', value: function (p) { return p.rate; } }]; }],
      ERRORS: ['chart-errors', 'errors-metric', null],
      SATURATION: ['chart-saturation', 'saturation-metric', null]
    };
    var trends = {};
    function trend(signal) {
      var m = metricFor(signal.toLowerCase());
      if (!m) { return Promise.resolve(null); }
      if (!trends[signal]) { trends[signal] = api('/trends', { metric: m.name, range: state.range }); }
      return trends[signal];
    }
    var jobs = Object.keys(defs).map(function (signal) {
      var d = defs[signal], m = metricFor(signal.toLowerCase());
      var gauges = signal === 'SATURATION' ? metricsFor('saturation') : [];
      $(d[1]).textContent = !m ? '' : signal === 'ERRORS' ? m.name + ' / requests'
        : signal === 'SATURATION' ? 'highest of ' + gauges.map(function (g) { return g.name; }).join(', ') : m.name;
      if (!m) { chart(d[0], signal, null, []); $(d[0]).firstChild.textContent = 'No ' + signal.toLowerCase() + ' metric declared.'; return Promise.resolve(); }
      if (signal === 'SATURATION') {
        return Promise.all(gauges.map(function (g) { return api('/trends', { metric: g.name, range: state.range }); }))
          .then(function (ts) { var h = highest(gauges, ts); chart(d[0], signal, h, [h.def]); })
          .catch(function (e) { handleError(e, 'saturation'); });
      }
      var inputs = signal === 'ERRORS' ? [trend(signal), trend('TRAFFIC')] : [trend(signal)];
      return Promise.all(inputs).then(function (t) { chart(d[0], signal, t[0], d[2] ? d[2](m) : errorRates(t[1])); })
        .catch(function (e) { handleError(e, signal.toLowerCase()); });
    });
    jobs.push(loadGrouped());
    jobs.push(api('/top-routes', { range: state.range, sort: 'latency', limit: 10 }).then(function (r) {
      table($('top-routes'), ['route', 'requests', 'error rate', 'p95'], (r.routes || []).map(function (x) {
        return [x.route, fmtNum(x.count, 0), x.error_rate === null ? '–' : fmtNum(x.error_rate * 100) + ' %',
          x.p95 === null ? '–' : fmtNum(x.p95 * (r.latency_unit === 'seconds' ? 1000 : 1)) + ' ms'];
      }), 'No routes in this range.');
    }).catch(function (e) { handleError(e, 'top routes'); }));
    jobs.push(api('/top-errors', { range: state.range, limit: 10 }).then(function (r) {
      // a capped log scan gives lower bounds: say "≥" on every log count, and why, under the table
      table($('top-errors'), ['source', 'category', 'count'], (r.categories || []).map(function (x) {
        return [x.source, x.name, (r.truncated && x.source === 'log' ? '≥ ' : '') + fmtNum(x.count, 0)];
      }), 'No errors in this range.');
      tableNote($('top-errors'), r.truncated ? 'Log counts are lower bounds: the scan stopped at '
        + fmtNum(r.log_scan_cap || 10000, 0) + ' ERROR rows (the newest).' : '');
    }).catch(function (e) { handleError(e, 'top errors'); }));
    return Promise.all(jobs);
  }

  /* A note under a table (what was capped); an empty text removes it. */
  function tableNote(tableNode, text) {
    var next = tableNode.nextSibling;
    if (next && next.nodeType === 1 && next.getAttribute('data-note')) { next.parentNode.removeChild(next); }
    if (!text) { return; }
    var n = el('div', 'note', text);
    n.setAttribute('data-note', tableNode.id);
    tableNode.parentNode.insertBefore(n, tableNode.nextSibling);
  }

  function table(node, heads, rows, emptyText, rowClass) {
    clear(node);
    var thead = el('thead'), tr = el('tr');
    heads.forEach(function (h) { tr.appendChild(el('th', null, h)); });
    thead.appendChild(tr); node.appendChild(thead);
    var body = el('tbody');
    if (!rows.length) {
      var r = el('tr'), td = el('td', 'empty', emptyText); td.colSpan = heads.length; r.appendChild(td); body.appendChild(r);
    }
    rows.forEach(function (cells, i) {
      var row = el('tr', rowClass ? rowClass(i) : null);
      cells.forEach(function (c) {
        var td = el('td');
        if (c instanceof Node) { td.appendChild(c); } else { td.textContent = c === null || c === undefined ? '' : String(c); }
        row.appendChild(td);
      });
      body.appendChild(row);
    });
    node.appendChild(body);
  }

  /* ---------- logs and traces ---------- */
  function formValues(form) {
    var out = {};
    Array.prototype.forEach.call(form.elements, function (f) { if (f.name && f.value) { out[f.name] = f.value.trim(); } });
    return out;
  }
  function traceLink(id) {
    if (!id) { return ''; }
    var b = el('button', 'link', id.length > 18 ? id.slice(0, 8) + '…' + id.slice(-8) : id);
    b.title = id;
    b.addEventListener('click', function () { openTrace(id); });
    return b;
  }
  function openTrace(id) {
    var f = $('trace-filters');
    f.elements.trace_id.value = id;
    setTraceStatus('all');
    showTab('traces');
  }
  function loadLogs() {
    var p = formValues($('log-filters'));
    p.range = state.range; p.limit = 50; p.cursor = state.logs.cursors[state.logs.index];
    return api('/logs', p).then(function (r) {
      state.logs.next = r.next_cursor;
      table($('logs'), ['time (UTC)', 'level', 'service', 'domain', 'event', 'message', 'trace'], r.items.map(function (e) {
        return [fmtDateTime(e.ts), levelCell(e.level), e.service, e.domain, e.event, e.message, traceLink(e.trace_id)];
      }), 'No WARN or ERROR events match.');
      pager('logs', r.items.length);
    }).catch(function (e) { handleError(e, 'logs'); });
  }
  function levelCell(level) { return el('span', 'lvl-' + status(level), String(level).toUpperCase()); }
  function pager(kind, count) {
    var s = state[kind];
    $(kind + '-prev').disabled = s.index === 0;
    $(kind + '-next').disabled = !s.next;
    $(kind + '-page').textContent = 'page ' + (s.index + 1) + ' · ' + count + ' rows';
  }
  function loadTraces() {
    var p = formValues($('trace-filters'));
    p.range = state.range; p.limit = 50; p.status = state.traces.status; p.cursor = state.traces.cursors[state.traces.index];
    return api('/traces', p).then(function (r) {
      state.traces.next = r.next_cursor;
      var tmpl = state.links && state.links.trace_link_template;
      table($('traces'), ['time (UTC)', 'trace', 'span', 'route', 'domain', 'status', 'duration', ''], r.items.map(function (t) {
        var ext = '';
        if (tmpl) { ext = el('a', null, 'Open in Tempo'); ext.href = tmpl.replace('{trace_id}', encodeURIComponent(t.trace_id)); ext.target = '_blank'; ext.rel = 'noopener noreferrer'; }
        return [fmtDateTime(t.ts), traceLink(t.trace_id), t.span_name, t.route, t.domain, t.status || (t.error ? 'error' : 'ok'),
          fmtNum(t.duration_ms, 1) + ' ms', ext];
      }), 'No spans match.', function (i) { return r.items[i].error || r.items[i].status >= 500 ? 'error' : null; });
      pager('traces', r.items.length);
    }).catch(function (e) { handleError(e, 'traces'); });
  }
  function setTraceStatus(s) {
    state.traces.status = s;
    Array.prototype.forEach.call($('trace-presets').children, function (b) { b.classList.toggle('on', b.getAttribute('data-status') === s); });
  }
  function resetPages(kind) { state[kind].cursors = [null]; state[kind].index = 0; state[kind].next = null; }

  /* ---------- events and freshness ---------- */
  function loadEvents() {
    var p = formValues($('event-filters'));
    if (!p.type) {
      clear($('event-stats')).appendChild(el('div', 'muted', 'Enter an event type to analyze.'));
      return Promise.resolve();
    }
    p.range = state.range;
    return api('/events', p).then(function (r) {
      var stats = clear($('event-stats'));
      [['events', fmtNum(r.count, 0)], ['distinct subjects', fmtNum(r.distinct_subjects, 0)],
        ['success rate', r.success_rate === null ? '–' : fmtNum(r.success_rate * 100) + ' %']].forEach(function (x) {
        var d = el('div'); d.appendChild(el('b', null, x[1])); d.appendChild(el('span', 'muted', x[0])); stats.appendChild(d);
      });
      table($('event-breakdown'), [r.by || 'value', 'count', '%', 'subjects', 'success'], (r.breakdown || []).map(function (b) {
        return [b.value, fmtNum(b.count, 0), fmtNum(b.percent) + ' %', fmtNum(b.distinct_subjects, 0),
          b.success_rate === null ? '–' : fmtNum(b.success_rate * 100) + ' %'];
      }), r.by ? 'No events.' : 'Choose a dimension to break down by.');
      var days = r.days || [];
      // a day only partly inside the range is a partial count: named under the chart, drawn as a bar like the rest
      var from = Date.parse(r.from), to = Date.parse(r.to), partialDays = [];
      days.forEach(function (d) {
        var start = Date.parse(d.day);
        if (start < from || start + 86400000 > to) { partialDays.push(d.day.slice(0, 10)); }
      });
      var eventNotes = [];
      if (partialDays.length) { eventNotes.push('partial day(s), only partly in the range: ' + partialDays.join(', ')); }
      if (r.truncated) { eventNotes.push('only the newest ' + fmtNum(r.read_cap, 0) + ' events were counted (read cap): the numbers are lower bounds'); }
      chart('chart-events', 'events', { step_seconds: 86400, series: [{ points: days.map(function (d) { return { ts: d.day, count: d.count, rate: d.count, dist: d.distinct_subjects }; }) }] },
        [{ label: 'events', color: '#58a6ff', unit: '', value: function (p) { return p.count; } },
          { label: 'subjects', color: '#a371f7', unit: '', value: function (p) { return p.dist; } }], { bars: true, notes: eventNotes });
    }).catch(function (e) { handleError(e, 'events'); });
  }
  function loadFreshness() {
    return api('/freshness').then(function (r) {
      table($('freshness'), ['', 'name', 'kind', 'node', 'status', 'age', 'ttl', 'last run', 'ok', 'detail'], (r.items || []).map(function (f) {
        return [el('span', 'dot ' + status(f.status)), f.name, f.kind, f.node, f.status, fmtAge(f.age_seconds), fmtAge(f.ttl_seconds),
          f.last_duration_ms ? fmtNum(f.last_duration_ms) + ' ms' : '', f.ok ? 'yes' : 'no', f.detail];
      }), 'Nothing is tracked yet (heartbeats, jobs, keys).');
    }).catch(function (e) { handleError(e, 'freshness'); });
  }

  /* ---------- store ---------- */
  function fmtBytes(b) {
    if (b === null || b === undefined) { return '–'; }
    var units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'], i = 0, v = b;
    while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
    return (i === 0 ? String(v) : v.toFixed(v < 10 ? 1 : 0)) + ' ' + units[i];
  }
  function stat(label, value, cls) {
    var d = el('div', cls); d.appendChild(el('b', null, value)); d.appendChild(el('span', 'muted', label)); return d;
  }
  /* Counting rows scans every table: the store view loads when opened or reloaded, never on the refresh timer. */
  function loadStore() {
    return api('/store').then(function (s) {
      $('store-kind').textContent = s.store || '';
      $('store-checked').textContent = s.checked_at ? 'checked ' + fmtDateTime(s.checked_at) : '';
      var budget = s.size_budget;
      var stats = clear($('store-stats'));
      var size = stat('database size' + (budget ? ' (budget ' + fmtNum(budget.yellow_mb) + ' / ' + fmtNum(budget.red_mb) + ' MiB)' : ''),
        fmtBytes(s.database_bytes), budget && budget.status ? 'st-' + status(budget.status) : null);
      size.setAttribute('data-field', 'database_bytes');
      stats.appendChild(size);
      if (s.reclaimable_bytes !== null && s.reclaimable_bytes !== undefined) { stats.appendChild(stat('reclaimable', fmtBytes(s.reclaimable_bytes))); }
      stats.appendChild(stat('rows', s.total_rows === null || s.total_rows === undefined ? '–' : fmtNum(s.total_rows, 0)));
      stats.appendChild(stat('oldest row', s.oldest_row ? fmtDateTime(s.oldest_row) : '–'));
      stats.appendChild(stat('last retention run', s.last_retention_run ? fmtDateTime(s.last_retention_run) : 'not yet'));
      stats.appendChild(stat('rolled up through (hour / day)', (s.hour_rollup_through ? fmtDateTime(s.hour_rollup_through) : '–')
        + ' / ' + (s.day_rollup_through ? fmtDateTime(s.day_rollup_through) : '–')));
      var tables = (s.tables || []).slice().sort(function (a, b) { return (b.bytes || 0) - (a.bytes || 0) || (b.rows || 0) - (a.rows || 0); });
      table($('store-tables'), ['table', 'rows', 'bytes', 'oldest', 'newest'], tables.map(function (t) {
        return [t.name, t.rows === null || t.rows === undefined ? '–' : fmtNum(t.rows, 0), fmtBytes(t.bytes),
          t.oldest ? fmtDateTime(t.oldest) : '', t.newest ? fmtDateTime(t.newest) : ''];
      }), 'The store reports no tables.');
      Array.prototype.forEach.call($('store-tables').querySelectorAll('tbody tr'), function (tr) {
        if (tr.children.length === 5) { tr.children[1].className = 'num'; tr.children[2].className = 'num'; }
      });
    }).catch(function (e) { handleError(e, 'store'); });
  }

  /* ---------- export ---------- */
  function exportData(type, format) {
    var form = type === 'logs' ? $('log-filters') : type === 'traces' ? $('trace-filters') : null;
    var p = form ? formValues(form) : {};
    if (type === 'events') { var ev = formValues($('event-filters')); p = { event_type: ev.type }; }
    if (type === 'traces') { p.status = state.traces.status; }
    p.type = type; p.format = format; p.range = state.range;
    var q = new URLSearchParams();
    Object.keys(p).forEach(function (k) { if (p[k]) { q.set(k, p[k]); } });
    fetch(API + '/export?' + q.toString(), { headers: headers() }).then(function (res) {
      if (!res.ok) { return res.json().then(function (b) { throw new Error(b.error ? b.error.message : 'export failed'); }); }
      var cd = res.headers.get('Content-Disposition') || '';
      var m = /filename="([^"]+)"/.exec(cd);
      return res.blob().then(function (blob) {
        var a = el('a'); a.href = URL.createObjectURL(blob); a.download = m ? m[1] : ('telemetry.' + format);
        document.body.appendChild(a); a.click(); a.remove();
        setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
      });
    }).catch(function (e) { handleError(e, 'export'); });
  }

  /* ---------- shell ---------- */
  function showTab(tab) {
    state.tab = tab;
    Array.prototype.forEach.call($('tabs').children, function (b) { b.classList.toggle('on', b.getAttribute('data-tab') === tab); });
    ['signals', 'logs', 'traces', 'events', 'freshness', 'store'].forEach(function (t) { $('tab-' + t).classList.toggle('hidden', t !== tab); });
    return tab === 'store' ? loadStore() : loadTab();
  }
  function loadTab() {
    switch (state.tab) {
      case 'logs': return loadLogs();
      case 'traces': return loadTraces();
      case 'events': return loadEvents();
      case 'freshness': return loadFreshness();
      case 'store': return Promise.resolve(); // opened or reloaded by hand only (loadStore)
      default: return loadSignals();
    }
  }
  function refresh() {
    return loadSummary().then(loadTab).catch(function (e) { handleError(e, 'summary'); });
  }
  function tickUpdated() {
    var u = $('updated');
    if (!state.updatedAt) { return; }
    var age = (Date.now() - state.updatedAt) / 1000;
    u.textContent = 'updated ' + Math.round(age) + 's ago';
    u.classList.toggle('stale', age > 2 * REFRESH_MS / 1000);
  }
  function schedule() {
    if (state.timer) { clearInterval(state.timer); state.timer = null; }
    if (state.auto) { state.timer = setInterval(refresh, REFRESH_MS); }
    $('cadence').textContent = state.auto ? 'every ' + (REFRESH_MS / 1000) + 's' : 'off';
  }

  function start() {
    return api('/config').then(function (c) {
      state.config = c;
      if (c.vital_signs && c.vital_signs.window_minutes) { WINDOW_MINUTES = c.vital_signs.window_minutes; }
      return api('/links').then(function (l) { state.links = l; }, function () { state.links = null; });
    }).then(function () {
      showApp();
      openStream();
      document.dispatchEvent(new Event('telemetry:ready')); // pages.js loads the host pages
      return refresh();
    }).catch(function (e) { handleError(e); });
  }

  function wire() {
    $('login-form').addEventListener('submit', function (ev) {
      ev.preventDefault();
      sessionStorage.setItem(TOKEN_KEY, $('token').value.trim());
      $('token').value = '';
      start();
    });
    $('sign-out').addEventListener('click', function () { sessionStorage.removeItem(TOKEN_KEY); showLogin(''); });
    Array.prototype.forEach.call($('ranges').children, function (b) {
      b.addEventListener('click', function () {
        state.range = b.getAttribute('data-range');
        Array.prototype.forEach.call($('ranges').children, function (x) { x.classList.toggle('on', x === b); });
        resetPages('logs'); resetPages('traces');
        loadTab();
      });
    });
    $('store-reload').addEventListener('click', function () { loadStore(); });
    $('auto-refresh').addEventListener('change', function (ev) { state.auto = ev.target.checked; schedule(); });
    Array.prototype.forEach.call($('tabs').children, function (b) {
      b.addEventListener('click', function () { showTab(b.getAttribute('data-tab')); });
    });
    document.querySelector('[data-goto="logs"]').addEventListener('click', function () { showTab('logs'); });
    $('log-filters').addEventListener('submit', function (ev) { ev.preventDefault(); resetPages('logs'); loadLogs(); });
    $('trace-filters').addEventListener('submit', function (ev) { ev.preventDefault(); resetPages('traces'); loadTraces(); });
    $('event-filters').addEventListener('submit', function (ev) { ev.preventDefault(); loadEvents(); });
    Array.prototype.forEach.call($('trace-presets').children, function (b) {
      b.addEventListener('click', function () { setTraceStatus(b.getAttribute('data-status')); resetPages('traces'); loadTraces(); });
    });
    ['logs', 'traces'].forEach(function (kind) {
      $(kind + '-next').addEventListener('click', function () {
        var s = state[kind]; if (!s.next) { return; }
        s.cursors = s.cursors.slice(0, s.index + 1); s.cursors.push(s.next); s.index++;
        (kind === 'logs' ? loadLogs : loadTraces)();
      });
      $(kind + '-prev').addEventListener('click', function () {
        var s = state[kind]; if (s.index === 0) { return; }
        s.index--; (kind === 'logs' ? loadLogs : loadTraces)();
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll('[data-export]'), function (b) {
      b.addEventListener('click', function () { exportData(b.getAttribute('data-export'), b.getAttribute('data-format')); });
    });
    setInterval(tickUpdated, 1000);
    schedule();
  }

  /* Shared with pages.js (host pages), which is loaded after this script. */
  window.TelemetryUI = { api: api, el: el, clear: clear, fmtNum: fmtNum, fmtDateTime: fmtDateTime, fmtAge: fmtAge,
    handleError: handleError, status: status };

  wire();
  start();
}());
