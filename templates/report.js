/* hpreport page script: tooltips over the figures and the trials table.
 * Reads the study from window.hpData, which data/page.js (loaded just
 * before this script by a script element, as file:// allows) assigns; builds
 * every piece of text with textContent, never as HTML.  Nothing is
 * fetched. */
(function () {
  "use strict";
  var D = window.hpData;
  if (!D) return;
  var T = D.trials;
  /* A column of numbers: an array, or "f64:" and the base64 of the numbers
   * as little-endian doubles, NaN for absent (src/report/html.c,
   * json_num_column): made an array here, once, null for absent. */
  function numColumn(c) {
    if (typeof c !== "string" || c.slice(0, 4) !== "f64:") return c;
    var bin = atob(c.slice(4)), u8 = new Uint8Array(bin.length), out = [];
    for (var i = 0; i < bin.length; i++) u8[i] = bin.charCodeAt(i);
    var dv = new DataView(u8.buffer);
    for (i = 0; i + 8 <= u8.length; i += 8) {
      var v = dv.getFloat64(i, true);
      out.push(v !== v ? null : v);
    }
    return out;
  }
  T.values = T.values.map(numColumn);
  T.duration = numColumn(T.duration);
  T.params = T.params.map(numColumn);
  var N = T.number.length;
  var rowOf = new Map();
  for (var i = 0; i < N; i++) rowOf.set(T.number[i], i);

  function num(v) {
    if (v === null || v === undefined) return NaN;
    if (v === "inf") return Infinity;
    if (v === "-inf") return -Infinity;
    return v;
  }
  /* A number as the table and tooltips show it: six significant digits in
   * C's %.6g style, as the figures print values ("0.0375832", "1.5e-05",
   * "2.34568e+06"); an integer below 10^9 (a step, a count) in full. */
  function fmtNum(v) {
    v = num(v);
    if (isNaN(v)) return "";
    if (!isFinite(v)) return v > 0 ? "inf" : "-inf";
    if (Number.isInteger(v) && Math.abs(v) < 1e9) return String(v);
    var s = v.toExponential(5), i = s.indexOf("e"), x = parseInt(s.slice(i + 1), 10);
    if (x < -4 || x >= 6) {
      var m = s.slice(0, i).replace(/\.?0+$/, "");
      return m + "e" + (x < 0 ? "-" : "+") + (Math.abs(x) < 10 ? "0" : "") + Math.abs(x);
    }
    return v.toFixed(5 - x).replace(/\.?0+$/, "");
  }
  /* Every digit (the shortest text that reads back as the same double, as
   * in trials.csv): a numeric cell's title, shown on hover. */
  function fullNum(v) {
    v = num(v);
    return isFinite(v) ? String(v) : "";
  }
  function fmtParam(p, v) {
    if (v === null || v === undefined) return "";
    if (p.kind === "categorical") return p.choices[v];
    return fmtNum(v);
  }
  function fmtDur(v) {
    v = num(v);
    if (!isFinite(v)) return "";
    return v < 100 ? v.toPrecision(3) : v.toFixed(0);
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /* --- columns of the table (also used by the tooltip) ---------------- */
  var cols = [];
  cols.push({ name: "number", num: true, get: function (r) { return T.number[r]; },
              fmt: function (r) { return String(T.number[r]); } });
  cols.push({ name: "state", num: false, get: function (r) { return D.states[T.state[r]]; },
              fmt: function (r) { return D.states[T.state[r]]; } });
  /* (full: a numeric column's cell title, every digit) */
  D.objectives.forEach(function (name, k) {
    cols.push({ name: name, num: true, get: function (r) { return num(T.values[k][r]); },
                fmt: function (r) { return fmtNum(T.values[k][r]); },
                full: function (r) { return fullNum(T.values[k][r]); } });
  });
  cols.push({ name: "duration (s)", num: true, get: function (r) { return num(T.duration[r]); },
              fmt: function (r) { return fmtDur(T.duration[r]); },
              full: function (r) { return fullNum(T.duration[r]); } });
  D.params.forEach(function (p, j) {
    var cat = p.kind === "categorical";
    cols.push({ name: p.name, num: !cat, param: true,
                get: function (r) { var v = T.params[j][r]; return v === null ? NaN : (cat ? p.choices[v] : num(v)); },
                fmt: function (r) { return fmtParam(p, T.params[j][r]); },
                full: cat ? null : function (r) { return fullNum(T.params[j][r]); } });
  });
  (D.user_attrs || []).forEach(function (a, j) {
    var V = T.user_attrs[j];
    cols.push({ name: "user_attrs." + a.name, num: a.num,
                get: function (r) { var v = V[r]; return v === null ? NaN : (a.num ? num(v) : v); },
                fmt: function (r) { var v = V[r]; return v === null ? "" : (a.num ? fmtNum(v) : v); },
                full: a.num ? function (r) { return fullNum(V[r]); } : null });
  });

  /* --- tooltips ----------------------------------------------------------- */
  var tip = document.getElementById("tooltip");
  function showTip(r, x, y) {
    tip.textContent = "";
    tip.appendChild(el("div", "tt-head", "Trial #" + T.number[r] + " \u00b7 " + D.states[T.state[r]]));
    var tb = el("table");
    cols.forEach(function (c) {
      if (c.name === "number" || c.name === "state") return;
      var s = c.fmt(r);
      if (s === "") return;
      var tr = el("tr");
      tr.appendChild(el("td", null, c.name));
      tr.appendChild(el("td", null, s));
      tb.appendChild(tr);
    });
    tip.appendChild(tb);
    tip.hidden = false;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    var left = x + 14, top = y + 14;
    if (left + w > window.innerWidth - 4) left = Math.max(4, x - w - 14);
    if (top + h > window.innerHeight - 4) top = Math.max(4, y - h - 14);
    tip.style.left = left + "px";
    tip.style.top = top + "px";
  }
  function hideTip() { tip.hidden = true; }

  /* A figure's tooltip points, [qx, qy, trial number, ...] with qx, qy in
   * 1/6400 of the picture, from the string of D.figures: base64 of, per
   * point, the grid cell's index (401 x 401 cells of 16 x 16 steps) less
   * the previous point's as a varint, a byte (qx % 16) * 16 + qy % 16, and
   * the trial number less the previous point's, zigzag-coded, as a varint
   * (src/report/geometry.c writes it).  Decoded once, on the first hover. */
  var hoverCache = {};
  function hoverPoints(name) {
    if (name in hoverCache) return hoverCache[name];
    var enc = D.figures[name], out = null;
    if (typeof enc === "string") {
      var bin = atob(enc), n = bin.length, at = 0, cell = 0, nb = 0, pts = [];
      var varint = function () {
        var v = 0, scale = 1, c;
        do {
          c = bin.charCodeAt(at++);
          v += (c & 127) * scale;
          scale *= 128;
        } while (c & 128 && at < n);
        return v;
      };
      while (at < n) {
        cell += varint();
        var inb = bin.charCodeAt(at++), z = varint();
        nb += z % 2 ? -(z + 1) / 2 : z / 2;
        pts.push((cell % 401) * 16 + (inb >> 4), Math.floor(cell / 401) * 16 + (inb & 15),
          nb);
      }
      out = pts;
    }
    hoverCache[name] = out;
    return out;
  }

  /* any hoverable picture of a figure (data-fig on it or around it): the
   * page's and the zoom view's (zoom.js) */
  document.addEventListener("mousemove", function (ev) {
    var img = ev.target, fig = img.closest ? img.closest("[data-fig]") : null;
    var pts = img.tagName === "IMG" && img.classList.contains("hoverable") && fig ?
      hoverPoints(fig.getAttribute("data-fig")) : undefined;
    if (!pts) { if (!tip.hidden) hideTip(); return; }
    var rc = img.getBoundingClientRect();
    var mx = ev.clientX - rc.left, my = ev.clientY - rc.top;
    var sx = rc.width / 6400, sy = rc.height / 6400;
    var best = -1, bd = 100; /* within 10 px */
    for (var i = 0; i < pts.length; i += 3) {
      var dx = pts[i] * sx - mx, dy = pts[i + 1] * sy - my, d = dx * dx + dy * dy;
      if (d <= bd) { bd = d; best = i; }
    }
    var r = best >= 0 ? rowOf.get(pts[best + 2]) : undefined;
    if (r === undefined) { hideTip(); img.removeAttribute("data-trial"); return; }
    img.setAttribute("data-trial", String(T.number[r]));
    showTip(r, ev.clientX, ev.clientY);
  });

  /* --- the trials table: sort, filter, draw only the visible rows ------- */
  var box = document.getElementById("table");
  if (!box) return;
  var ROWH = 24;
  var view = new Int32Array(N);
  for (i = 0; i < N; i++) view[i] = i;
  var nview = N, sortCol = 0, sortDir = 1, texts = null;

  var table = el("table"), thead = el("thead"), htr = el("tr"), tbody = el("tbody");
  cols.forEach(function (c, ci) {
    var th = el("th", null, c.name);
    th.title = "sort by " + c.name;
    th.setAttribute("data-col", String(ci));
    th.addEventListener("click", function () {
      sortDir = sortCol === ci ? -sortDir : 1;
      sortCol = ci;
      apply();
    });
    htr.appendChild(th);
  });
  thead.appendChild(htr);
  table.appendChild(thead);
  table.appendChild(tbody);
  box.appendChild(table);

  var sel = document.getElementById("state-filter");
  D.states.forEach(function (s, si) {
    var n = 0;
    for (var r = 0; r < N; r++) if (T.state[r] === si) n++;
    if (n === 0) return;
    var o = el("option", null, s + " (" + n + ")");
    o.value = s;
    sel.appendChild(o);
  });
  var input = document.getElementById("text-filter");
  var timer = 0;
  sel.addEventListener("change", apply);
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(apply, 120); });

  function cmp(a, b) {
    var c = cols[sortCol], x = c.get(a), y = c.get(b);
    var xn = c.num ? isNaN(x) : x === undefined, yn = c.num ? isNaN(y) : y === undefined;
    if (xn || yn) return xn === yn ? a - b : (xn ? 1 : -1); /* missing last */
    if (x < y) return -sortDir;
    if (x > y) return sortDir;
    return a - b;
  }
  function apply() {
    var st = sel.value, q = input.value.trim().toLowerCase();
    if (q && !texts) {
      texts = new Array(N);
      for (var r = 0; r < N; r++)
        texts[r] = cols.map(function (c) { return c.fmt(r); }).join("\u0001").toLowerCase();
    }
    var idx = [];
    for (var r2 = 0; r2 < N; r2++) {
      if (st && D.states[T.state[r2]] !== st) continue;
      if (q && texts[r2].indexOf(q) < 0) continue;
      idx.push(r2);
    }
    idx.sort(cmp);
    view = Int32Array.from(idx);
    nview = view.length;
    Array.prototype.forEach.call(htr.children, function (th, ci) {
      if (ci === sortCol) th.setAttribute("aria-sort", sortDir > 0 ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    });
    document.getElementById("row-count").textContent =
      nview === N ? N + " trials" : nview + " of " + N + " trials";
    box.scrollTop = 0;
    draw();
  }
  function spacer(h) {
    var tr = el("tr");
    tr.style.height = h + "px";
    var td = el("td");
    td.colSpan = cols.length;
    td.style.padding = "0";
    td.style.border = "0";
    td.style.height = h + "px";
    tr.appendChild(td);
    return tr;
  }
  var drawn = "";
  function draw() {
    var head = thead.offsetHeight || ROWH;
    var first = Math.max(0, Math.floor((box.scrollTop - head) / ROWH) - 10);
    var count = Math.ceil(box.clientHeight / ROWH) + 20;
    var last = Math.min(nview, first + count);
    var key = first + ":" + last + ":" + nview + ":" + sortCol + ":" + sortDir;
    if (key === drawn) return;
    drawn = key;
    var frag = document.createDocumentFragment();
    frag.appendChild(spacer(first * ROWH));
    for (var v = first; v < last; v++) {
      var r = view[v], tr = el("tr");
      tr.setAttribute("data-number", String(T.number[r]));
      for (var ci = 0; ci < cols.length; ci++) {
        var c = cols[ci], s = c.fmt(r), td = el("td", c.num ? "n" : null, s);
        if (ci === 1) { td.textContent = ""; td.appendChild(el("span", "state state-" + s, s)); }
        else if (c.full) { var f = c.full(r); if (f !== "" && f !== s) td.title = f; }
        tr.appendChild(td);
      }
      frag.appendChild(tr);
    }
    frag.appendChild(spacer((nview - last) * ROWH));
    tbody.textContent = "";
    tbody.appendChild(frag);
  }
  box.addEventListener("scroll", function () { window.requestAnimationFrame(draw); });
  document.getElementById("table-tools").hidden = false;
  box.hidden = false;
  apply();
})();
