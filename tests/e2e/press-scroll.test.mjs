// Clicks while the page catches up with a scroll. Seen under load (the offers'
// "3 pièces" uncheck, the resources journey, the a11y dialog's opener): a click
// lost after the browser had scrolled its target into view. The mirrors moved
// between the press and the release, a frame or two after the browser's scroll:
// - scrollIntoView centring a control near the top scrolled the DOM above the
//   content, and the shell pulled it back to offset 0 (every mirror moved);
// - near the bottom the footer's mirror went 8 px past the content's end, the
//   same pull back;
// - keyboard focus: the browser centred the control, then the app revealed it
//   at 40 % of the view, and the DOM followed the app.
// The slow press below (frames between the press and the release, as on a slow
// phone or a loaded machine) loses the click whenever its mirror moves.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, withScreenOnFailure } from './harness.mjs';

const ROUNDS = Number(process.env.ALIN_PRESS_ROUNDS || 20);
const THROTTLE = Number(process.env.ALIN_PRESS_THROTTLE || 4);

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

const frames = (page, n) => page.evaluate((k) => new Promise((resolve) => {
  const step = () => (k-- > 0 ? requestAnimationFrame(step) : resolve());
  step();
}), n);

// The app's own state of a checkbox (the last patch it sent), not the DOM's.
const appState = (page, id) => page.evaluate((i) => !!window.AlinShell.semantics.nodes.get(i)?.__n?.c, id);
async function appChecked(page, id, want, timeout = 5000) {
  try {
    await page.waitForFunction(([i, w]) => !!window.AlinShell.semantics.nodes.get(i)?.__n?.c === w, [id, want], { timeout });
    return true;
  } catch {
    return false;
  }
}

