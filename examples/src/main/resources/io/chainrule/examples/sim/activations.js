// The activation-functions page: f and f' (autodiff numbers from the server or the export), an x slider reading
// both, the saturated regions shaded, and a depth slider for how a gradient shrinks through n layers.
(async function () {
  const W = 700, H = 340, PAD = { l: 48, r: 16, t: 14, b: 30 };
  const DW = 700, DH = 230;
  let table;
  try {
    table = SIM.data || await SIM.api('GET', '/api/activations');
  } catch (e) {
    SIM.showError('cannot load the activations: ' + e.message);
    return;
  }
  const xs = table.x;
  const view = { name: 'sigmoid', slope: 1, x: 240, depth: 10 };
  const controls = {
    functions: document.getElementById('functions'),
    slope: document.getElementById('slope'),
    x: document.getElementById('x'),
    depth: document.getElementById('depth')
  };
  document.getElementById('threshold').textContent = table.saturation;
  controls.x.max = String(xs.length - 1);
  controls.slope.max = String(table.leakySlopes.length - 1);
  controls.depth.max = String(table.maxDepth);

  for (const f of table.functions) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = f.label;
    b.dataset.name = f.name;
    b.id = 'fn-' + f.name;
    b.addEventListener('click', () => { view.name = f.name; draw(); });
    controls.functions.appendChild(b);
  }
  controls.slope.addEventListener('input', () => { view.slope = +controls.slope.value; draw(); });
  controls.x.addEventListener('input', () => { view.x = +controls.x.value; draw(); });
  controls.depth.addEventListener('input', () => { view.depth = +controls.depth.value; draw(); });
  controls.slope.value = view.slope;
  controls.x.value = view.x;
  controls.depth.value = view.depth;

  function curve() {
    return view.name === 'leaky_relu' ? table.leaky[view.slope] : table.functions.find(f => f.name === view.name);
  }

  function draw() {
    const c = curve();
    for (const b of controls.functions.children) b.setAttribute('aria-pressed', String(b.dataset.name === view.name));
    document.getElementById('slope-control').style.visibility = view.name === 'leaky_relu' ? 'visible' : 'hidden';
    document.getElementById('slope-value').textContent = table.leakySlopes[view.slope].toFixed(2);
    document.getElementById('x-value').textContent = xs[view.x].toFixed(3);
    document.getElementById('depth-value').textContent = view.depth;
    drawCurve(c);
    drawDepth(c);
  }

  function drawCurve(c) {
    const svg = document.getElementById('curve');
    SIM.clear(svg);
    let lo = 0, hi = 1;
    for (let i = 0; i < xs.length; i++) {
      lo = Math.min(lo, c.f[i], c.df[i]);
      hi = Math.max(hi, c.f[i], c.df[i]);
    }
    const span = hi - lo;
    lo -= span * 0.05;
    hi += span * 0.05;
    const x0 = xs[0], x1 = xs[xs.length - 1], step = xs[1] - xs[0];
    const px = x => PAD.l + (x - x0) / (x1 - x0) * (W - PAD.l - PAD.r);
    const py = y => H - PAD.b - (y - lo) / (hi - lo) * (H - PAD.t - PAD.b);
    for (const [a, b] of c.saturated) {
      const left = Math.max(x0, a - step / 2), right = Math.min(x1, b + step / 2);
      SIM.svg('rect', { class: 'saturated', x: px(left), y: PAD.t, width: px(right) - px(left),
        height: H - PAD.t - PAD.b }, svg);
    }
    for (let t = Math.ceil(x0); t <= x1; t++) {
      SIM.svg('line', { class: 'grid', x1: px(t), x2: px(t), y1: PAD.t, y2: H - PAD.b }, svg);
      SIM.svg('text', { x: px(t), y: H - 10, 'text-anchor': 'middle' }, svg).textContent = t;
    }
    const ticks = niceTicks(lo, hi, 6);
    for (const t of ticks) {
      SIM.svg('line', { class: 'grid', x1: PAD.l, x2: W - PAD.r, y1: py(t), y2: py(t) }, svg);
      SIM.svg('text', { x: PAD.l - 6, y: py(t) + 4, 'text-anchor': 'end' }, svg).textContent = SIM.fmt(t, 3);
    }
    SIM.svg('line', { class: 'axis', x1: PAD.l, x2: W - PAD.r, y1: py(0), y2: py(0) }, svg);
    SIM.svg('line', { class: 'axis', x1: px(0), x2: px(0), y1: PAD.t, y2: H - PAD.b }, svg);
    const path = ys => xs.map((x, i) => (i ? 'L' : 'M') + px(x).toFixed(1) + ' ' + py(ys[i]).toFixed(1)).join('');
    SIM.svg('path', { class: 'curve-f', d: path(c.f) }, svg);
    SIM.svg('path', { class: 'curve-df', d: path(c.df) }, svg);
    const i = view.x, x = xs[i];
    SIM.svg('line', { class: 'marker', x1: px(x), x2: px(x), y1: PAD.t, y2: H - PAD.b }, svg);
    SIM.svg('circle', { cx: px(x), cy: py(c.f[i]), r: 5, fill: 'var(--class1)' }, svg);
    SIM.svg('circle', { cx: px(x), cy: py(c.df[i]), r: 5, fill: 'var(--grad-pos)' }, svg);
    const saturated = Math.abs(c.df[i]) < table.saturation;
    const readout = document.getElementById('readout');
    readout.dataset.x = x;
    readout.dataset.f = c.f[i];
    readout.dataset.df = c.df[i];
    readout.textContent = c.label + (c.slope !== undefined ? ' (slope ' + c.slope + ')' : '') + ' at x = ' +
      x.toFixed(3) + ': f(x) = ' + SIM.fmt(c.f[i], 5) + ', f\'(x) = ' + SIM.fmt(c.df[i], 5) +
      ' (autodiff)' + (saturated ? ': saturated, |f\'| < ' + table.saturation : '');
  }

  function drawDepth(c) {
    const svg = document.getElementById('depth-chart');
    SIM.clear(svg);
    const n = table.maxDepth, floor = -24;
    const log = v => Math.max(floor, Math.log10(Math.max(Math.abs(v), 1e-300)));
    const px = k => PAD.l + (k - 0.5) / n * (DW - PAD.l - PAD.r);
    const py = e => PAD.t + (0 - e) / (0 - floor) * (DH - PAD.t - PAD.b);
    for (let e = 0; e >= floor; e -= 4) {
      SIM.svg('line', { class: 'grid', x1: PAD.l, x2: DW - PAD.r, y1: py(e), y2: py(e) }, svg);
      SIM.svg('text', { x: PAD.l - 6, y: py(e) + 4, 'text-anchor': 'end' }, svg).textContent =
        e === 0 ? '1' : '1e' + e;
    }
    const bw = (DW - PAD.l - PAD.r) / n * 0.7;
    for (let k = 1; k <= n; k++) {
      const top = py(log(c.depthProduct[k - 1]));
      SIM.svg('rect', { class: 'bar' + (k === view.depth ? ' chosen' : ''), x: px(k) - bw / 2, y: top,
        width: bw, height: Math.max(0, py(floor) - top) }, svg);
      if (k % 5 === 0 || k === 1) {
        SIM.svg('text', { x: px(k), y: DH - 10, 'text-anchor': 'middle' }, svg).textContent = k;
      }
    }
    const d = c.df[view.x];
    const atX = [];
    for (let k = 1; k <= n; k++) {
      atX.push((k === 1 ? 'M' : 'L') + px(k).toFixed(1) + ' ' + py(log(Math.pow(Math.abs(d), k))).toFixed(1));
    }
    SIM.svg('path', { class: 'at-x', d: atX.join('') }, svg);
    SIM.svg('text', { x: PAD.l - 6, y: DH - 10, 'text-anchor': 'end' }, svg).textContent = 'n';
    const product = c.depthProduct[view.depth - 1];
    const readout = document.getElementById('depth-readout');
    readout.dataset.product = product;
    readout.textContent = 'Through n = ' + view.depth + ' layers of ' + c.label + ': a typical gradient is scaled ' +
      'by E[f\'(z)]^' + view.depth + ' = ' + SIM.fmt(product, 3) + ' (E[f\'(z)] = ' + SIM.fmt(c.typicalFactor, 4) +
      ' over z ~ N(0, 1)); with every pre-activation at x = ' + xs[view.x].toFixed(2) + ', by f\'(x)^' + view.depth +
      ' = ' + SIM.fmt(Math.pow(d, view.depth), 3) + '.';
  }

  function niceTicks(lo, hi, count) {
    const raw = (hi - lo) / count;
    const mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 2.5, 5, 10].map(m => m * mag).find(s => s >= raw);
    const out = [];
    for (let t = Math.ceil(lo / step) * step; t <= hi; t += step) out.push(Math.round(t / step) * step);
    return out;
  }

  draw();
  document.body.dataset.ready = 'true';
})();
