'use strict';
// Shared by both pages: SVG building, number formatting, heat maps and the API.
const SIM = {
  /** Exported pages carry their numbers here; served ones (null here) ask the API. */
  data: window.CHAINRULE_DATA,
  NS: 'http://www.w3.org/2000/svg',

  svg(tag, attrs, parent) {
    const e = document.createElementNS(SIM.NS, tag);
    for (const k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  },

  clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  },

  /** A number in a few significant digits, with an exponent when it is tiny or huge. */
  fmt(x, digits) {
    const d = digits || 4;
    if (x === 0) return '0';
    const a = Math.abs(x);
    if (a < 1e-3 || a >= 1e5) return x.toExponential(Math.max(0, d - 2)).replace('e+', 'e');
    return String(parseFloat(x.toPrecision(d)));
  },

  /** A heat map's values from its bytes: lo + (hi - lo) * b / 255. */
  decode(map) {
    const n = map.q.length / 2;
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      out[i] = map.lo + (map.hi - map.lo) * parseInt(map.q.substr(2 * i, 2), 16) / 255;
    }
    return out;
  },

  /** Mixes two [r, g, b] colors; t from 0 (a) to 1 (b). */
  mix(a, b, t) {
    return [0, 1, 2].map(i => Math.round(a[i] + (b[i] - a[i]) * t));
  },

  CLASS0: [245, 147, 34],
  CLASS1: [8, 119, 189],
  WHITE: [255, 255, 255],

  /** Orange for negative, white at zero, blue for positive; v in [-1, 1]. */
  diverging(v) {
    const t = Math.max(-1, Math.min(1, v));
    return t < 0 ? SIM.mix(SIM.WHITE, SIM.CLASS0, -t) : SIM.mix(SIM.WHITE, SIM.CLASS1, t);
  },

  /** A size x size field drawn on a canvas, colored by color(value, index). */
  paint(canvas, size, values, color) {
    const ctx = canvas.getContext('2d');
    const image = ctx.createImageData(size, size);
    for (let i = 0; i < size * size; i++) {
      const c = color(values[i], i);
      image.data.set([c[0], c[1], c[2], 255], i * 4);
    }
    const cell = document.createElement('canvas');
    cell.width = size;
    cell.height = size;
    cell.getContext('2d').putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(cell, 0, 0, canvas.width, canvas.height);
  },

  /** Calls the JSON API; a refusal becomes an Error with the server's one-line message. */
  async api(method, path, body) {
    const init = { method: method, headers: {} };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await fetch(path, init);
    const json = await response.json().catch(() => ({ error: 'the server answered ' + response.status }));
    if (!response.ok) {
      const e = new Error(json.error || ('HTTP ' + response.status));
      e.status = response.status;
      throw e;
    }
    return json;
  },

  showError(message) {
    const e = document.getElementById('error');
    if (!e) return;
    e.textContent = message || '';
    e.hidden = !message;
  },

  sleep(ms) {
    return new Promise(resolve => setTimeout(resolve, ms));
  }
};