// Where the mirror of `id` stands on screen, right after `how` brought it into
// view ('center': scrollIntoView as Playwright's retries and assistive technology
// do; 'focus': keyboard focus) and again `settle` frames later.
const bringIntoView = (page, id, how, settle) => page.evaluate(async ([i, h, s]) => {
  const el = window.AlinShell.semantics.nodes.get(i);
  if (h === 'focus') el.focus(); else el.scrollIntoView({ block: 'center' });
  const r = el.getBoundingClientRect();
  const at = { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  for (let k = 0; k < s; k++) await new Promise((resolve) => requestAnimationFrame(resolve));
  return { at, after: el.getBoundingClientRect().y + r.height / 2 };
}, [id, how, settle]);

// A press that lasts a few frames, aimed at where the browser has just put the control.
async function slowPress(page, id, how = 'center') {
  const { at } = await bringIntoView(page, id, how, 0);
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  await frames(page, 3);
  await page.mouse.up();
}

// Far apart in a list of `count`, alternately near the bottom and near the top:
// every control needs the container scrolled by thousands of pixels first.
function farOrder(count, rounds) {
  const out = [];
  for (let k = 0; out.length < rounds; k++) {
    out.push(count - 1 - ((k * 7) % (count / 2)));
    if (out.length < rounds) out.push((k * 5) % (count / 2));
  }
  return out;
}

// Clicks each checkbox id of `ids`; returns the clicks the app never took, with
// the shell's last events.
async function clickAll(page, ids, click) {
  const lost = [];
  for (const id of ids) {
    const before = await appState(page, id);
    let error = '';
    try { await click(id); } catch (e) { error = ' (' + e.message.split('\n')[0] + ')'; }
    if (!(await appChecked(page, id, !before))) {
      lost.push(`${id}${error}: ` + (await page.evaluate(() => window.AlinShell.semantics.recent.slice(-5).join(' | '))));
    }
  }
  return lost;
}

const bench = () => openApp(browser, server.url, '#/banc-d-essai', { query: '?bench=1' });

test('a control the browser brings into view stays where it put it (scrollIntoView, keyboard focus)', async (t) => {
  const { page, context, errors } = await bench();
  try {
    await withScreenOnFailure(page, 'press-scroll-still', async () => {
      await page.getByRole('checkbox', { name: 'Case 0', exact: true }).waitFor();
      const moved = [];
      const targets = ['bench.c99', 'bench.c0', 'bench.b0', 'bench.c50', 'footer.contact', 'bench.b1', 'bench.c90', 'bench.c10'];
      for (const how of ['center', 'focus']) {
        for (const id of targets) {
          const { at, after } = await bringIntoView(page, id, how, 8);
          if (Math.abs(after - at.y) > 1) moved.push(`${how} ${id}: ${Math.round(at.y)} -> ${Math.round(after)}`);
        }
      }
      t.diagnostic(`${moved.length} of ${2 * targets.length} moved`);
      assert.deepEqual(moved, [], 'mirrors moved after the browser placed them');
    });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

for (const [label, click] of [
  ['a slow press where the browser scrolled it', (page) => (id) => slowPress(page, id)],
  ['keyboard focus, then a slow press where it is', (page) => (id) => slowPress(page, id, 'focus')],
  // The app moving the content by itself during the press (here its scroll, as a
  // reply reflowing the page would): the mirrors wait for the click.
  ['the wheel turned during a slow press', (page) => async (id) => {
    const { at } = await bringIntoView(page, id, 'center', 4);
    await page.mouse.move(at.x, at.y);
    await page.mouse.down();
    await page.mouse.wheel(0, id.endsWith('0') ? 300 : -300);
    await frames(page, 3);
    await page.mouse.up();
  }],
]) {
  test(`every click reaches its checkbox, far down or up the list, CPU ${THROTTLE}x slower: ${label}`, async (t) => {
    const { page, context, errors } = await bench();
    try {
      await withScreenOnFailure(page, 'press-scroll-clicks', async () => {
        await page.getByRole('checkbox', { name: 'Case 0', exact: true }).waitFor();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
        const ids = farOrder(100, ROUNDS).map((i) => `bench.c${i}`);
        const lost = await clickAll(page, ids, click(page));
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
        t.diagnostic(`${lost.length} of ${ids.length} clicks lost`);
        assert.deepEqual(lost, [], `${lost.length} of ${ids.length} clicks lost`);
      });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
}

// The journey where the click was lost: "Afficher" below the filters (the list
// reloads, the page is scrolled down to it), then the rooms chips back up.
test('offers: the rooms chips toggle every time between searches, with a slow press', async (t) => {
  const { page, context, errors } = await openApp(browser, server.url, '#/connexion', { query: '?demo=1' });
  try {
    await withScreenOnFailure(page, 'press-scroll-offers', async () => {
      await page.getByRole('textbox', { name: 'E-mail' }).fill('anne.porte@example.fr');
      await page.getByLabel('Mot de passe', { exact: true }).fill('Logement2026');
      await page.getByRole('button', { name: 'JE ME CONNECTE' }).click();
      await page.getByRole('link', { name: 'Les offres' }).first().click();
      await page.getByText(/offres? pour (?:laquelle|lesquelles) vous êtes éligible/).first().waitFor();
      const lost = [];
      const rounds = Math.min(ROUNDS, 10);
      for (let k = 0; k < rounds; k++) {
        await page.getByRole('button', { name: 'Afficher' }).click();
        // The reloaded list first (it reflows the page): the press aims at a page at rest.
        await page.waitForFunction(() => window.AlinShell.semantics.nodes.get('offers.list'));
        await page.getByText(/offres? pour (?:laquelle|lesquelles) vous êtes éligible/).first().waitFor();
        await frames(page, 4);
        await page.mouse.move(640, 600);
        await page.mouse.wheel(0, 900);
        lost.push(...await clickAll(page, [`offers.rooms${2 + (k % 2)}`], (id) => slowPress(page, id)));
      }
      t.diagnostic(`${lost.length} of ${rounds} clicks lost`);
      assert.deepEqual(lost, [], `${lost.length} of ${rounds} clicks lost`);
    });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
