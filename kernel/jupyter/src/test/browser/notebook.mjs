// The browser half of the real-browser test (run.sh starts the notebook server and calls this).
// It writes a notebook that builds the README's home network with the sandbox, opens it in the
// classic Jupyter Notebook UI in headless Chromium, runs all cells from the Cell menu and checks
// what a learner sees: the printed text, the topology and sequence diagrams as inline <svg>, a
// live progress bar of a long simulation run that ends at 100 %, the Tab completion popup, and
// the toolbar's interrupt button stopping `while (true) {}` with the next cell still running.
// Environment: BASE, TOKEN (the server), NB_DIR (its notebook directory), CHROMIUM, SHOT (the
// screenshot to write), PLAYWRIGHT_DIR (where npm installed playwright-core), MARK (an extra
// Chromium argument naming this run). Exit status 0 when every check passed.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`notebook.mjs needs the environment variable ${name} (run it through run.sh)`);
  return v;
};
const BASE = env('BASE'), TOKEN = env('TOKEN'), NB_DIR = env('NB_DIR'), SHOT = env('SHOT');
const { chromium } = createRequire(join(env('PLAYWRIGHT_DIR'), 'package.json'))('playwright-core');

const URL_ = 'http://59.6.66.238:8081/';
// One entry per code cell; Run All executes them in order.
const CELLS = [
  `var net = new Network(42);
var kt = net.isp("KT", "59.6.64.0/20").poolFrom("59.6.66.238");
var skt = net.isp("SKT", "223.38.0.0/16");
var home = net.homeRouter("공유기").connect(kt);
var laptop = home.join(net.host("laptop"), "192.168.0.4");
var phone = skt.subscribe(net.host("phone"));
laptop.webServer("apache", 80).page("/", "<h1>hello from the laptop</h1>");
System.out.println(phone.http().get("${URL_}").explain());`,
  `home.forward(TCP, 8081, laptop, 80);
var r = phone.http().get("${URL_}");
System.out.println("status " + r.status() + ": " + r.body());`,
  'net.topology()',
  'net.sequence().protocol("TCP")',
  // Four simulated browsers fetch the page again and again: 20 s of virtual time take about 4 s of
  // real time on a quiet 2-core machine with JDK 25 and about 9 s with JDK 17 (6 s had become too
  // quick to watch on JDK 25), well over the 1 s after which the kernel shows its live bar.
  `int[] answered = {0};
for (int c = 0; c < 4; c++) {
    phone.spawn("browser-" + c, () -> {
        while (true) {
            if (phone.http().get("${URL_}").status() == 200) answered[0]++;
        }
    });
}
net.runFor(java.time.Duration.ofSeconds(20));
System.out.println("requests answered: " + answered[0]);`,
];

const started = Date.now();
const secs = () => ((Date.now() - started) / 1000).toFixed(1);
let failures = 0;
const problems = [];

