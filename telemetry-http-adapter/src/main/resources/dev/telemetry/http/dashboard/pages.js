/* Host pages: /pages in the navigation, one page at #page/<id> (or #page/<id>/<detail>), each
   section rendered from its typed view with its own freshness, error or "collecting data". Uses the
   helpers app.js shares as window.TelemetryUI; no build step. */
(function () {
  'use strict';
  var ui = null;
  var MIN_REFRESH_MS = 5000;
  var MAX_REFRESH_MS = 600000;
  var COLORS = ['#58a6ff', '#a371f7', '#3fb950', '#d29922', '#f85149', '#39c5cf', '#db61a2', '#8593a3', '#e3b341', '#7ee787'];
  var state = { pages: [], current: null, timer: null, charts: [], loaded: null, sorts: {} };

  function $(id) { return document.getElementById(id); }

  /* ---------- routing ---------- */
  function route() {
    var m = /^#page\/([a-z0-9-]{1,64})(?:\/([A-Za-z0-9_.:-]{1,64}))?$/.exec(location.hash);
    return m ? { id: m[1], detail: m[2] || null } : null;
  }
  function onHash() {
    var r = route();
    if (r) { openPage(r); } else { closePage(); }
  }
  function closePage() {
    stopTimer();
    state.current = null;
    document.body.classList.remove('viewing-page');
    $('host-page').classList.add('hidden');
    markNav(null);
  }
  function openPage(r) {
    stopTimer();
    state.current = r;
    document.body.classList.add('viewing-page');
    Array.prototype.forEach.call(document.querySelectorAll('main .tab'), function (t) { t.classList.add('hidden'); });
    Array.prototype.forEach.call($('tabs').children, function (b) { b.classList.remove('on'); });
    $('host-page').classList.remove('hidden');
    markNav(r.id);
    return load(r, true);
  }
  function markNav(id) {
    Array.prototype.forEach.call($('page-nav').querySelectorAll('a'), function (a) {
      var on = a.getAttribute('data-page') === id;
      a.classList.toggle('on', on);
      if (on) { a.setAttribute('aria-current', 'page'); } else { a.removeAttribute('aria-current'); }
    });
  }

  /* ---------- loading ---------- */
  function path(r) {
    return '/pages/' + encodeURIComponent(r.id) + (r.detail ? '/' + encodeURIComponent(r.detail) : '');
  }
  function load(r, first) {
    var box = $('host-page');
    if (first) { box.setAttribute('aria-busy', 'true'); }
    return ui.api(path(r)).then(function (page) {
      if (state.current !== r) { return; }
      render(box, page);
      if (first && state.navigated) { $('host-page-title').focus({ preventScroll: true }); } // screen readers start at the page
      state.loaded = Date.now();
      schedule(r, page);
    }).catch(function (e) {
      if (state.current !== r) { return; }
      if (e && e.apiError) { renderMissing(box, r, e.message); return; }
      ui.handleError(e, 'page ' + r.id);
    }).then(function () { box.removeAttribute('aria-busy'); });
  }
  /* Next load when the first section's cache expires (the server recomputes it then). */
  function schedule(r, page) {
    stopTimer();
    if (!$('auto-refresh').checked) { return; }
    var soonest = Infinity;
    (page.sections || []).forEach(function (s) { soonest = Math.min(soonest, Date.parse(s.expires_at)); });
    var wait = isFinite(soonest) ? soonest - Date.now() + 500 : MIN_REFRESH_MS;
    wait = Math.min(MAX_REFRESH_MS, Math.max(MIN_REFRESH_MS, wait));
    state.timer = setTimeout(function () { if (state.current === r) { load(r, false); } }, wait);
  }
  function stopTimer() { if (state.timer) { clearTimeout(state.timer); state.timer = null; } }

  function loadNav() {
    return ui.api('/pages').then(function (r) {
      state.pages = r.pages || [];
      var nav = ui.clear($('page-nav'));
      nav.classList.toggle('hidden', !state.pages.length);
      if (state.pages.length) { nav.appendChild(ui.el('span', 'nav-label', 'Pages')); }
      state.pages.forEach(function (p) {
        var a = ui.el('a', null, p.title || p.id);
        a.href = '#page/' + p.id;
        a.setAttribute('data-page', p.id);
        nav.appendChild(a);
      });
      if (state.current) { markNav(state.current.id); }
    });
  }

  /* ---------- rendering ---------- */
  function destroyCharts() {
    state.charts.forEach(function (c) { c.destroy(); });
    state.charts = [];
  }
  function titleOf(id) {
    for (var i = 0; i < state.pages.length; i++) { if (state.pages[i].id === id) { return state.pages[i].title; } }
    return id;
  }
  function heading(box, page) {
    var head = ui.el('div', 'page-head');
    if (page.detail) {
      var back = ui.el('a', 'back', '← ' + titleOf(page.id));
      back.href = '#page/' + page.id;
      head.appendChild(back);
    }
    var h = ui.el('h2', null, page.detail ? titleOf(page.id) + ' › ' + page.title : page.title);
    h.id = 'host-page-title';
    h.tabIndex = -1;
    head.appendChild(h);
    head.appendChild(ui.el('span', 'muted', 'cached ' + ttlText(page.ttl_seconds) + ' · computed ' +
      ui.fmtDateTime(page.generated_at)));
    box.appendChild(head);
  }
  function render(box, page) {
    destroyCharts();
    ui.clear(box);
    heading(box, page);
    var errors = (page.errors || []).length;
    if (errors) {
      box.appendChild(ui.el('div', 'banner', errors + ' of ' + page.sections.length +
        ' sections could not be computed; the rest are shown.'));
    }
    var grid = ui.el('div', 'page-grid');
    box.appendChild(grid);
    var sections = page.sections || [];
    var wide = layout(sections);
    sections.forEach(function (s, i) { grid.appendChild(section(page, s, wide[i])); });
    renderCharts(grid);
  }
  function renderMissing(box, r, message) {
    destroyCharts();
    ui.clear(box);
    box.appendChild(ui.el('h2', null, r.detail ? r.id + ' › ' + r.detail : r.id));
    box.appendChild(ui.el('div', 'banner', 'This page cannot be shown: ' + message));
  }

  /* Tables, charts and stat rows take the full width; the others go two by two, in order, and one
     left without a neighbour takes the full width rather than leaving a hole. */
  function layout(sections) {
    var wide = sections.map(function (s) { return s.kind === 'table' || s.kind === 'time_series' || s.kind === 'stats'; });
    var run = 0;
    for (var i = 0; i <= sections.length; i++) {
      if (i < sections.length && !wide[i]) { run++; continue; }
      if (run % 2 === 1) { wide[i - 1] = true; }
      run = 0;
    }
    return wide;
  }
  function section(page, s, wide) {
    var box = ui.el('section', 'panel page-section' + (wide ? ' wide' : '') + ' state-' + s.state);
    box.setAttribute('data-section', s.name);
    box.setAttribute('data-state', s.state);
    var hid = 'section-' + s.name;
    box.setAttribute('aria-labelledby', hid);
    var head = ui.el('div', 'section-head');
    var h = ui.el('h3', null, s.title);
    h.id = hid;
    head.appendChild(h);
    head.appendChild(freshness(s));
    box.appendChild(head);
    if (s.state === 'error') {
      box.appendChild(ui.el('div', 'section-error', 'Could not compute this section: ' + s.error));
    } else if (s.state === 'collecting') {
      box.appendChild(collecting(s.collecting));
    } else {
      box.appendChild(view(page, s));
    }
    return box;
  }
  function freshness(s) {
    var age = (Date.now() - Date.parse(s.computed_at)) / 1000;
    var stale = Date.now() > Date.parse(s.expires_at) + 60000;
    var span = ui.el('span', 'freshness' + (stale ? ' stale' : ''),
      'computed ' + ui.fmtAge(Math.max(0, age)) + ' ago · TTL ' + ttlText(s.ttl_seconds));
    span.title = 'computed at ' + ui.fmtDateTime(s.computed_at) + ', cached until ' + ui.fmtDateTime(s.expires_at);
    return span;
  }
  function ttlText(seconds) {
    if (seconds % 3600 === 0) { return (seconds / 3600) + ' h'; }
    if (seconds % 60 === 0) { return (seconds / 60) + ' min'; }
    return seconds + ' s';
  }
  function collecting(c) {
    var box = ui.el('div', 'collecting');
    box.appendChild(ui.el('p', null, 'Collecting data: ' + ui.fmtNum(c.current, 0) + ' of ' + ui.fmtNum(c.required, 0) +
      ' ' + c.unit + ' so far. This section appears once there are enough to mean something.'));
    var bar = document.createElement('progress');
    bar.max = c.required;
    bar.value = Math.min(c.current, c.required);
    bar.setAttribute('aria-label', c.unit + ' collected');
    box.appendChild(bar);
    return box;
  }

  function view(page, s) {
    var v = s.view;
    switch (s.kind) {
      case 'stats': return stats(v);
      case 'table': return table(page, s, v);
      case 'time_series': return timeSeries(s, v);
      case 'breakdown': return breakdown(v);
      case 'status_list': return statusList(v);
      case 'text': return ui.el('p', 'page-text', v.text);
      default: return ui.el('p', 'muted', 'This section has a kind the page does not know: ' + s.kind);
    }
  }

  function stats(v) {
    var box = ui.el('div', 'stat-cards');
    if (!v.stats.length) { box.appendChild(ui.el('div', 'empty', 'Nothing to show.')); }
    v.stats.forEach(function (st) {
      var card = ui.el('div', 'stat ' + st.status);
      card.appendChild(ui.el('div', 'label', st.label));
      var val = ui.el('div', 'value');
      val.appendChild(ui.el('span', 'num', st.value === null ? '–' : ui.fmtNum(st.value)));
      if (st.value !== null && st.unit) { val.appendChild(ui.el('span', 'unit', st.unit)); }
      card.appendChild(val);
      if (st.hint) { card.appendChild(ui.el('div', 'hint', st.hint)); }
      box.appendChild(card);
    });
    return box;
  }

  /* ---------- tables: real <table>, caption, th scope, sortable headers are buttons with aria-sort ---------- */
  function cell(page, col, value) {
    if (value === null || value === undefined) { return ui.el('span', 'muted', '–'); }
    switch (col.type) {
      case 'number': return document.createTextNode(ui.fmtNum(value)); // the unit is in the header
      case 'percent': return document.createTextNode(ui.fmtNum(value * 100, 1) + ' %');
      case 'time': return document.createTextNode(ui.fmtDateTime(value));
      case 'status': {
        var span = ui.el('span', 'status-word');
        span.appendChild(ui.el('span', 'dot ' + ui.status(value)));
        span.appendChild(document.createTextNode(' ' + value));
        return span;
      }
      case 'detail': {
        var a = ui.el('a', null, 'Open');
        a.href = '#page/' + page.id + '/' + encodeURIComponent(value);
        a.setAttribute('aria-label', 'Open ' + value);
        return a;
      }
      default: return document.createTextNode(String(value));
    }
  }
  function compare(type, a, b) {
    if (a === null || a === undefined) { return b === null || b === undefined ? 0 : 1; }
    if (b === null || b === undefined) { return -1; }
    if (type === 'number' || type === 'percent') { return a - b; }
    return String(a).localeCompare(String(b));
  }
  function table(page, s, v) {
    var wrap = ui.el('div', 'table-wrap');
    var t = ui.el('table', 'grid page-table');
    var cap = ui.el('caption', 'sr-only', s.title);
    t.appendChild(cap);
    var thead = ui.el('thead');
    var tr = ui.el('tr');
    var key = page.id + '/' + (page.detail || '') + '/' + s.name;
    var sort = state.sorts[key] || (state.sorts[key] = { index: -1, dir: 'none' }); // kept across refreshes
    var tbody = ui.el('tbody');
    function fill() {
      ui.clear(tbody);
      var rows = v.rows.slice();
      if (sort.index >= 0) {
        var col = v.columns[sort.index];
        rows.sort(function (a, b) {
          var c = compare(col.type, a[sort.index], b[sort.index]);
          return sort.dir === 'descending' ? -c : c;
        });
      }
      if (!rows.length) {
        var empty = ui.el('tr');
        var td = ui.el('td', 'empty', 'No rows.');
        td.colSpan = v.columns.length;
        empty.appendChild(td);
        tbody.appendChild(empty);
      }
      rows.forEach(function (row) {
        var r = ui.el('tr');
        v.columns.forEach(function (col, i) {
          var c = ui.el(i === 0 ? 'th' : 'td', col.type === 'number' || col.type === 'percent' ? 'num'
            : col.type === 'time' || col.type === 'status' ? 'nowrap' : null);
          if (i === 0) { c.setAttribute('scope', 'row'); }
          c.appendChild(cell(page, col, row[i]));
          r.appendChild(c);
        });
        tbody.appendChild(r);
      });
    }
    v.columns.forEach(function (col, i) {
      var th = ui.el('th', col.type === 'number' || col.type === 'percent' ? 'num' : null);
      th.setAttribute('scope', 'col');
      if (col.type === 'detail') {
        th.appendChild(ui.el('span', null, col.label));
      } else {
        th.setAttribute('aria-sort', sort.index === i ? sort.dir : 'none');
        var b = ui.el('button', 'sort', col.label + (col.unit && col.type === 'number' ? ' (' + col.unit + ')' : ''));
        b.type = 'button';
        b.addEventListener('click', function () {
          sort.dir = sort.index === i && sort.dir === 'ascending' ? 'descending' : 'ascending';
          sort.index = i;
          Array.prototype.forEach.call(tr.children, function (h) { if (h.hasAttribute('aria-sort')) { h.setAttribute('aria-sort', 'none'); } });
          th.setAttribute('aria-sort', sort.dir);
          fill();
        });
        th.appendChild(b);
      }
      tr.appendChild(th);
    });
    thead.appendChild(tr);
    t.appendChild(thead);
    t.appendChild(tbody);
    fill();
    wrap.appendChild(t);
    return wrap;
  }

  function breakdown(v) {
    var list = ui.el('ul', 'bars');
    if (!v.bars.length) { list.appendChild(ui.el('li', 'empty', 'No data yet.')); }
    var max = 0;
    v.bars.forEach(function (b) { max = Math.max(max, b.value); });
    v.bars.forEach(function (b) {
      var li = ui.el('li');
      li.appendChild(ui.el('span', 'label', b.label === '' ? '(none)' : b.label));
      var track = ui.el('span', 'track');
      var fill = ui.el('span', 'fill');
      fill.style.width = (max > 0 ? (100 * b.value / max) : 0).toFixed(1) + '%';
      track.appendChild(fill);
      li.appendChild(track);
      li.appendChild(ui.el('span', 'num', ui.fmtNum(b.value) + (v.unit ? ' ' + v.unit : '') +
        (b.percent === null ? '' : ' · ' + ui.fmtNum(b.percent, 1) + ' %')));
      list.appendChild(li);
    });
    return list;
  }

  function statusList(v) {
    var list = ui.el('ul', 'health');
    if (!v.items.length) { list.appendChild(ui.el('li', 'empty', 'Nothing reported yet.')); }
    v.items.forEach(function (it) {
      var li = ui.el('li');
      li.appendChild(ui.el('span', 'dot ' + ui.status(it.status)));
      li.appendChild(ui.el('span', 'svc', it.name));
      li.appendChild(ui.el('span', 'st', it.status));
      var d = ui.el('span', 'detail', it.detail);
      d.title = it.detail + (it.at ? ' (' + ui.fmtDateTime(it.at) + ')' : '');
      li.appendChild(d);
      list.appendChild(li);
    });
    return list;
  }

  /* Charts are drawn after the grid is in the document, so they take their box's width. */
  function timeSeries(s, v) {
    var node = ui.el('div', 'chart page-chart');
    var has = v.series.some(function (se) { return se.points.some(function (p) { return p.value !== null; }); });
    if (!has) { node.appendChild(ui.el('div', 'empty', 'No data yet.')); return node; }
    node.setAttribute('role', 'img');
    node.setAttribute('aria-label', s.title + ': ' + v.series.map(function (se) {
      var last = se.points.length ? se.points[se.points.length - 1].value : null;
      return se.name + ', latest ' + (last === null ? 'no value' : ui.fmtNum(last) + (v.unit ? ' ' + v.unit : ''));
    }).join('; '));
    node.pendingChart = v;
    return node;
  }
  function renderCharts(grid) {
    Array.prototype.forEach.call(grid.querySelectorAll('.page-chart'), function (node) {
      var v = node.pendingChart;
      if (!v || !window.uPlot) { return; }
      delete node.pendingChart;
      var xs = v.series[0].points.map(function (p) { return Date.parse(p.ts) / 1000; });
      var data = [xs];
      var series = [{}];
      v.series.forEach(function (se, i) {
        data.push(se.points.map(function (p) { return p.value; }));
        series.push({ label: se.name, stroke: COLORS[i % COLORS.length], width: 1.6, spanGaps: false,
          value: function (u, val) { return val === null ? '–' : ui.fmtNum(val) + (v.unit ? ' ' + v.unit : ''); } });
      });
      var axis = { stroke: '#8593a3', grid: { stroke: '#232c36' }, ticks: { stroke: '#2a3440' } };
      var chart = new uPlot({ width: chartWidth(node), height: 220, series: series,
        axes: [axis, Object.assign({}, axis, { size: 56 })], scales: { x: { time: true } } }, data, node);
      chart.box = node;
      state.charts.push(chart);
      node.setAttribute('data-rendered', 'true');
    });
  }

  function chartWidth(node) { return Math.max(280, node.clientWidth); }
  /* Charts are drawn in pixels: a resized window (or a phone turned) redraws them at the new width. */
  var resizing = false;
  function onResize() {
    if (resizing) { return; }
    resizing = true;
    requestAnimationFrame(function () {
      resizing = false;
      state.charts.forEach(function (c) { c.setSize({ width: chartWidth(c.box), height: 220 }); });
    });
  }

  /* ---------- wiring ---------- */
  function ready() {
    ui = window.TelemetryUI;
    loadNav().then(onHash).catch(function (e) { ui.handleError(e, 'pages'); });
  }
  window.addEventListener('hashchange', function () { if (ui) { state.navigated = true; onHash(); } });
  window.addEventListener('resize', onResize);
  document.addEventListener('telemetry:ready', ready);
  $('auto-refresh').addEventListener('change', function (ev) {
    if (!ev.target.checked) { stopTimer(); } else if (state.current && ui) { load(state.current, false); }
  });
  Array.prototype.forEach.call(document.querySelectorAll('#tabs [data-tab], [data-goto]'), function (b) {
    b.addEventListener('click', function () {
      if (route()) { history.pushState(null, '', location.pathname + location.search); }
      closePage();
    });
  });
}());
