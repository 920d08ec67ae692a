// Role and accessible-name lookup that runs inside the page, the same in every
// engine (the Firefox and WebKit drivers have no getByRole). It reads the DOM the
// semantic layer builds: explicit role attributes and the implicit roles of
// button, a, input, h1-h6, ul/li, nav, main...; the accessible name from
// aria-labelledby, aria-label, <label>, then the text content. Names are compared
// with their white space normalised (U+00A0 and U+202F count as spaces).
//
// A spec: { role, name, exact, level, label, text, hasText, within, nth }
//   role + name: like Playwright's getByRole (string: case-insensitive substring,
//   exact: whole name; regex: { re, flags }); label: an input named so;
//   text: the innermost element whose text matches; hasText: keep elements whose
//   text matches; within: a spec the element must be inside; nth: index (0).
// Serialised as a string and evaluated in the page (no injected <script>: the CSP).
export const FIND_SOURCE = String(function alinFind(spec, all) {
  const norm = (s) => String(s || '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();
  const matcher = (m, exact) => {
    if (m === undefined || m === null) return () => true;
    if (typeof m === 'object' && m.re !== undefined) {
      const re = new RegExp(m.re, m.flags || '');
      return (s) => re.test(s);
    }
    const want = norm(m);
    return exact ? (s) => s === want : (s) => s.toLowerCase().includes(want.toLowerCase());
  };
  const hidden = (el) => {
    if (el.closest('[inert],[aria-hidden="true"],[hidden]')) return true;
    if (!el.getClientRects().length) return true;
    const st = getComputedStyle(el);
    return st.visibility === 'hidden' || st.display === 'none';
  };
  const implicitRole = (el) => {
    const explicit = el.getAttribute('role');
    if (explicit) return explicit.split(' ')[0];
    const tag = el.tagName.toLowerCase();
    if (tag === 'button') return 'button';
    if (tag === 'a' && el.hasAttribute('href')) return 'link';
    if (/^h[1-6]$/.test(tag)) return 'heading';
    if (tag === 'ul' || tag === 'ol') return 'list';
    if (tag === 'li') return 'listitem';
    if (tag === 'nav') return 'navigation';
    if (tag === 'main') return 'main';
    if (tag === 'dialog') return 'dialog';
    if (tag === 'textarea') return 'textbox';
    if (tag === 'select') return 'combobox';
    if (tag === 'input') {
      const t = (el.getAttribute('type') || 'text').toLowerCase();
      if (t === 'checkbox') return 'checkbox';
      if (t === 'radio') return 'radio';
      if (t === 'button' || t === 'submit' || t === 'reset') return 'button';
      if (t === 'password' || t === 'hidden') return null;   // no role (Playwright: getByLabel)
      return 'textbox';
    }
    return null;
  };
  const textOf = (el) => norm(el.textContent);
  const nameOf = (el) => {
    const by = el.getAttribute('aria-labelledby');
    if (by) {
      const t = by.split(/\s+/).map((id) => document.getElementById(id)).filter(Boolean).map(textOf).join(' ');
      if (norm(t)) return norm(t);
    }
    const aria = el.getAttribute('aria-label');
    if (aria && norm(aria)) return norm(aria);
    if (el.labels && el.labels.length) return norm([...el.labels].map(textOf).join(' '));
    const tag = el.tagName.toLowerCase();
    if (tag === 'input' || tag === 'textarea' || tag === 'select') return norm(el.getAttribute('title') || el.getAttribute('placeholder') || '');
    const role = implicitRole(el);
    // Roles named from their content.
    if (['button', 'link', 'heading', 'tab', 'option', 'listitem', 'checkbox', 'radio', 'menuitem', 'cell', 'status', 'alert'].includes(role) ||
        ['button', 'a', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'].includes(tag)) return textOf(el);
    return norm(el.getAttribute('title') || '');
  };
  const scopes = (s) => {
    if (!s) return [document];
    return alinFind(s, true);
  };
  const roots = scopes(spec.within);
  let out = [];
  for (const root of roots) {
    const els = root.querySelectorAll ? root.querySelectorAll('*') : [];
    if (spec.text !== undefined) {
      const m = matcher(spec.text, spec.exact);
      const hits = [...els].filter((el) => !['SCRIPT', 'STYLE', 'HTML', 'BODY'].includes(el.tagName) && !hidden(el) && m(textOf(el)));
      // The innermost: drop an element that holds another hit.
      out.push(...hits.filter((el) => !hits.some((o) => o !== el && el.contains(o))));
      continue;
    }
    const nm = matcher(spec.label !== undefined ? spec.label : spec.name, spec.exact);
    for (const el of els) {
      if (spec.label !== undefined) {
        if (!['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName)) continue;
      } else if (implicitRole(el) !== spec.role) continue;
      if (spec.level && el.tagName !== 'H' + spec.level && Number(el.getAttribute('aria-level')) !== spec.level) continue;
      if (hidden(el)) continue;
      if (!nm(nameOf(el))) continue;
      out.push(el);
    }
  }
  if (spec.hasText !== undefined) {
    const m = matcher(spec.hasText, false);
    out = out.filter((el) => m(textOf(el)));
  }
  if (all) return out;
  return out[spec.nth || 0] || null;
});

// The state of what a spec names, for waits and assertions (in the page).
export const INFO_SOURCE = String(function alinInfo(spec) {
  // eslint-disable-next-line no-undef
  const els = alinFind(spec, true);
  const el = els[spec.nth || 0];
  const norm = (s) => String(s || '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();
  if (!el) return { count: els.length };
  return {
    count: els.length,
    text: norm(el.textContent),
    name: norm(el.getAttribute('aria-label') || el.textContent),
    value: 'value' in el ? el.value : null,
    disabled: !!el.disabled,
    checked: !!el.checked,
    attrs: Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])),
    names: els.map((e) => norm(e.getAttribute('aria-label') || e.textContent)),
  };
});

// A spec with regexes made serialisable.
export function encodeSpec(spec) {
  const out = {};
  for (const [k, v] of Object.entries(spec)) {
    if (v instanceof RegExp) out[k] = { re: v.source, flags: v.flags };
    else if (k === 'within' && v) out[k] = encodeSpec(v);
    else out[k] = v;
  }
  return out;
}

// A function source that defines alinFind and runs `body` (a function source) with the spec.
export function inPage(body, arg) {
  return `(() => { const alinFind = ${FIND_SOURCE}; const alinInfo = ${INFO_SOURCE}; const alinClickable = ${CLICKABLE_SOURCE}; return (${body})(${JSON.stringify(arg)}); })()`;
}

// Whether the element can take a click now (in the page): present, enabled, its
// box unchanged over two animation frames (the app lays the mirrors out every
// frame: a panel still opening moves them), and, when on screen, the topmost
// element at its centre. Playwright checks the same before its clicks.
export const CLICKABLE_SOURCE = String(async function alinClickable(spec) {
  // eslint-disable-next-line no-undef
  const el = alinFind(spec);
  if (!el) return 'absent';
  if (el.disabled) return 'disabled';
  const box = () => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.width, r.height].map(Math.round).join(','); };
  const r0 = el.getBoundingClientRect();
  // Off screen, or outside the visible part of the scrolled content (above a kiosk's
  // on-screen keyboard, the content is shorter than the screen).
  const clip = el.closest('.sem-clip')?.getBoundingClientRect();
  if (r0.top < 0 || r0.bottom > innerHeight || r0.left < 0 || r0.right > innerWidth ||
      (clip && (r0.top < clip.top || r0.bottom > clip.bottom))) {
    // Scrolled here, then clicked once the app has followed (next calls): a click
    // during the scroll lands where the element was.
    el.scrollIntoView({ block: 'center', inline: 'nearest' });
    return 'scrolled into view';
  }
  const before = box();
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  if (box() !== before) return 'moving';
  const r = el.getBoundingClientRect();
  const x = r.left + r.width / 2, y = r.top + Math.min(r.height / 2, 10);
  const top = document.elementFromPoint(x, y);
  if (top && top !== el && !el.contains(top) && top.id !== 'canvas') return 'covered by ' + top.tagName + ' ' + (top.dataset?.semId || '');
  return 'ok';
});