function check(ok, what, detail = '') {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${!ok && detail ? `\n     ${detail}` : ''}  (${secs()} s)`);
  if (!ok) failures++;
  return ok;
}

function writeNotebook() {
  const cells = [{ cell_type: 'markdown', metadata: {}, source: '# Portolan browser test' }];
  for (const source of CELLS) {
    cells.push({ cell_type: 'code', metadata: {}, source, outputs: [], execution_count: null });
  }
  const nb = {
    nbformat: 4, nbformat_minor: 4, cells,
    metadata: {
      kernelspec: { name: 'portolan', display_name: 'Java (Portolan)', language: 'java' },
      language_info: { name: 'java' },
    },
  };
  writeFileSync(join(NB_DIR, 'browser-test.ipynb'), JSON.stringify(nb, null, 1));
}

const browser = await chromium.launch({
  executablePath: env('CHROMIUM'),
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic',
    '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1', env('MARK')],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
page.setDefaultTimeout(30_000);
// Nothing may leave the machine: every request to another host than the server is refused.
await page.route('**/*', (route) => {
  if (new URL(route.request().url()).hostname === '127.0.0.1') return route.continue();
  problems.push(`blocked request to ${route.request().url()}`);
  return route.abort();
});
page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
// The classic Notebook always asks for the ipywidgets extension and, when it is not installed (it is
// not part of this test), warns "Widgets are not available" itself; Chromium reports that request's
// 404 and the refused HTML answer as errors. Only that one URL is excused.
const WIDGETS_PROBE = '/nbextensions/widgets/notebook/js/extension.js';
page.on('console', (m) => {
  if (m.type() !== 'error') return;
  // MathJax 2's blank font is an about:blank URL that Chromium reports as an error: harmless.
  if (/MathJax|about:blank|ERR_FAILED/.test(m.text())) return;
  if (m.text().includes(WIDGETS_PROBE) || (m.location().url || '').includes(WIDGETS_PROBE)) return;
  problems.push(`console error: ${m.text()}${m.location().url ? ` (${m.location().url})` : ''}`);
});

const cell = (i) => page.locator('#notebook-container .cell').nth(i);
const prompt = (i) => cell(i).locator('.input_prompt').innerText();

/** Types code into a new cell below the last one and runs it with Ctrl+Enter; returns its index. */
async function runNewCell(code) {
  const index = await page.locator('#notebook-container .cell').count();
  await newCell();
  await page.keyboard.type(code);
  await page.keyboard.press('Control+Enter');
  return index;
}

async function newCell() {
  await page.keyboard.press('Escape');
  await cell(-1).locator('.input_prompt').click();
  await page.keyboard.press('Escape');
  await page.keyboard.press('b');
  await page.keyboard.press('Enter');
}

async function dumpOutputs() {
  const texts = await page.locator('#notebook-container .cell').evaluateAll((cells) => cells.map((c, i) => {
    const p = c.querySelector('.input_prompt');
    const out = c.querySelector('.output_wrapper');
    return `[${i}] ${p ? p.innerText.trim() : '(markdown)'}\n${out ? out.innerText.trim().slice(0, 1500) : ''}`;
  }));
  console.log('---- what the page shows, cell by cell:\n' + texts.join('\n'));
}

try {
  writeNotebook();
  await page.goto(`${BASE}/notebooks/browser-test.ipynb?token=${TOKEN}`);
  await page.locator('#kernel_indicator_icon.kernel_idle_icon').waitFor({ state: 'attached', timeout: 60_000 });
  check(true, 'the notebook page opened and the Portolan kernel started');

  await page.click('#celllink');
  await page.click('#run_all_cells');

  // 1: the network cells print what the README promises.
  const explain = cell(1).locator('.output_subarea.output_stream');
  await explain.waitFor({ timeout: 60_000 });
  check(/no port-forward rule for TCP 8081/.test(await explain.innerText()),
    'cell 1 explains that the packet died at the home router', await explain.innerText());
  const status = cell(2).locator('.output_subarea.output_stream');
  await status.waitFor();
  check(/status 200: <h1>hello from the laptop<\/h1>/.test(await status.innerText()),
    'cell 2 gets the laptop\'s page through the port forward', await status.innerText());

  // 2: the diagrams are inline SVG with the hosts in them, not text.
  for (const [i, what, word] of [[3, 'topology', 'laptop'], [4, 'sequence diagram', 'phone']]) {
    const svg = cell(i).locator('.output_svg svg');
    await svg.waitFor();
    const info = await svg.evaluate((s) => ({ text: s.textContent, shapes: s.querySelectorAll('rect, line, path, circle, polyline').length,
      width: s.getBoundingClientRect().width,
      // The page's own CSS (Bootstrap's .label, .small ...) must not repaint the picture's text
      // in the page's background colour: every label has to stay readable on the white page.
      invisible: [...s.querySelectorAll('text')].filter((t) => ['rgb(255, 255, 255)', 'none', 'transparent']
        .includes(getComputedStyle(t).fill)).map((t) => t.textContent).slice(0, 5) }));
    check(info.text.includes(word) && info.shapes > 2 && info.width > 50,
      `cell ${i}: the ${what} is an <svg> element (${info.shapes} shapes, ${Math.round(info.width)} px wide)`, JSON.stringify(info).slice(0, 500));
    check(info.invisible.length === 0, `cell ${i}: every text of the ${what} is painted in a visible colour`,
      'white or unpainted text: ' + JSON.stringify(info.invisible));
  }

  // 3: the long run shows a live bar, updated in place, that ends at 100 % done.
  const bar = cell(5).locator('.output_html progress');
  await bar.waitFor({ timeout: 30_000 });
  const seen = new Set();
  let live = 0;
  while ((await prompt(5)).includes('*')) {
    const v = await bar.first().getAttribute('value').catch(() => null);
    if (v !== null) { seen.add(v); live++; }
    await page.waitForTimeout(100);
  }
  check(live > 0 && seen.size >= 2, `cell 5: the progress bar was live while the run went on (values seen: ${[...seen].join(', ')})`);
  const bars = await bar.count();
  const barText = await cell(5).locator('.output_html').last().innerText();
  check(bars === 1 && await bar.getAttribute('value') === '100' && /100 % done/.test(barText),
    'cell 5: one bar, updated by display id, ending at "100 % done"', `${bars} bars, last text: ${barText}`);
  const answered = await cell(5).locator('.output_subarea.output_stream').innerText();
  check(/requests answered: [1-9][0-9]*/.test(answered), `cell 5: ${answered.trim()}`, answered);
  check(await page.locator('#notebook-container .output_error').count() === 0, 'Run All showed no error output');

  // 4: Tab completion pops up the members of a sandbox object.
  const completing = await page.locator('#notebook-container .cell').count();
  await newCell();
  await page.keyboard.type('net.');
  await page.keyboard.press('Tab');
  const options = page.locator('#complete select option');
  await options.first().waitFor();
  const names = await options.allInnerTexts();
  check(names.some((n) => n.startsWith('topology')) && names.some((n) => n.startsWith('sequence')),
    `Tab after "net." pops up ${names.length} completions, topology and sequence among them`, names.join(' '));
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await cell(completing).locator('.input_prompt').click(); // select it in command mode, then delete it
  await page.keyboard.press('d');
  await page.keyboard.press('d');

  // 5: the toolbar's interrupt button stops a busy loop; the kernel keeps the variables.
  const spinning = await runNewCell('System.out.println("spinning"); while (true) {}');
  await cell(spinning).locator('.output_stream').filter({ hasText: 'spinning' }).waitFor();
  await page.locator('#kernel_indicator_icon.kernel_busy_icon').waitFor({ state: 'attached' });
  const clicked = Date.now();
  await page.click('button[data-jupyter-action="jupyter-notebook:interrupt-kernel"]');
  const error = cell(spinning).locator('.output_error');
  await error.waitFor();
  const errorText = await error.innerText();
  check(/interrupt/i.test(errorText), `the interrupt button stopped while (true) {} in ${Date.now() - clicked} ms`, errorText);
  const after = await runNewCell('System.out.println("after the interrupt: " + phone.http().get("' + URL_ + '").status());');
  const afterOut = cell(after).locator('.output_stream');
  await afterOut.waitFor();
  check(/after the interrupt: 200/.test(await afterOut.innerText()), 'the next cell runs, with the network still defined',
    await afterOut.innerText());

  check(problems.length === 0, 'no page errors, console errors or blocked requests', problems.join('\n     '));
} catch (e) {
  check(false, 'the browser test stopped on an error', e.stack || String(e));
} finally {
  try {
    // The notebook scrolls inside #site, not the page: a viewport as tall as the notebook shows it all.
    const height = await page.evaluate(() => {
      const site = document.querySelector('#site');
      return site ? site.getBoundingClientRect().top + site.scrollHeight : 900;
    });
    await page.setViewportSize({ width: 1280, height: Math.min(Math.max(900, Math.ceil(height) + 40), 10_000) });
    await page.waitForTimeout(200);
    await page.screenshot({ path: SHOT, fullPage: true });
    if (failures > 0) await dumpOutputs();
  } catch (e) {
    console.log(`could not take the screenshot or read the page: ${e.message}`);
  }
  // The kernel outlives the tab: shut its session down (run.sh also stops the server).
  try {
    const headers = { Authorization: `token ${TOKEN}` };
    const sessions = await (await fetch(`${BASE}/api/sessions`, { headers })).json();
    for (const s of sessions) await fetch(`${BASE}/api/sessions/${s.id}`, { method: 'DELETE', headers });
  } catch (e) {
    console.log(`could not shut the kernel session down: ${e.message}`);
  }
  await browser.close();
}
console.log(`${failures === 0 ? 'PASS' : `FAIL: ${failures} check(s) failed`} in ${secs()} s`);
process.exit(failures === 0 ? 0 : 1);
