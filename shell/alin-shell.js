// AL'in browser shell: input forwarding, routing and the semantic DOM layer that
// mirrors the ImGui widgets (see src/client/ui/semantics.h). The loader (wasm
// download with progress, engine checks) is shell/alin-loader.js, loaded after it.
'use strict';
(function () {
  const canvas = document.getElementById('canvas');
  const semRoot = document.getElementById('sem-root');
  const live = document.getElementById('live');
  const loader = document.getElementById('loader');
  const progressText = document.getElementById('loader-text');
  const params = new URLSearchParams(window.location.search);
  const kiosk = params.get('kiosk') === '1';
  // The offline demo mode is its own build (it carries the whole service).
  // The built index.html names content-hashed copies (cmake/dist.sh): data-app, data-demo.
  const names = (document.currentScript && document.currentScript.dataset) || {};
  const build = params.get('demo') === '1' ? names.demo || 'alin-demo' : names.app || 'alin';
  // The part of the build the first screen does not need (wasm-split, cmake/web.cmake).
  const rest = params.get('demo') === '1' ? names.demoRest || 'alin-demo.rest.wasm' : names.appRest || 'alin.rest.wasm';
  // The loader speaks the language the app will start in (src/client/app_language.cpp):
  // the one chosen on an earlier visit (localStorage "alin-language"), French otherwise
  // and always on a kiosk. Its texts, the only ones outside the C++ catalogue, are in
  // index.html (#loader-texts), next to the loader they belong to.
  let english = false;
  try { english = !kiosk && /^en\b/i.test(window.localStorage.getItem('alin-language') || ''); } catch (e) { /* no storage */ }
  const texts = JSON.parse(document.getElementById('loader-texts')?.textContent || '{}');
  const LOADER = (english ? texts.en : texts.fr) || {};
  if (english) {
    document.documentElement.lang = 'en';
    loader?.setAttribute('aria-label', LOADER.label);
    if (progressText) progressText.textContent = LOADER.loading;
  }

  // ---------------------------------------------------------------- input
  const input = { mx: -1, my: -1, down: 0, scroll: 0 };
  // Real user input only (kiosk inactivity timer): pointer, key, wheel, text input.
  // Focus and blur are not activity (a dialog opening moves focus).
  let activity = 0;
  const noteActivity = (e) => { if (e.isTrusted) activity++; };
  for (const type of ['pointerdown', 'pointermove', 'keydown', 'wheel', 'input', 'touchstart']) {
    document.addEventListener(type, noteActivity, { capture: true, passive: true });
  }
  const forcedColors = window.matchMedia ? window.matchMedia('(forced-colors: active)') : { matches: false };
  let drag = null;          // touch drag-to-scroll gesture
  let suppressClickUntil = 0;
  let lastPointerDown = -1e9;

  function localPos(e) {
    const r = canvas.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  }
  document.addEventListener('pointermove', (e) => {
    [input.mx, input.my] = localPos(e);
    if (drag && drag.id === e.pointerId) {
      const dy = e.clientY - drag.lastY;
      if (!drag.active && Math.abs(e.clientY - drag.startY) > 8) { drag.active = true; releaseMirrors(); }
      if (drag.active) { input.scroll -= dy; }
      drag.lastY = e.clientY;
    }
  }, { capture: true, passive: true });
  document.addEventListener('pointerdown', (e) => {
    lastPointerDown = performance.now();
    if (e.pointerType === 'touch' || e.pointerType === 'pen') {
      drag = { id: e.pointerId, startY: e.clientY, lastY: e.clientY, active: false };
    }
    [input.mx, input.my] = localPos(e);
    if (e.target === canvas && e.button === 0) input.down = 1;
    // Only interactive mirrors take the pointer (the others let it through to the canvas).
    if (e.isPrimary && e.target !== semRoot && semRoot.contains(e.target)) holdMirrors(HOLD_MS);
  }, { capture: true, passive: true });
  const endPointer = (e) => {
    if (drag && drag.id === e.pointerId) {
      if (drag.active) suppressClickUntil = performance.now() + 400;
      drag = null;
    }
    input.down = 0;
    if (e.pointerType === 'touch') { input.mx = -1; input.my = -1; }
    // The click follows the release: at once for a mouse, after the tap gesture for touch.
    if (pressHeld()) { if (e.type === 'pointercancel') releaseMirrors(); else holdMirrors(HOLD_AFTER_UP_MS); }
  };
  document.addEventListener('pointerup', endPointer, { capture: true, passive: true });
  document.addEventListener('pointercancel', endPointer, { capture: true, passive: true });
  // Pressing a control that is partly outside the scrolled area must not scroll
  // it: the browser's focus-on-press would move it away from under the pointer
  // before the release, and the click would be lost. Such controls take focus
  // without scrolling; text fields keep the browser's press (caret, selection).
  document.addEventListener('mousedown', (e) => {
    const el = e.target;
    if (e.button !== 0 || !semRoot.contains(el) || !el.__role) return;
    if (el.tagName === 'INPUT' && el.type !== 'checkbox' && el.type !== 'radio') return;
    if (el.disabled) return;
    e.preventDefault();
    if (document.activeElement !== el) el.focus({ preventScroll: true });
  }, { capture: true });
  // A drag that scrolled must not also click what it started on.
  document.addEventListener('click', (e) => {
    if (pressHeld()) setTimeout(releaseMirrors, 0);  // once the click's own handlers have run
    if (performance.now() < suppressClickUntil) { e.preventDefault(); e.stopPropagation(); }
  }, { capture: true });

  // From a press on a mirror to its click, the mirrors hold still: the patches
  // the app draws meanwhile (its scroll catching up with the browser's, a reveal,
  // a reflow) wait until the click has been dispatched. A mirror moved or
  // replaced under the pointer before the release lost the click (it went to
  // the common ancestor). Bounded, for a press that ends elsewhere or never.
  const HOLD_MS = 5000, HOLD_AFTER_UP_MS = 400;
  const heldPatches = [];
  let holdTimer = 0;
  function pressHeld() { return holdTimer !== 0; }
  function holdMirrors(ms) { clearTimeout(holdTimer); holdTimer = setTimeout(releaseMirrors, ms); }
  function releaseMirrors() {
    if (!holdTimer) return;
    clearTimeout(holdTimer);
    holdTimer = 0;
    for (const json of heldPatches.splice(0)) applyPatch(json);
  }
  document.addEventListener('wheel', (e) => {
    if (e.ctrlKey) return;  // Ctrl+wheel and trackpad pinch zoom the page: the browser's
    e.preventDefault();
    const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? window.innerHeight : 1;
    input.scroll += e.deltaY * unit;
  }, { passive: false });
  window.addEventListener('blur', () => { input.down = 0; });
  // The page never scrolls sideways (focus or scrollIntoView of a wide element).
  window.addEventListener('scroll', () => { if (window.scrollX) window.scrollTo(0, window.scrollY); }, { passive: true });

  // ---------------------------------------------------------------- semantics
  const TAGS = {
    button: 'button', tab: 'button', link: 'a', textbox: 'input', password: 'input',
    checkbox: 'input', radio: 'input', heading: 'h2', text: 'p', dialog: 'div', region: 'div',
    alert: 'div', status: 'div', list: 'ul', listitem: 'li', group: 'div', tablist: 'div',
    combobox: 'input', listbox: 'div', option: 'div', navigation: 'nav', radiogroup: 'div',
    alertdialog: 'div', tabpanel: 'div', main: 'main',
  };
  // Region is the scrolled content: a plain container; "main" inside it is the landmark,
  // so the navigation drawn above the screen stays outside main.
  const nodes = new Map();   // id -> element
  const events = [];
  let lastFocusId = null;

  // The last events sent to the app, for test failure reports (harness describeScreen).
  const recent = [];
  function push(ev) {
    events.push(ev);
    recent.push(`${Math.round(performance.now())} ${ev.k} ${ev.i || ''}${ev.d ? ' ' + ev.d : ''}`);
    if (recent.length > 20) recent.shift();
  }

  function create(n) {
    let tag = TAGS[n.r] || 'div';
    if (n.r === 'heading') tag = 'h' + Math.min(6, Math.max(1, n.l || 2));
    if (n.r === 'textbox' && n.t === 'textarea') tag = 'textarea';  // multi-line (ui::TextArea)
    if (n.r === 'group' && n.i === 'header') tag = 'header';
    if (n.r === 'group' && n.i === 'footer') tag = 'footer';  // the contentinfo landmark
    const el = document.createElement(tag);
    el.__role = n.r;
    el.__tag = tag;
    el.dataset.semId = n.i;
    el.className = 'sem sem-' + n.r;
    if (tag === 'h1') el.tabIndex = -1;  // takes focus on a change of view
    if (SPECIAL.has(n.r)) special.add(el);
    switch (n.r) {
      case 'button':
        el.type = 'button';
        el.addEventListener('click', (e) => { e.preventDefault(); if (!el.disabled) push({ k: 'activate', i: n.i }); });
        break;
      case 'tab':
        el.type = 'button';
        el.setAttribute('role', 'tab');
        el.addEventListener('click', () => push({ k: 'activate', i: n.i }));
        // Arrow keys, Home and End move between tabs and select (automatic activation).
        el.addEventListener('keydown', (e) => {
          if (!['ArrowRight', 'ArrowLeft', 'ArrowDown', 'ArrowUp', 'Home', 'End'].includes(e.key)) return;
          const tabs = [...el.parentNode.children].filter((t) => t.__role === 'tab' && !t.disabled);
          const i = tabs.indexOf(el);
          if (i < 0) return;
          e.preventDefault();
          const j = e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1
            : (i + (e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : tabs.length - 1)) % tabs.length;
          tabs[j].focus();
          push({ k: 'activate', i: tabs[j].dataset.semId });
        });
        break;
      case 'link':
        el.addEventListener('click', (e) => {
          if (el.getAttribute('href') === '#contenu') {  // skip link: to the screen's heading
            e.preventDefault();
            focusMainHeading();
            return;
          }
          // Plain clicks are handled in-app; modified clicks keep the browser's meaning.
          if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
          if (el.target === '_blank') return;
          e.preventDefault();
          push({ k: 'activate', i: n.i });
        });
        break;
      case 'option':
        el.setAttribute('role', 'option');
        el.tabIndex = -1;
        el.addEventListener('mousedown', (e) => e.preventDefault());  // keep focus in the combobox
        el.addEventListener('click', () => push({ k: 'activate', i: n.i }));
        break;
      case 'listbox': el.setAttribute('role', 'listbox'); break;
      case 'radiogroup': el.setAttribute('role', 'radiogroup'); break;
      case 'combobox':
        el.setAttribute('role', 'combobox');
        el.setAttribute('aria-autocomplete', 'list');
        // fall through: a combobox is a text field with a popup list
      case 'textbox':
      case 'password':
        // A <textarea> has its type already (read-only) and is checked for spelling (a message).
        if (tag === 'textarea') el.rows = 1; else el.type = n.r === 'password' ? 'password' : (n.t || 'text');
        el.spellcheck = tag === 'textarea';
        el.autocapitalize = tag === 'textarea' ? 'sentences' : 'off';
        el.addEventListener('input', () => push({ k: 'input', i: n.i, v: el.value }));
        el.addEventListener('change', () => push({ k: 'input', i: n.i, v: el.value }));
        el.addEventListener('keydown', (e) => {
          if (e.key === 'Enter' && !e.isComposing && tag !== 'textarea') {  // Enter in a textarea: a new line
            e.preventDefault();
            push({ k: 'input', i: n.i, v: el.value });
            push({ k: 'submit', i: n.i });
          } else if (n.r === 'combobox' && (e.key === 'ArrowDown' || e.key === 'ArrowUp' || e.key === 'Escape')) {
            e.preventDefault();
            push({ k: 'input', i: n.i, v: el.value });
            push({ k: 'key', i: n.i, v: e.key });
          }
        });
        break;
      case 'checkbox':
      case 'radio':
        el.type = n.r;
        if (n.r === 'radio' && n.p) el.name = 'grp-' + n.p;
        el.addEventListener('change', () => {
          // The state the user gave wins over patches drawn before the app took it.
          el.__pending = { c: el.checked, until: performance.now() + 2000 };
          push({ k: 'toggle', i: n.i, c: el.checked });
        });
        break;
      case 'dialog':
      case 'alertdialog':
        el.setAttribute('role', n.r);
        el.setAttribute('aria-modal', 'true');
        break;
      case 'tabpanel': el.setAttribute('role', 'tabpanel'); break;
      case 'tablist': el.setAttribute('role', 'tablist'); break;
      case 'alert': el.setAttribute('role', 'alert'); break;
      case 'status': el.setAttribute('role', 'status'); break;
      case 'group': if (tag !== 'header' && tag !== 'footer') el.setAttribute('role', 'group'); break;
    }
    el.addEventListener('focus', () => {
      lastFocusId = n.i;
      // Focus given by a pointer press is marked so the app does not scroll the
      // pressed item away from under the pointer before its release.
      push(performance.now() - lastPointerDown < 500 ? { k: 'focus', i: n.i, v: 'pointer' } : { k: 'focus', i: n.i });
    });
    el.addEventListener('blur', () => push({ k: 'blur', i: n.i }));
    return el;
  }

  function setAttr(el, name, value) {
    if (value === null || value === undefined || value === false) {
      if (el.hasAttribute(name)) el.removeAttribute(name);
    } else if (el.getAttribute(name) !== String(value)) {
      el.setAttribute(name, String(value));
    }
  }

  // A mirror's text: its one text node's data changes in place (cheaper for the
  // browser than a new text node: no node removed and inserted, no style recalc).
  function setText(el, text) {
    const t = el.firstChild;
    if (t && t === el.lastChild && t.nodeType === Node.TEXT_NODE) {
      if (t.data !== text) t.data = text;
    } else if (el.textContent !== text) {
      el.textContent = text;
    }
  }

  function domId(semId) { return 'sem-' + semId.replace(/[^a-zA-Z0-9_-]/g, '_'); }

  function describe(el, n) {
    // Error message and hint, referenced by aria-describedby. A visible error
    // paragraph ("<id>.error") is referenced directly; otherwise a hidden span.
    const ids = [];
    for (const [key, text] of [['e', n.e], ['ds', n.ds]]) {
      const hiddenId = domId(n.i) + '-' + key;
      let d = document.getElementById(hiddenId);
      const visible = nodes.get(n.i + (key === 'e' ? '.error' : '.hint'));
      if (text && visible) {
        if (d) d.remove();
        if (!visible.id) visible.id = domId(n.i + (key === 'e' ? '.error' : '.hint'));
        ids.push(visible.id);
      } else if (text) {
        if (!d) {
          // Next to the element (inside its landmark), never directly in a list.
          let host = el.parentNode || semRoot;
          while (host !== semRoot && (host.tagName === 'UL' || host.tagName === 'OL')) host = host.parentNode;
          d = document.createElement('span'); d.id = hiddenId; d.className = 'sem-hidden'; host.appendChild(d);
        }
        if (d.textContent !== text) d.textContent = text;
        ids.push(hiddenId);
      } else if (d) {
        d.remove();
      }
    }
    setAttr(el, 'aria-describedby', ids.length ? ids.join(' ') : null);
  }

  function update(el, n) {
    switch (n.r) {
      case 'combobox':
        setAttr(el, 'aria-expanded', n.ex ? 'true' : 'false');
        setAttr(el, 'aria-controls', n.ex ? domId(n.i + '.list') : null);
        if (n.ex && nodes.get(n.i + '.list')) nodes.get(n.i + '.list').id = domId(n.i + '.list');
        // fall through
      case 'textbox':
      case 'password': {
        setAttr(el, 'aria-label', n.n);
        setAttr(el, 'autocomplete', n.ac || 'off');
        setAttr(el, 'aria-required', n.rq ? 'true' : null);
        setAttr(el, 'aria-invalid', n.iv ? 'true' : null);
        const wantType = n.r === 'password' ? 'password' : (n.t || 'text');
        if (el.type !== wantType && el.__tag !== 'textarea') el.type = wantType;
        // C++ changed the value itself (rev bump), or the field is not being edited.
        if (el.__rev !== n.vr || (document.activeElement !== el && el.value !== n.v)) {
          el.__rev = n.vr;
          if (el.value !== n.v) el.value = n.v;
        }
        break;
      }
      case 'checkbox':
      case 'radio':
        setAttr(el, 'aria-label', n.n);
        if (el.__pending && (!!n.c === el.__pending.c || performance.now() > el.__pending.until)) el.__pending = null;
        if (!el.__pending && el.checked !== !!n.c) el.checked = !!n.c;
        setAttr(el, 'aria-invalid', n.iv ? 'true' : null);
        break;
      case 'link':
        if (el.getAttribute('href') !== n.hr) el.setAttribute('href', n.hr || '#');
        if (n.nt) { el.target = '_blank'; el.rel = 'noopener'; } else { el.removeAttribute('target'); }
        setText(el, n.n);
        break;
      case 'tab':
        setAttr(el, 'aria-selected', n.s ? 'true' : 'false');
        setText(el, n.n);
        break;
      case 'region':  // the scrolled container: a plain div, named by nothing
        break;
      case 'dialog': case 'group': case 'tablist': case 'list': case 'listbox':
      case 'navigation': case 'radiogroup': case 'alertdialog': case 'tabpanel': case 'main':
        setAttr(el, 'aria-label', n.n || null);
        break;
      case 'listitem':
        // A card's item holds the card's link: only plain items carry their own text.
        if (!n.ss) setText(el, n.n);
        setAttr(el, 'aria-setsize', n.ss || null);
        setAttr(el, 'aria-posinset', n.ss ? n.ps : null);
        break;
      case 'option':
        setAttr(el, 'aria-selected', n.s ? 'true' : 'false');
        setText(el, n.n);
        break;
      default:
        setText(el, n.n);
    }
    if (n.r === 'button' || n.r === 'tab') el.disabled = !!n.d;
    setAttr(el, 'lang', n.lg || null);  // a label in another language than the page (the language switch)
    if (n.r !== 'combobox') setAttr(el, 'aria-expanded', n.ex ? 'true' : n.xb ? 'false' : null);
    setAttr(el, 'aria-current', n.cu ? (n.r === 'link' ? 'page' : n.r === 'listitem' ? 'step' : 'true') : null);
    if (n.r === 'listitem') setAttr(el, 'aria-checked', null);
    if (n.cl && !el.__clip) {
      el.__clip = true;
      el.classList.add('sem-clip');
      const spacer = document.createElement('div');
      spacer.className = 'sem-spacer';
      spacer.style.cssText = 'position:absolute;left:0;top:0;width:1px;height:' + (2 * CLIP_BASE) + 'px;pointer-events:none';
      el.appendChild(spacer);
      el.__spacer = spacer;
      el.__anchor = 0;   // content offset at the baseline (see clipShift)
      el.__sy = 0;       // content offset the DOM shows now
      // Browser-initiated scrolling (scrollIntoView, keyboard focus) is kept as the
      // browser did it, and sent to the app, which scrolls the same way.
      el.addEventListener('scroll', () => {
        if (el.scrollLeft) el.scrollLeft = 0;   // never sideways: the canvas does not scroll horizontally
        el.__top = el.scrollTop;
        let sy = el.__top - clipShift(el);
        // The browser cannot scroll past what the app can (no room above content
        // offset 0, the spacer ends at the largest offset), so what it scrolled
        // into view stays where it put it. A range the app has just reduced is
        // caught up here, but never during a press: that would move the pressed
        // element from under the pointer (the app clamps its own scroll, and the
        // mirrors follow it once the click is through).
        const max = el.__n.sm || 0;
        if ((sy < 0 || sy > max) && !pressHeld()) {
          sy = Math.min(Math.max(sy, 0), max);
          el.__top = sy + clipShift(el);
          el.scrollTop = el.__top;
        }
        const d = sy - el.__sy;
        if (d) { el.__sy = sy; scrollSent++; push({ k: 'scroll', i: n.i, d }); }
      });
    }
  }

  // Clip containers (the scrolled content). Their children are placed in content
  // coordinates and the container's DOM scroll shows the app's scroll offset, so
  // the browser can scroll them too. The DOM's top is content offset 0, never
  // above it: a DOM scrolled above the content (scrollIntoView centring a control
  // near the top) was pulled back, moving every mirror after the browser had
  // placed them, and a click aimed meanwhile was lost. For very long content an
  // anchor (moved by CLIP_REANCHOR) keeps DOM coordinates small: past CLIP_BASE,
  // the DOM's top is CLIP_BASE above the anchor's offset.
  const CLIP_BASE = 50000, CLIP_REANCHOR = 20000;
  let scrollSent = 0;
  // The DOM position (scrollTop) of content offset 0: 0, or above the top for a far anchor.
  function clipShift(el) { return Math.min(0, CLIP_BASE - el.__anchor); }

  // The app's scroll offset becomes the DOM's, once the app has taken every
  // scroll event sent (before that the DOM is ahead of it and stays put).
  function followAppScroll(el, n) {
    if ((n.sq || 0) < scrollSent) return;
    const sy = n.sy || 0;
    const reanchor = Math.abs(sy - el.__anchor) > CLIP_REANCHOR;
    if (reanchor) el.__anchor = sy;
    el.__sy = sy;
    // Room to scroll down to the app's largest offset, and no further.
    const room = Math.max(0, clipShift(el) + (n.sm || 0)) + n.h;
    const roomChanged = el.__room !== room;
    if (roomChanged) { el.__room = room; el.__spacer.style.height = room + 'px'; }
    // The children's heights stop at the room (see position): placed again when it changes.
    if (reanchor || roomChanged) for (const child of nodes.values()) if (child.__n.p === n.i) position(child, child.__n);
    // Compared with the last known value, not read back: reading scrollTop
    // after DOM changes would force a layout in the middle of a sync.
    const top = sy + clipShift(el);
    if (el.__top !== top) { el.__top = top; el.scrollTop = top; }
  }

  function position(el, n) {
    const parent = n.p ? nodes.get(n.p) : null;
    const px = parent ? (parent.__x ?? parent.__n.x) : 0;
    const py = parent ? parent.__n.y - (parent.__clip ? clipShift(parent) : 0) : 0;
    const s = el.style;
    // Kept inside the viewport horizontally: nothing may make the page wider
    // than the screen, or give the browser room to scroll the mirrors sideways.
    // (The width is read once per patch, before it changes the DOM: with a mobile
    // viewport, reading innerWidth after a DOM change forces a layout.)
    const vw = patchViewportW || window.innerWidth;
    const x0 = Math.min(Math.max(n.x, 0), vw), x1 = Math.max(Math.min(n.x + n.w, vw), x0);
    el.__x = x0;
    // Nor lower than the scrolled content's end (a group's trailing spacing): the
    // browser could scroll further than the app, and be pulled back.
    const bottom = parent && parent.__clip && parent.__room !== undefined ? parent.__room : Infinity;
    const left = (x0 - px) + 'px', top = (n.y - py) + 'px', w = (x1 - x0) + 'px';
    const h = Math.max(0, Math.min(n.h, bottom - (n.y - py))) + 'px';
    if (s.left !== left) s.left = left;
    if (s.top !== top) s.top = top;
    if (s.width !== w) s.width = w;
    if (s.height !== h) s.height = h;
  }

  // Applies a patch from C++: { u: [changed or new nodes], d: [removed ids], o: [ids in order] }.
  // The work is proportional to what changed. Kept for later during a press (see holdMirrors).
  function sync(json) {
    if (pressHeld()) heldPatches.push(json); else if (probe) timedPatch(json); else applyPatch(json);
  }
  let patchViewportW = 0;
  function applyPatch(json) {
    patchViewportW = window.innerWidth;
    try { applyPatchNow(JSON.parse(json)); } finally { patchViewportW = 0; }
  }
  function applyPatchNow(patch) {
    // Scroll first, while the layout is still clean (a scrollTop write lays out).
    for (const n of patch.u || []) {
      if (!n.cl) continue;
      const el = nodes.get(n.i);
      if (el && el.__clip) followAppScroll(el, n);
    }
    const touched = [];
    const moved = new Set();
    let freshH1 = false, focusRequested = false;
    for (const id of patch.d || []) {
      const el = nodes.get(id);
      if (el) { el.remove(); nodes.delete(id); special.delete(el); }
      for (const k of ['e', 'ds']) { const d = document.getElementById(domId(id) + '-' + k); if (d) d.remove(); }
    }
    for (const n of patch.u || []) {
      let el = nodes.get(n.i);
      const wantTag = n.r === 'heading' ? 'h' + Math.min(6, Math.max(1, n.l || 2))
        : n.r === 'textbox' ? (n.t === 'textarea' ? 'textarea' : 'input') : null;
      if (el && (el.__role !== n.r || (wantTag && el.__tag !== wantTag))) { el.remove(); el = null; }
      const fresh = !el;
      if (fresh) { el = create(n); nodes.set(n.i, el); if (el.__tag === 'h1') freshH1 = true; }
      const old = el.__n;
      if (old && (old.x !== n.x || old.y !== n.y)) moved.add(n.i);
      el.__n = n;
      update(el, n);
      if (fresh) {
        // New nodes go at the end of their host; an "o" list reorders below.
        (n.p ? nodes.get(n.p) : semRoot)?.appendChild(el);
        if (el.__clip) followAppScroll(el, n);  // once attached: a detached element keeps no scroll
      }
      touched.push(n);
      if (n.f && el.__focusReq !== n.f) { el.__focusReq = n.f; el.__wantFocus = true; }
    }
    // Children are positioned relative to their container: place the touched
    // nodes, and every child of a container that moved.
    for (const n of touched) position(nodes.get(n.i), n);
    if (moved.size) {
      for (const el of nodes.values()) if (el.__n.p && moved.has(el.__n.p)) position(el, el.__n);
    }
    if (patch.o) {
      // DOM order follows widget order, so Tab moves through the page as drawn.
      const byHost = new Map();
      for (const id of patch.o) {
        const el = nodes.get(id);
        if (!el) continue;
        const host = el.__n.p ? nodes.get(el.__n.p) : semRoot;
        if (el.parentNode !== host) host.appendChild(el);
        if (!byHost.has(host)) byHost.set(host, []);
        byHost.get(host).push(el);
      }
      for (const [host, children] of byHost) {
        let ref = host.firstElementChild;
        for (const child of children) {
          while (ref && !ref.__role && ref !== child) ref = ref.nextElementSibling;  // skip helper spans
          if (ref !== child) host.insertBefore(child, ref);
          else ref = ref.nextElementSibling;
        }
      }
    }
    // aria-describedby once every node exists (an error paragraph is drawn below its field).
    for (const n of touched) {
      describe(nodes.get(n.i), n);
      const owner = n.i.endsWith('.error') ? n.i.slice(0, -6) : n.i.endsWith('.hint') ? n.i.slice(0, -5) : null;
      if (owner && nodes.get(owner)) describe(nodes.get(owner), nodes.get(owner).__n);
    }
    for (const id of patch.d || []) {
      const owner = id.endsWith('.error') ? id.slice(0, -6) : null;
      if (owner && nodes.get(owner)) describe(nodes.get(owner), nodes.get(owner).__n);
    }
    for (const n of touched) {
      const el = nodes.get(n.i);
      if (el && el.__wantFocus) {
        el.__wantFocus = false; el.focus({ preventScroll: true }); focusRequested = true; focusHash = location.hash;
      }
    }
    linkRelations();
    manageFocus(freshH1, focusRequested);
  }

  // ---------------------------------------------------------------- relations and focus
  // Nodes whose ARIA relations point at other nodes, refreshed after every sync.
  const SPECIAL = new Set(['combobox', 'tabpanel', 'tablist', 'dialog', 'alertdialog']);
  const special = new Set();
  function ensureId(el) {
    if (!el.id) el.id = domId(el.dataset.semId);
    return el.id;
  }
  function linkRelations() {
    for (const el of special) {
      const n = el.__n;
      if (el.__role === 'combobox') {
        // The highlighted option, while focus stays in the field.
        const list = nodes.get(n.i + '.list');
        const option = n.ex && list ? list.querySelector('[aria-selected=true]') : null;
        setAttr(el, 'aria-activedescendant', option ? ensureId(option) : null);
      } else if (el.__role === 'tabpanel') {
        const tab = n.rf ? nodes.get(n.rf) : null;
        setAttr(el, 'aria-labelledby', tab ? ensureId(tab) : null);
        if (tab) {
          for (const t of tab.parentNode ? tab.parentNode.children : []) {
            if (t.__role === 'tab') setAttr(t, 'aria-controls', t === tab ? ensureId(el) : null);
          }
        }
      } else if (el.__role === 'tablist') {
        // One tab stop: the selected tab (arrow keys move between tabs).
        const tabs = [...el.children].filter((t) => t.__role === 'tab');
        const selected = tabs.find((t) => t.getAttribute('aria-selected') === 'true') || tabs[0];
        for (const t of tabs) { const ti = t === selected ? 0 : -1; if (t.tabIndex !== ti) t.tabIndex = ti; }
      } else {  // dialog, alertdialog: named by their heading
        const title = nodes.get(n.i + '.title');
        setAttr(el, 'aria-labelledby', title ? ensureId(title) : null);
        if (title && !title.hasAttribute('tabindex')) title.tabIndex = -1;
      }
    }
  }

  function openDialog() {
    let found = null;
    for (const el of special) if ((el.__role === 'dialog' || el.__role === 'alertdialog') && el.isConnected) found = el;
    return found;
  }

  function focusMainHeading() {
    const h = semRoot.querySelector('main h1') || semRoot.querySelector('h1');
    if (!h) return false;
    if (!h.hasAttribute('tabindex')) h.tabIndex = -1;
    h.focus({ preventScroll: true });
    return true;
  }

  // Modal dialogs: focus moves in (to its heading, read with the dialog's name), and
  // back to the control that opened it when it closes. A change of view (route or
  // panel) puts focus on the new h1, so the next Tab starts from the top of the view.
  let dialogOpen = null, dialogOpener = null, pendingHeading = false, seenHeading = false;
  let restoreTo = null, restoreTries = 0;
  // A field the new view asked focus for (login's e-mail) keeps it when the
  // hashchange event of that same view arrives after the frame that focused it.
  let focusHash = null;
  window.addEventListener('hashchange', () => {
    if (focusHash !== location.hash || focusLost()) pendingHeading = true;
    focusHash = null;
  });
  function focusLost() {
    const a = document.activeElement;
    return !a || a === document.body || !a.isConnected;
  }
  function manageFocus(freshH1, focusRequested) {
    const dialog = openDialog();
    if (dialog && dialog !== dialogOpen) {
      dialogOpen = dialog;
      dialogOpener = dialogOpener || lastFocusId;
      if (!focusRequested || !dialog.contains(document.activeElement)) {
        const title = nodes.get(dialog.__n.i + '.title');
        const target = title || dialog.querySelector('button, input, textarea, a[href]');
        if (target) target.focus({ preventScroll: true });
      }
      return;
    }
    if (dialog) return;
    if (dialogOpen) {
      // The page behind comes back a frame after the dialog goes: wait for the opener.
      dialogOpen = null;
      restoreTo = dialogOpener;
      restoreTries = 4;
      dialogOpener = null;
    }
    if (restoreTo) {
      const opener = nodes.get(restoreTo);
      if (opener && opener.isConnected) {
        restoreTo = null;
        if (!focusRequested && focusLost() && !pendingHeading) {
          opener.focus({ preventScroll: true });
          return;
        }
      } else if (--restoreTries <= 0) {
        restoreTo = null;
      }
    }
    // The first view of a fresh page keeps the browser's start (the skip link comes first).
    const viewChanged = pendingHeading || (freshH1 && focusLost() && seenHeading);
    if (freshH1) seenHeading = true;
    if (focusRequested) { pendingHeading = false; return; }
    if (viewChanged && focusMainHeading()) pendingHeading = false;
  }

  // Inside an open dialog: Escape runs its cancel action, Tab and Shift+Tab stay in it.
  document.addEventListener('keydown', (e) => {
    const dialog = openDialog();
    if (!dialog) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      push({ k: 'key', i: dialog.dataset.semId, v: 'Escape' });
      return;
    }
    if (e.key !== 'Tab') return;
    const stops = [...dialog.querySelectorAll('button, a[href], input, textarea, [tabindex]')]
      .filter((el) => !el.disabled && el.tabIndex >= 0);
    const a = document.activeElement;
    if (!stops.length) { e.preventDefault(); return; }
    const first = stops[0], last = stops[stops.length - 1];
    if (!dialog.contains(a)) { e.preventDefault(); (e.shiftKey ? last : first).focus(); }
    else if (e.shiftKey && a === first) { e.preventDefault(); last.focus(); }
    else if (!e.shiftKey && a === last) { e.preventDefault(); first.focus(); }
  }, { capture: true });

  function takeEvents() {
    if (!events.length) return '';
    const s = JSON.stringify(events);
    events.length = 0;
    return s;
  }

  // ---------------------------------------------------------------- timing (benchmarks)
  // Per frame: [total, semantic layer (endFrame, the DOM patch included), drawn
  // (0: not drawn, 1: drawn, 2: drawn without semantic nodes, benchmarks only),
  // DOM patch, forced style and layout]. The last two only when a benchmark sets
  // window.__alinFrameProbe: each patch timed (performance.now(); performance.measure
  // cost as much as the patch), and a layout forced and timed after each drawn frame
  // (reading #sem-root's size), so the style and layout a patch causes count in its frame.
  const frames = [];
  const probe = !!window.__alinFrameProbe;
  let patchMs = 0;
  function timedPatch(json) {
    const start = performance.now();
    applyPatch(json);
    patchMs += performance.now() - start;
  }
  function reportFrame(total, sem, rendered) {
    let layoutMs = 0;
    if (probe && rendered) {
      const start = performance.now();
      void semRoot.offsetWidth;
      layoutMs = performance.now() - start;
    }
    frames.push([total, sem, rendered, patchMs, layoutMs]);
    patchMs = 0;
    if (frames.length > 600) frames.shift();
  }

  // ---------------------------------------------------------------- storage
  // Web storage can throw: reading window.localStorage in a private window or with
  // cookies blocked (SecurityError), setItem when full or disabled (Safari private
  // browsing: QuotaExceededError). The kiosk and demo modes must still work: the
  // page then keeps its data in memory, for this page only.
  const memoryStores = {};
  function safeStorage(which) {
    const memory = (memoryStores[which] ??= new Map());
    let real = null;
    try { real = window[which]; real.getItem('alin.probe'); } catch (e) { real = null; }
    return {
      getItem(k) {
        if (memory.has(k)) return memory.get(k);
        try { return real ? real.getItem(k) : null; } catch (e) { return null; }
      },
      setItem(k, v) {
        try { if (!real) throw new Error('no ' + which); real.setItem(k, v); memory.delete(k); } catch (e) { memory.set(k, String(v)); }
      },
      removeItem(k) {
        memory.delete(k);
        try { if (real) real.removeItem(k); } catch (e) { /* nothing stored there */ }
      },
    };
  }

  // ---------------------------------------------------------------- public
  window.AlinShell = {
    pollInput() {
      const a = [canvas.clientWidth || window.innerWidth, canvas.clientHeight || window.innerHeight,
        window.devicePixelRatio || 1, input.mx, input.my, input.down, input.scroll,
        activity % 16777216, forcedColors.matches ? 1 : 0];
      input.scroll = 0;
      return a;
    },
    semantics: { sync, takeEvents, nodes, recent },
    inputMark: () => activity + ':' + events.length + window.location.hash,   // changes with any new input
    announce(text) {
      // Clearing first makes repeated messages be announced again.
      live.textContent = '';
      setTimeout(() => { live.textContent = text; }, 30);
    },
    currentRoute() {
      const h = window.location.hash;
      return h.startsWith('#') ? decodeURIComponent(h.slice(1)) || '/' : '/';
    },
    setRoute(route, replace) {
      const target = '#' + route;
      if (window.location.hash === target) return;
      if (replace) history.replaceState(null, '', target); else window.location.hash = route;
    },
    storage() { return kiosk ? safeStorage('sessionStorage') : safeStorage('localStorage'); },
    openUrl(url, newTab) {
      if (newTab) window.open(url, '_blank', 'noopener'); else window.location.assign(url);
    },
    firstFrameDrawn() {
      window.__alinFirstFrame = performance.now();
      document.body.dataset.ready = '1';
      if (loader) loader.remove();
      for (const f of this.afterFirstFrame.splice(0)) setTimeout(f, 0);
    },
    afterFirstFrame: [],
    fatal(what) {
      const text = what === 'webgl' ? LOADER.webgl + LOADER.help : what === 'old' ? LOADER.old + LOADER.help : LOADER.failed;
      if (progressText) progressText.textContent = text;
      if (loader) {
        loader.setAttribute('role', 'alert');
        loader.removeAttribute('aria-valuenow');
        const track = loader.querySelector('.track');
        if (track && what !== 'load') track.remove();
      }
      window.__alinFatal = what;
    },
    reportFrame,
    frames,
    // For the loader (shell/alin-loader.js): the build to load and the loader's words.
    loading: { build, rest, english, texts: LOADER },
    // Language files: the build carries French only; English is alin-en.json
    // (content-hashed name in index.html, data-en), fetched when chosen, or by the
    // loader with the wasm for a page that starts in English.
    catalogueUrl(tag) { return tag === 'en' ? names.en || 'alin-en.json' : ''; },
    preloadedCatalogues: {},
    takePreloadedCatalogue(tag) {
      const text = this.preloadedCatalogues[tag];
      delete this.preloadedCatalogues[tag];
      return text == null ? null : text;
    },
  };

})();
