/* hpreport figure zoom: a click on a figure opens it in a view over the
 * page at its full size (its own size in CSS pixels: the page shrinks a
 * wide matrix figure to the column, ticks and all), zoomable from fitting
 * the window to 400 % with the buttons, + - 0 1 or a click (fit <-> full
 * size at the point clicked), moved by dragging or scrolling; Esc, the
 * close button or a click beside the picture returns to the page.  The image is the one the page already
 * shows, so this works offline and from file://.  Without script, or with
 * a modifier key, the click opens the image file itself (the link). */
(function () {
  "use strict";
  var STEPS = [0.25, 0.33, 0.5, 0.67, 0.75, 1, 1.5, 2, 3, 4];
  var view, scroller, big, caption, pct, file, closer;
  var w0 = 0, h0 = 0, scale = 1, back = null;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function button(label, title, fn) {
    var b = el("button", null, label);
    b.type = "button";
    b.title = title;
    b.addEventListener("click", fn);
    return b;
  }
  function make() {
    view = el("div", "zoom-view");
    view.id = "zoom";
    view.setAttribute("role", "dialog");
    view.setAttribute("aria-modal", "true");
    view.hidden = true;
    var bar = el("div", "zoom-bar");
    caption = el("span", "zoom-title");
    pct = el("span", "zoom-pct");
    file = el("a", null, "Open file");
    closer = button("\u00d7", "Close (Esc)", close);
    closer.className = "zoom-close";
    bar.appendChild(caption);
    bar.appendChild(closer);	/* last but on a phone (report.css) */
    bar.appendChild(button("\u2212", "Zoom out (-)", function () { step(-1); }));
    bar.appendChild(pct);
    bar.appendChild(button("+", "Zoom in (+)", function () { step(1); }));
    bar.appendChild(button("Fit", "Fit the window (0)", function () { zoom(fitScale()); }));
    bar.appendChild(button("Full size", "Full size (1)", function () { zoom(1); }));
    bar.appendChild(file);
    scroller = el("div", "zoom-scroll");
    big = el("img");
    big.draggable = false;
    scroller.appendChild(big);
    scroller.addEventListener("click", function (ev) {	/* beside the picture */
      if (ev.target === scroller) close();
    });
    view.appendChild(bar);
    view.appendChild(scroller);
    document.body.appendChild(view);
    drag();
    view.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") close();
      else if (ev.key === "+" || ev.key === "=") step(1);
      else if (ev.key === "-") step(-1);
      else if (ev.key === "0") zoom(fitScale());
      else if (ev.key === "1") zoom(1);
      else return;
      ev.preventDefault();
    });
  }
  function fitScale() {
    return Math.min(1, (scroller.clientWidth - 16) / w0, (scroller.clientHeight - 16) / h0);
  }
  function hideTip() {	/* the tooltip (report.js) was of the old place */
    var tip = document.getElementById("tooltip");
    if (tip) tip.hidden = true;
  }
  /* scale s, keeping the point at (cx, cy) of the scroller where it is */
  function zoom(s, cx, cy) {
    hideTip();
    s = Math.max(Math.min(fitScale(), STEPS[0]), Math.min(4, s));
    if (cx === undefined) { cx = scroller.clientWidth / 2; cy = scroller.clientHeight / 2; }
    var fx = (scroller.scrollLeft + cx - big.offsetLeft) / (w0 * scale);
    var fy = (scroller.scrollTop + cy - big.offsetTop) / (h0 * scale);
    scale = s;
    big.style.width = Math.round(w0 * s) + "px";
    big.style.height = Math.round(h0 * s) + "px";
    pct.textContent = Math.round(s * 100) + " %";
    scroller.scrollLeft = big.offsetLeft + fx * w0 * s - cx;
    scroller.scrollTop = big.offsetTop + fy * h0 * s - cy;
  }
  function step(d) {
    var i = 0;
    if (d > 0) while (i < STEPS.length - 1 && STEPS[i] <= scale + 1e-6) i++;
    else { i = STEPS.length - 1; while (i > 0 && STEPS[i] >= scale - 1e-6) i--; }
    zoom(STEPS[i]);
  }
  /* dragging moves the picture; a click without a drag toggles between
   * fitting the window and full size at the point clicked */
  function drag() {
    var x0, y0, sl, st, moved = false, down = false;
    big.addEventListener("mousedown", function (ev) {
      if (ev.button !== 0) return;
      down = true; moved = false;
      x0 = ev.clientX; y0 = ev.clientY; sl = scroller.scrollLeft; st = scroller.scrollTop;
      ev.preventDefault();
    });
    window.addEventListener("mousemove", function (ev) {
      if (!down) return;
      if (Math.abs(ev.clientX - x0) + Math.abs(ev.clientY - y0) > 4) moved = true;
      scroller.scrollLeft = sl - (ev.clientX - x0);
      scroller.scrollTop = st - (ev.clientY - y0);
    });
    window.addEventListener("mouseup", function (ev) {
      if (!down) return;
      down = false;
      if (moved) return;
      var rc = scroller.getBoundingClientRect();
      zoom(scale < 0.999 ? 1 : fitScale(), ev.clientX - rc.left, ev.clientY - rc.top);
    });
  }
  function open(link, img) {
    if (!view) make();
    w0 = parseFloat(img.getAttribute("width")) || img.naturalWidth;
    h0 = parseFloat(img.getAttribute("height")) || img.naturalHeight;
    var fig = img.closest("[data-fig]");
    big.src = img.currentSrc || img.src;
    big.alt = img.alt;
    big.className = img.className;	/* hoverable: the tooltips work here too */
    if (fig) big.setAttribute("data-fig", fig.getAttribute("data-fig"));
    else big.removeAttribute("data-fig");
    caption.textContent = img.alt;
    view.setAttribute("aria-label", img.alt);
    file.href = link.getAttribute("href");
    back = link;
    view.hidden = false;
    document.documentElement.classList.add("zoom-open");
    scale = 1;
    zoom(1);
    scroller.scrollLeft = 0;
    scroller.scrollTop = 0;
    closer.focus();
  }
  function close() {
    view.hidden = true;
    document.documentElement.classList.remove("zoom-open");
    hideTip();
    if (back) back.focus();
  }
  document.addEventListener("click", function (ev) {
    if (ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
    var link = ev.target.closest ? ev.target.closest("figure.fig .frame a") : null;
    var img = link ? link.querySelector("img") : null;
    if (!img) return;
    ev.preventDefault();
    open(link, img);
  });
})();
