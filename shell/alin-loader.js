// AL'in browser shell, part 2: the loader. Checks the engine (WebAssembly,
// WebGL 2), downloads the wasm with a progress bar and starts the app. Loaded
// by index.html after shell/alin-shell.js, whose window.AlinShell it uses.
'use strict';
(function () {
  const shell = window.AlinShell;
  if (!shell) return;
  const { build, english, texts: LOADER } = shell.loading;
  const loader = document.getElementById('loader');
  const progressBar = document.getElementById('loader-bar');
  const progressText = document.getElementById('loader-text');
  const canvas = document.getElementById('canvas');

  function webgl2Available() {
    try {
      const probe = document.createElement('canvas');
      const gl = probe.getContext('webgl2');
      if (!gl) return false;
      const lose = gl.getExtension('WEBGL_lose_context');
      if (lose) lose.loseContext();
      return true;
    } catch (e) {
      return false;
    }
  }
  function setProgress(loaded, total) {
    const pct = total ? Math.min(100, Math.round(loaded * 100 / total)) : 0;
    if (progressBar) progressBar.style.width = pct + '%';
    if (loader) loader.setAttribute('aria-valuenow', String(pct));
    if (progressText) progressText.textContent = total ? LOADER.loading + ' ' + (english ? pct + '%' : pct + '\u00a0%') : LOADER.loading;
  }

  // Streams the wasm while counting bytes, keeping streaming compilation. Where
  // streaming compilation is missing or fails (older engines; a server or proxy
  // that sends the wasm with another MIME type, which instantiateStreaming
  // refuses), the bytes are compiled from an ArrayBuffer instead.
  async function fetchWasm() {
    const response = await fetch(build + '.wasm', { credentials: 'same-origin' });
    if (!response.ok) throw new Error('HTTP ' + response.status);
    return response;
  }
  async function instantiateFromBuffer(imports, response) {
    const bytes = await (response || await fetchWasm()).arrayBuffer();
    setProgress(bytes.byteLength, bytes.byteLength);
    return WebAssembly.instantiate(bytes, imports);
  }
  // A page that starts in English (chosen on an earlier visit) needs its texts for
  // the first frame: fetched alongside the wasm (the build carries French only).
  const catalogue = english
    ? fetch(shell.catalogueUrl('en'), { credentials: 'same-origin' })
      .then((r) => (r.ok ? r.text() : null)).catch(() => null)
    : Promise.resolve(null);
  async function instantiateWithProgress(imports, done) {
    try {
      let result = null;
      const response = await fetchWasm();
      const canStream = typeof WebAssembly.instantiateStreaming === 'function' && response.body &&
        typeof ReadableStream === 'function';
      if (canStream) {
        const total = Number(response.headers.get('x-uncompressed-length') || response.headers.get('content-length')) || 0;
        let loaded = 0;
        const reader = response.body.getReader();
        const stream = new ReadableStream({
          async pull(controller) {
            const { done: finished, value } = await reader.read();
            if (finished) { controller.close(); setProgress(total || loaded, total || loaded); return; }
            loaded += value.byteLength;
            setProgress(loaded, Math.max(total, loaded));
            controller.enqueue(value);
          },
        });
        const tracked = new Response(stream, { headers: { 'Content-Type': 'application/wasm' } });
        try {
          result = await WebAssembly.instantiateStreaming(tracked, imports);
        } catch (err) {
          console.warn('streaming compilation failed, compiling from an ArrayBuffer', err);
          result = null;
        }
      }
      if (!result) result = await instantiateFromBuffer(imports, canStream ? null : response);
      window.__alinWasmReady = performance.now();
      const text = await catalogue;
      if (text != null) shell.preloadedCatalogues.en = text;
      done(result.instance, result.module);
    } catch (err) {
      console.error(err);
      window.AlinShell.fatal('load');
    }
  }

  // The build is split in two (wasm-split, cmake/web.cmake): what the first screen
  // runs, and the rest, fetched and compiled once the first frame is drawn. The
  // first call into the rest instantiates it (Emscripten calls loadSplitModule
  // from a placeholder, synchronously); called before the compilation is over, it
  // is fetched and compiled synchronously instead (correct, only slower).
  const { rest } = shell.loading;
  let restModule = null, restLoaded = false, prefetchFailed = false;
  const splitStats = (shell.split = { prefetched: false, syncLoads: 0, instantiatedAt: 0 });
  function prefetchRest() {
    const fetchRest = () => fetch(rest, { credentials: 'same-origin' });
    const fromBuffer = () => fetchRest().then((r) => r.arrayBuffer()).then((b) => WebAssembly.compile(b));
    // As for the first part (above): streaming compilation where it works, else from an ArrayBuffer.
    const compile = typeof WebAssembly.compileStreaming === 'function'
      ? WebAssembly.compileStreaming(fetchRest()).catch(fromBuffer) : fromBuffer();
    compile.then((m) => { restModule = restModule || m; splitStats.prefetched = true; })
      .catch((err) => {
        prefetchFailed = true;
        console.warn('prefetching ' + rest + ' failed: it is loaded when needed', err);
      });
  }
  function restBytesSync() {
    const xhr = new XMLHttpRequest();
    xhr.open('GET', rest, false);
    xhr.overrideMimeType('text/plain; charset=x-user-defined');   // bytes, through a synchronous request
    xhr.send();
    if (xhr.status !== 200) throw new Error(rest + ': HTTP ' + xhr.status);
    const text = xhr.responseText, bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
    return bytes;
  }
  function loadSplitModule(file, imports) {
    if (restLoaded) return null;
    if (!restModule) { splitStats.syncLoads++; restModule = new WebAssembly.Module(restBytesSync()); }
    const instance = new WebAssembly.Instance(restModule, imports);
    restLoaded = true;
    splitStats.instantiatedAt = performance.now();
    return instance;
  }
  let split = false;   // the glue imports placeholders: this build is split
  shell.afterFirstFrame.push(() => { if (split) prefetchRest(); });

  // Until the rest is compiled, a frame with new input (which may call into the
  // rest) is held back and the input stays queued: a synchronous load would block
  // the page on the network, and Firefox drops the clicks made during a synchronous
  // request. Frames without new input (the first screen's own) run. After 250 ms a
  // thin bar shows the wait; past HOLD_LIMIT_MS, or if the prefetch failed, frames
  // run again and the first call into the rest loads it synchronously.
  const HOLD_LIMIT_MS = 30000;
  let quietMark = null, heldSince = 0, busyBar = null;
  function showBusy(on) {
    if (on && !busyBar) {
      busyBar = document.createElement('div');
      busyBar.id = 'busy';
      busyBar.setAttribute('role', 'progressbar');
      busyBar.setAttribute('aria-label', LOADER.loading);
      document.body.appendChild(busyBar);
    } else if (!on && busyBar) {
      busyBar.remove();
      busyBar = null;
    }
  }
  function release(mark) {
    quietMark = mark;
    heldSince = 0;
    showBusy(false);
    return false;
  }
  shell.holdFrame = () => {
    if (!split || restLoaded) return false;
    const mark = shell.inputMark();
    if (restModule || prefetchFailed) return release(mark);
    if (quietMark === null || mark === quietMark) { quietMark = mark; return false; }
    const now = performance.now();
    heldSince = heldSince || now;
    if (now - heldSince > HOLD_LIMIT_MS) return release(mark);
    if (now - heldSince > 250) showBusy(true);
    return true;
  };

  window.Module = {
    canvas,
    loadSplitModule,
    noInitialRun: false,
    instantiateWasm(imports, successCallback) {
      split = !!imports.placeholder;
      instantiateWithProgress(imports, (instance, module) => successCallback(instance, module));
      return {};
    },
    print: (t) => console.log(t),
    printErr: (t) => console.warn(t),
    onAbort: () => window.AlinShell.fatal('load'),
  };
  setProgress(0, 0);
  // An engine without WebAssembly or WebGL 2 gets a clear message, never a blank
  // canvas (checked before downloading anything).
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    window.AlinShell.fatal('old');
    return;
  }
  if (!webgl2Available()) {
    window.AlinShell.fatal('webgl');
    return;
  }
  const script = document.createElement('script');
  script.src = build + '.js';
  script.async = true;
  script.onerror = () => window.AlinShell.fatal('load');
  document.body.appendChild(script);
})();
