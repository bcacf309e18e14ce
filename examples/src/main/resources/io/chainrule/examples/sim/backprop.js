// The backprop page: a network training on the server's compiled step (or, exported, a recorded run replayed), drawn
// as weights, neurons, the decision boundary and the loss; and one step in slow motion, forward then backward.
(async function () {
  const OPTIONS = {
    dataset: ['xor', 'circles', 'spirals', 'blobs'],
    activation: ['relu', 'leaky_relu', 'sigmoid', 'tanh', 'swish', 'gelu'],
    'learning-rate': [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1],
    'batch-size': [1, 5, 10, 20, 50, 100, 200]
  };
  const EXTENT = 1.25;
  const KEY = 'chainrule.backprop.session';
  const el = id => document.getElementById(id);
  const replay = SIM.data && SIM.data.mode === 'replay';
  if (replay) {
    OPTIONS.dataset = SIM.data.datasets;
    OPTIONS.activation = SIM.data.activations;
  }
  for (const id in OPTIONS) {
    for (const v of OPTIONS[id]) {
      const o = document.createElement('option');
      o.value = String(v);
      o.textContent = String(v);
      el(id).appendChild(o);
    }
  }
  const source = replay ? replaySource(SIM.data) : liveSource();
  let state = null;
  let images = null;
  let playing = false;
  let queue = Promise.resolve();

  /** Runs page operations one after another, as the session on the server does; resolves to whether it worked. */
  function serialized(work) {
    queue = queue.then(work).then(() => true, e => {
      SIM.showError(e.message);
      return false;
    });
    return queue;
  }

  function liveSource() {
    let id = null;
    const path = action => '/api/sessions/' + encodeURIComponent(id) + (action ? '/' + action : '');
    const remember = s => {
      id = s.id;
      try { localStorage.setItem(KEY, id); } catch (e) { /* storage off: the URL still has it */ }
      const url = new URL(location.href);
      url.searchParams.set('session', id);
      history.replaceState(null, '', url);
      return s;
    };
    return {
      fixed: [],
      async open() {
        let wanted = new URL(location.href).searchParams.get('session');
        try { wanted = wanted || localStorage.getItem(KEY); } catch (e) { /* no storage */ }
        if (wanted) {
          try {
            return remember(await SIM.api('GET', '/api/sessions/' + encodeURIComponent(wanted)));
          } catch (e) {
            if (e.status !== 404) throw e;
          }
        }
        return remember(await SIM.api('POST', '/api/sessions', {}));
      },
      async configure(config) { return remember(await SIM.api('POST', path('config'), config)); },
      async train() { return SIM.api('POST', path('train'), { epochs: 2 }); },
      async step() { return SIM.api('POST', path('step')); },
      planHref() { return path('plan'); },
      finished() { return false; }
    };
  }

  function replaySource(data) {
    let run = null, activation = null, position = 0;
    const withData = (s, epoch) => Object.assign({}, s, {
      points: run.first.points,
      lossCurve: { epochs: run.losses.slice(0, epoch + 1).map((_, i) => i), values: run.losses.slice(0, epoch + 1) }
    });
    const at = p => p === 0 ? withData(run.first, 0) : withData(run.snapshots[p].state, run.snapshots[p].epoch);
    const select = config => {
      run = data.runs[config.dataset + '/' + config.activation];
      activation = config.activation;
      position = 0;
      return at(0);
    };
    const note = el('mode-note');
    note.hidden = false;
    note.textContent = 'Opened from disk: this page replays training runs that chainrule sim export recorded on the ' +
      'compiled step (a ' + data.config.depth + '-hidden-layer network of width ' + data.config.width + ', Adam lr ' +
      data.config.learningRate + ', batches of ' + data.config.batchSize + '; choose the dataset and the ' +
      'activation). Run chainrule serve to change the network and train it live.';
    return {
      fixed: ['depth', 'width', 'learning-rate', 'batch-size'],
      async open() {
        const has = (list, v) => list.includes(v) ? v : list[0];
        return select({ dataset: has(data.datasets, data.config.dataset),
          activation: has(data.activations, data.config.activation) });
      },
      async configure(config) { return select(config); },
      async train() {
        position = Math.min(position + 1, run.snapshots.length - 1);
        return at(position);
      },
      async step() {
        return Object.assign({}, run.snapshots[position].step, { state: withData(run.snapshots[position].state,
          run.snapshots[position].epoch) });
      },
      planHref() { return 'plans/' + activation + '.txt'; },
      finished() { return position === run.snapshots.length - 1; }
    };
  }

  function readControls() {
    return {
      dataset: el('dataset').value,
      depth: +el('depth').value,
      width: +el('width').value,
      activation: el('activation').value,
      learningRate: +el('learning-rate').value,
      batchSize: +el('batch-size').value
    };
  }

  function showControls(c) {
    el('dataset').value = c.dataset;
    el('depth').value = c.depth;
    el('width').value = c.width;
    el('activation').value = c.activation;
    el('learning-rate').value = String(c.learningRate);
    el('batch-size').value = String(c.batchSize);
    el('depth-value').textContent = c.depth;
    el('width-value').textContent = c.width;
    for (const id of source.fixed) el(id).disabled = true;
  }

  function render(s) {
    state = s;
    images = neuronImages(s);
    showControls(s.config);
    const c = s.compile;
    el('compile').textContent = (c.reused ? 'training step reused from the compile cache (compiled in ' +
      SIM.fmt(c.millis, 3) + ' ms before)' : 'training step compiled in ' + SIM.fmt(c.millis, 3) + ' ms') + ': ' +
      c.kernels + ' kernels from ' + c.nodes + ' graph nodes';
    el('compile').dataset.millis = c.millis;
    showStats(s);
    el('plan-link').href = source.planHref();
    drawLoss(s.lossCurve);
    drawBoundary(s, null);
    drawNetwork(s, null);
  }

  function showStats(s) {
    el('epoch').textContent = s.epoch;
    el('steps').textContent = s.steps;
    el('loss').textContent = SIM.fmt(s.loss, 4);
    el('loss').dataset.value = s.loss;
    el('accuracy').textContent = (100 * s.accuracy).toFixed(1) + '%';
  }

  function drawLoss(curve) {
    const svg = el('loss-chart');
    SIM.clear(svg);
    const W = 320, H = 130, P = { l: 40, r: 8, t: 10, b: 20 };
    const epochs = curve.epochs, values = curve.values;
    const last = Math.max(1, epochs[epochs.length - 1]);
    const top = Math.max(...values) * 1.05 || 1;
    const px = e => P.l + e / last * (W - P.l - P.r);
    const py = v => H - P.b - v / top * (H - P.t - P.b);
    SIM.svg('line', { class: 'axis', x1: P.l, x2: W - P.r, y1: H - P.b, y2: H - P.b }, svg);
    SIM.svg('line', { class: 'axis', x1: P.l, x2: P.l, y1: P.t, y2: H - P.b }, svg);
    SIM.svg('text', { x: P.l - 4, y: P.t + 8, 'text-anchor': 'end' }, svg).textContent = SIM.fmt(top, 2);
    SIM.svg('text', { x: P.l - 4, y: H - P.b, 'text-anchor': 'end' }, svg).textContent = '0';
    SIM.svg('text', { x: W - P.r, y: H - 5, 'text-anchor': 'end' }, svg).textContent = 'epoch ' + last;
    SIM.svg('text', { x: P.l + 4, y: H - 5 }, svg).textContent = 'loss';
    const d = epochs.map((e, i) => (i ? 'L' : 'M') + px(e).toFixed(1) + ' ' + py(values[i]).toFixed(1)).join('');
    SIM.svg('path', { d: d, fill: 'none', stroke: 'var(--class1)', 'stroke-width': 2 }, svg);
    svg.dataset.first = values[0];
    svg.dataset.last = values[values.length - 1];
    svg.dataset.points = values.length;
  }

  function drawBoundary(s, step) {
    const canvas = el('boundary');
    const p = SIM.decode(s.boundary);
    SIM.paint(canvas, s.boundary.size, p, v => SIM.mix(SIM.WHITE, SIM.diverging(2 * v - 1), 0.75));
    const ctx = canvas.getContext('2d');
    const px = x => (x + EXTENT) / (2 * EXTENT) * canvas.width;
    const py = y => (EXTENT - y) / (2 * EXTENT) * canvas.height;
    for (let i = 0; i < s.points.x.length; i++) {
      ctx.beginPath();
      ctx.arc(px(s.points.x[i]), py(s.points.y[i]), 3.5, 0, 2 * Math.PI);
      ctx.fillStyle = s.points.label[i] === 1 ? 'rgb(8,119,189)' : 'rgb(245,147,34)';
      ctx.fill();
      ctx.lineWidth = 1;
      ctx.strokeStyle = '#fff';
      ctx.stroke();
    }
    if (step) {
      ctx.beginPath();
      ctx.arc(px(step.input[0]), py(step.input[1]), 9, 0, 2 * Math.PI);
      ctx.lineWidth = 2.5;
      ctx.strokeStyle = '#111';
      ctx.stroke();
    }
    canvas.dataset.boundary = s.boundary.q;
  }

  /** Each neuron's map over the plane as an image: inputs are x and y, outputs the class probabilities. */
  function neuronImages(s) {
    const out = [];
    const small = document.createElement('canvas');
    small.width = 32;
    small.height = 32;
    const image = (size, values, color) => {
      SIM.paint(small, size, values, color);
      return small.toDataURL();
    };
    const n = 16, ramp = [new Float32Array(n * n), new Float32Array(n * n)];
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) {
        ramp[0][r * n + c] = (c + 0.5) / n * 2 - 1;
        ramp[1][r * n + c] = 1 - (r + 0.5) / n * 2;
      }
    }
    out.push(ramp.map(v => image(n, v, SIM.diverging)));
    for (const layer of s.neurons) {
      const maps = layer.map(SIM.decode);
      let max = 1e-9;
      for (const m of maps) for (const v of m) max = Math.max(max, Math.abs(v));
      out.push(maps.map((m, j) => image(layer[j].size, m, v => SIM.diverging(v / max))));
    }
    const p = SIM.decode(s.boundary);
    out.push([image(s.boundary.size, p, v => SIM.mix(SIM.WHITE, SIM.CLASS0, 1 - v)),
      image(s.boundary.size, p, v => SIM.mix(SIM.WHITE, SIM.CLASS1, v))]);
    return out;
  }

  /**
   * The network: edges as weights (or, in slow motion, as the step's gradients from the output back to the layer the
   * error signal has reached), neurons as their maps, with the example's values or deltas as labels.
   */
  function drawNetwork(s, slow) {
    const svg = el('network');
    SIM.clear(svg);
    const sizes = s.layers, L = sizes.length, box = 30, W = 620, H = 440;
    const gap = Math.min(60, (H - 40) / Math.max(...sizes));
    const colX = l => 30 + l * (W - 60 - box) / (L - 1);
    const rowY = (l, j) => H / 2 + 6 + (j - (sizes[l] - 1) / 2) * gap - box / 2;
    let maxW = 1e-9, maxG = 1e-9;
    for (const layer of s.weights) for (const row of layer) for (const w of row) maxW = Math.max(maxW, Math.abs(w));
    if (slow) {
      for (const layer of slow.step.weightGradients) for (const row of layer) for (const g of row) {
        maxG = Math.max(maxG, Math.abs(g));
      }
    }
    for (let l = 0; l < L; l++) {
      const label = l === 0 ? 'input' : l === L - 1 ? 'output' : 'hidden ' + l;
      SIM.svg('text', { x: colX(l) + box / 2, y: 16, 'text-anchor': 'middle' }, svg).textContent = label;
    }
    for (let l = 1; l < L; l++) {
      const gradient = slow && slow.phase !== 'forward' && l >= slow.layer;
      const lit = slow && slow.layer === l;
      for (let j = 0; j < sizes[l]; j++) {
        for (let k = 0; k < sizes[l - 1]; k++) {
          const w = s.weights[l - 1][j][k];
          const attrs = {
            class: 'edge' + (slow ? (lit ? ' lit' : gradient ? '' : ' dim') : ''),
            x1: colX(l - 1) + box, y1: rowY(l - 1, k) + box / 2, x2: colX(l), y2: rowY(l, j) + box / 2,
            'data-layer': l, 'data-from': k, 'data-to': j, 'data-weight': w
          };
          let tip = 'w = ' + SIM.fmt(w, 4);
          if (gradient) {
            const g = slow.step.weightGradients[l - 1][j][k];
            attrs.stroke = g >= 0 ? 'var(--grad-pos)' : 'var(--grad-neg)';
            attrs['stroke-width'] = 0.6 + 5.4 * Math.abs(g) / maxG;
            attrs['data-grad'] = g;
            tip = '∂loss/∂w = ' + SIM.fmt(g, 4) + ' (w = ' + SIM.fmt(w, 4) + ')';
          } else {
            attrs.stroke = w >= 0 ? 'var(--class1)' : 'var(--class0)';
            attrs['stroke-width'] = 0.6 + 5.4 * Math.abs(w) / maxW;
          }
          SIM.svg('title', {}, SIM.svg('line', attrs, svg)).textContent = tip;
        }
      }
    }
    for (let l = 0; l < L; l++) {
      for (let j = 0; j < sizes[l]; j++) {
        const x = colX(l), y = rowY(l, j);
        const g = SIM.svg('g', { class: 'neuron' + (slow && slow.layer === l ? ' lit' : ''), 'data-layer': l,
          'data-index': j }, svg);
        SIM.svg('image', { href: images[l][j], x: x, y: y, width: box, height: box }, g);
        SIM.svg('rect', { x: x, y: y, width: box, height: box }, g);
        const text = neuronLabel(slow, l, j, L);
        if (text) {
          SIM.svg('text', { x: x + box / 2, y: y + box + 11, 'text-anchor': 'middle' }, g).textContent = text;
        }
      }
    }
  }

  function neuronLabel(slow, l, j, L) {
    if (!slow) return null;
    if (slow.phase === 'forward') {
      if (l > slow.layer) return null;
      return (l === 0 ? 'x' : l === L - 1 ? 'p' : 'h') + ' ' + SIM.fmt(slow.step.activations[l][j], 3);
    }
    if (l >= slow.layer && l > 0) return 'δ ' + SIM.fmt(slow.step.deltas[l - 1][j], 2);
    return (l === 0 ? 'x' : 'h') + ' ' + SIM.fmt(slow.step.activations[l][j], 3);
  }

  function status(phase, layer, text) {
    const e = el('slow-status');
    e.dataset.phase = phase;
    e.dataset.layer = layer;
    e.textContent = text;
  }

  async function slowMotion() {
    playing = false;
    const pace = +el('pace').value;
    const step = await source.step();
    const L = state.layers.length;
    const before = Object.assign({}, state, { weights: step.weights, biases: step.biases });
    const v = a => '(' + Array.from(a, x => SIM.fmt(x, 3)).join(', ') + ')';
    drawBoundary(state, step);
    for (let l = 0; l < L; l++) {
      const what = l === 0 ? 'example ' + step.example + ' ' + v(step.input) + ', class ' + step.label +
        ', enters the input layer'
        : l === L - 1 ? 'the output layer\'s scores ' + v(step.preActivations[l - 1]) + ' become probabilities p = ' +
          v(step.activations[l]) + '; the batch of ' + step.batch + ' has loss ' + SIM.fmt(step.loss, 4)
        : 'hidden layer ' + l + ' computes h = f(W h + b) = ' + v(step.activations[l]);
      status('forward', l, 'forward: ' + what);
      drawNetwork(before, { phase: 'forward', layer: l, step: step });
      await SIM.sleep(pace);
    }
    for (let l = L - 1; l >= 1; l--) {
      const what = l === L - 1 ? 'δ at the output = (p − y) / batch = ' + v(step.deltas[l - 1])
        : 'δ reaches hidden layer ' + l + (l === 1 ? ', the first layer' : '') + ': δ = f\'(a) · Wᵀδ = ' +
          v(step.deltas[l - 1]);
      status('backward', l, 'backward: ' + what + '; the edges into it show ∂loss/∂w');
      drawNetwork(before, { phase: 'backward', layer: l, step: step });
      await SIM.sleep(pace);
    }
    const after = step.state;
    state = after;
    images = neuronImages(after);
    showStats(after);
    drawLoss(after.lossCurve);
    drawBoundary(after, step);
    status('done', 1, 'step done: Adam moved every weight against its gradient; the batch\'s loss was ' +
      SIM.fmt(step.loss, 4) + ', the whole dataset\'s is now ' + SIM.fmt(after.loss, 4) +
      '. Train or change anything to see the weights again.');
  }

  async function play() {
    if (playing) {
      playing = false;
      return;
    }
    playing = true;
    el('train').textContent = 'Pause';
    while (playing) {
      const trained = await serialized(async () => render(await source.train()));
      if (!trained || source.finished()) playing = false;
      await SIM.sleep(replay ? 500 : 20);
    }
    el('train').textContent = 'Train';
  }

  function change() {
    playing = false;
    SIM.showError('');
    const config = readControls();
    return serialized(async () => {
      try {
        render(await source.configure(config));
      } catch (e) {
        if (state) showControls(state.config);
        throw e;
      }
    });
  }

  for (const id of ['dataset', 'activation', 'learning-rate', 'batch-size', 'depth', 'width']) {
    el(id).addEventListener('change', change);
  }
  for (const id of ['depth', 'width']) {
    el(id).addEventListener('input', () => { el(id + '-value').textContent = el(id).value; });
  }
  el('train').addEventListener('click', play);
  el('slow').addEventListener('click', () => {
    el('slow').disabled = true;
    serialized(slowMotion).then(() => { el('slow').disabled = false; });
  });
  el('reset').addEventListener('click', () => {
    playing = false;
    const config = Object.assign(readControls(), { seed: state.config.seed + 1 });
    serialized(async () => render(await source.configure(replay ? readControls() : config)));
  });

  if (await serialized(async () => render(await source.open()))) {
    document.body.dataset.ready = 'true';
  }
})();
