// SIVI Stream dashboard: polls the serving app's JSON API and draws SVG charts. No libraries.
(function () {
  'use strict';
  const POLL_MS = 2000;
  const HISTORY = 100;
  const DRAWS = 400;
  const SVG = 'http://www.w3.org/2000/svg';
  const state = {};            // modelId -> {version, history, draws, pair: [i, j], el}
  let truth = {};

  function el(tag, attrs, parent) {
    const e = tag.startsWith('svg:') ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
    for (const k in attrs || {}) {
      if (k === 'text') e.textContent = attrs[k]; else e.setAttribute(k, attrs[k]);
    }
    if (parent) parent.appendChild(e);
    return e;
  }

  function fmt(v, digits) {
    return v === null || v === undefined ? '–' : (v >= 0 ? '+' : '') + v.toFixed(digits === undefined ? 2 : digits);
  }

  async function json(path) {
    const r = await fetch(path, {cache: 'no-store'});
    if (!r.ok) throw new Error(path + ': HTTP ' + r.status);
    return r.json();
  }

  // the true value of parameter j at a window end, from the demo's segments
  function trueAt(modelId, j, windowEnd) {
    const t = truth[modelId];
    if (!t) return null;
    let v = null;
    const end = Date.parse(windowEnd);
    for (const s of t.segments) {
      if (s.from === null || Date.parse(s.from) <= end) v = s.values[j];
    }
    return v;
  }

  function scale(d0, d1, r0, r1) {
    const span = d1 - d0 || 1;
    return x => r0 + (x - d0) / span * (r1 - r0);
  }

  function paramChart(parent, m, j) {
    const W = 300, H = 140, L = 40, R = 8, T = 8, B = 18;
    const h = m.history;
    const svg = el('svg:svg', {width: W, height: H, 'class': 'param', 'data-param': h[h.length - 1].parameters[j]}, parent);
    const xs = h.map(p => p.version);
    let lo = Infinity, hi = -Infinity;
    for (const p of h) { lo = Math.min(lo, p.q05[j]); hi = Math.max(hi, p.q95[j]); }
    const tv = h.map(p => trueAt(m.id, j, p.windowEnd));
    for (const v of tv) if (v !== null) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    const pad = (hi - lo) * 0.08 || 0.5;
    lo -= pad; hi += pad;
    const x = scale(Math.min(...xs), Math.max(...xs), L, W - R);
    const y = scale(lo, hi, H - B, T);
    for (const g of [lo + pad, (lo + hi) / 2, hi - pad]) {
      el('svg:line', {x1: L, x2: W - R, y1: y(g), y2: y(g), 'class': 'grid'}, svg);
      el('svg:text', {x: 2, y: y(g) + 3, 'class': 'axis', text: g.toFixed(2)}, svg);
    }
    el('svg:text', {x: L, y: H - 4, 'class': 'axis', text: 'v' + xs[0]}, svg);
    el('svg:text', {x: W - R - 30, y: H - 4, 'class': 'axis', text: 'v' + xs[xs.length - 1]}, svg);
    const upper = h.map(p => x(p.version) + ',' + y(p.q95[j]));
    const lower = h.map(p => x(p.version) + ',' + y(p.q05[j])).reverse();
    el('svg:polygon', {points: upper.concat(lower).join(' '), 'class': 'band'}, svg);
    el('svg:polyline', {points: h.map(p => x(p.version) + ',' + y(p.mean[j])).join(' '), 'class': 'meanline'}, svg);
    const tp = [];
    h.forEach((p, i) => { if (tv[i] !== null) tp.push(x(p.version) + ',' + y(tv[i])); });
    if (tp.length) el('svg:polyline', {points: tp.join(' '), 'class': 'truth'}, svg);
    return svg;
  }

  function barChart(parent, title, values, versions, cls) {
    const W = 220, H = 90, L = 36, B = 14, T = 6;
    const fig = el('figure', {}, parent);
    const svg = el('svg:svg', {width: W, height: H}, fig);
    const max = Math.max(...values, 1);
    const y = scale(0, max, H - B, T);
    const bw = (W - L - 4) / Math.max(values.length, 1);
    values.forEach((v, i) => el('svg:rect', {x: L + i * bw, y: y(v), width: Math.max(bw - 1, 1), height: H - B - y(v), 'class': 'bar ' + cls}, svg));
    el('svg:text', {x: 2, y: T + 8, 'class': 'axis', text: String(Math.round(max))}, svg);
    el('svg:text', {x: L, y: H - 2, 'class': 'axis', text: 'v' + versions[0] + '…v' + versions[versions.length - 1]}, svg);
    el('figcaption', {text: title}, fig);
  }

  function scatter(parent, m) {
    const W = 260, H = 260, P = 30;
    const d = m.draws;
    const [i, j] = m.pair;
    const fig = el('figure', {}, parent);
    const cap = el('figcaption', {}, fig);
    cap.append('draws v' + d.version + ': ');
    const selects = [0, 1].map(k => {
      const s = el('select', {'class': 'pair' + k}, cap);
      d.parameters.forEach((name, idx) => el('option', {value: idx, text: name}, s));
      s.value = String(m.pair[k]);
      s.addEventListener('change', () => { m.pair[k] = Number(s.value); render(m); });
      if (k === 0) cap.append(' vs ');
      return s;
    });
    const svg = el('svg:svg', {width: W, height: H, 'class': 'scatter'}, fig);
    const xi = d.draws.map(r => r[i]), yj = d.draws.map(r => r[j]);
    const x = scale(Math.min(...xi), Math.max(...xi), P, W - 8);
    const y = scale(Math.min(...yj), Math.max(...yj), H - P, 8);
    d.draws.forEach(r => el('svg:circle', {cx: x(r[i]), cy: y(r[j]), r: 2, 'class': 'dot'}, svg));
    el('svg:text', {x: W / 2 - 20, y: H - 8, 'class': 'axis', text: d.parameters[i]}, svg);
    el('svg:text', {x: 2, y: 14, 'class': 'axis', text: d.parameters[j]}, svg);
    const last = m.history[m.history.length - 1];
    const ti = trueAt(m.id, i, last.windowEnd), tj = trueAt(m.id, j, last.windowEnd);
    if (ti !== null && tj !== null) el('svg:circle', {cx: x(ti), cy: y(tj), r: 4, 'class': 'truthdot'}, svg);
    return selects;
  }

  function render(m) {
    const h = m.history;
    if (!h.length) return;
    const last = h[h.length - 1];
    const sec = m.el;
    sec.innerHTML = '';
    const title = el('h2', {}, sec);
    title.append(m.id + ' ');
    el('span', {'class': 'kind', text: m.kind || ''}, title);
    const facts = el('div', {'class': 'facts'}, sec);
    const fact = (label, cls, value) => { const s = el('span', {}, facts); s.append(label + ' '); el('b', {'class': cls, text: value}, s); };
    fact('version', 'version', String(last.version));
    fact('rows', 'rows', last.rowsTotal + ' (' + last.rowsInWindow + ' in the last window)');
    fact('update', 'latency', last.updateMillis + ' ms');
    fact('published', 'lag', (last.publishLagMillis / 1000).toFixed(1) + ' s after the window closed');
    fact('status', 'state', last.status);
    // a failed window since the previous update: its rows are in dead-letters, not in this posterior
    if (last.failedWindows > 0) fact('failed windows', 'failed', last.failedWindows + ': ' + last.lastFailure);
    // provenance: the engine build and the resolved spec this posterior came from
    if (last.engineVersion) fact('engine', 'engine', last.engineVersion);
    if (last.specHash) fact('spec', 'spec-hash', last.specHash);
    const charts = el('div', {'class': 'charts'}, sec);
    last.parameters.forEach((name, j) => {
      const fig = el('figure', {}, charts);
      paramChart(fig, m, j);
      const cap = el('figcaption', {}, fig);
      cap.append(name + ': ');
      el('span', {'class': 'mean', 'data-param': name, text: fmt(last.mean[j])}, cap);
      cap.append(' ± ' + last.sd[j].toFixed(2));
      const t = trueAt(m.id, j, last.windowEnd);
      if (t !== null) cap.append(' (true ' + fmt(t) + ')');
    });
    const side = el('div', {'class': 'charts'}, sec);
    if (m.draws && m.draws.draws.length) scatter(side, m);
    const versions = h.map(p => p.version);
    barChart(side, 'rows per window', h.map(p => p.rowsInWindow), versions, 'rows');
    barChart(side, 'update time per window (ms)', h.map(p => p.updateMillis), versions, 'lat');
    barChart(side, 'window end → published (s)', h.map(p => p.publishLagMillis / 1000), versions, 'lat');
  }

  async function refresh() {
    const status = document.getElementById('status');
    try {
      const models = await json('api/models');
      const ready = models.filter(m => m.version !== null);
      document.getElementById('empty').style.display = ready.length ? 'none' : '';
      for (const entry of ready) {
        let m = state[entry.modelId];
        if (!m) {
          m = state[entry.modelId] = {id: entry.modelId, kind: entry.model, version: null, history: [], draws: null, pair: [1, 2]};
          m.el = el('section', {'class': 'model', 'data-model': entry.modelId}, document.getElementById('models'));
        }
        if (m.version === entry.version) continue;
        const [history, draws] = await Promise.all([
          json('api/models/' + encodeURIComponent(m.id) + '/history?limit=' + HISTORY),
          json('api/models/' + encodeURIComponent(m.id) + '/draws?n=' + DRAWS).catch(() => null)]);
        m.history = history;
        m.draws = draws;
        if (draws && m.pair[1] >= draws.parameters.length) m.pair = [0, Math.min(1, draws.parameters.length - 1)];
        m.version = entry.version;
        render(m);
      }
      status.className = 'status';
      status.textContent = ready.length + ' model(s) · updated ' + new Date().toLocaleTimeString();
    } catch (e) {
      status.className = 'status down';
      status.textContent = 'cannot reach the serving app: ' + e.message;
    }
  }

  async function start() {
    try { truth = await json('api/truth'); } catch (e) { truth = {}; }
    await refresh();
    setInterval(refresh, POLL_MS);
  }
  start();
})();
