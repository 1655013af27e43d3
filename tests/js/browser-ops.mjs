// A real Chromium against a running gateway: a tenant speaks a sentence on /try and listens to it to the end,
// an admin signs in at /login and sees the job and the tenant's use of the day on /ops, and /dashboard renders for the same session.
// Usage: BASE_URL=http://127.0.0.1:8080 ADMIN_KEY=… TENANT_KEY=… SCREENSHOT_DIR=/tmp/shots node browser-ops.mjs
// Optional: CHROMIUM=/usr/bin/chromium. Exits 0 when every check passed, 1 with the failed step named otherwise.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const baseUrl = process.env.BASE_URL;
const adminKey = process.env.ADMIN_KEY;
const tenantKey = process.env.TENANT_KEY;
const screenshots = process.env.SCREENSHOT_DIR;
if (!baseUrl || !adminKey || !tenantKey || !screenshots) {
  console.error('usage: BASE_URL=… ADMIN_KEY=… TENANT_KEY=… SCREENSHOT_DIR=… node browser-ops.mjs');
  process.exit(2);
}
mkdirSync(screenshots, { recursive: true });

const SENTENCE = 'The operator page shows this job while the browser plays it back.';
let step = 'launching chromium';
const log = (message) => console.log(`[browser-ops] ${message}`);
const check = (ok, message) => {
  if (!ok) throw new Error(message);
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--autoplay-policy=no-user-gesture-required'],
});
const pageErrors = [];
try {
  const tenant = await browser.newContext({ baseURL: baseUrl });
  const admin = await browser.newContext({ baseURL: baseUrl });

  step = 'opening /try';
  const tryPage = await tenant.newPage();
  tryPage.on('pageerror', (error) => pageErrors.push(`/try: ${error.message}`));
  await tryPage.goto('/try');
  await tryPage.fill('#key', tenantKey);
  await tryPage.dispatchEvent('#key', 'change');
  step = 'loading the models and voices on /try';
  await tryPage.waitForFunction(() => document.querySelectorAll('#model option').length > 0
    && document.querySelectorAll('#voice option').length > 0, null, { timeout: 15_000 });
  await tryPage.fill('#text', SENTENCE);

  step = 'submitting the job on /try';
  await tryPage.click('#submit');
  await tryPage.waitForFunction(() => document.getElementById('job-id').textContent.length > 0, null, { timeout: 15_000 });
  const jobId = await tryPage.textContent('#job-id');
  log(`job ${jobId} submitted`);

  step = 'signing in at /login (redirected from /ops)';
  const opsPage = await admin.newPage();
  opsPage.on('pageerror', (error) => pageErrors.push(`/ops: ${error.message}`));
  await opsPage.goto('/ops');
  check(new URL(opsPage.url()).pathname === '/login', `/ops without a session should redirect to /login, got ${opsPage.url()}`);
  await opsPage.fill('#key', adminKey);
  await Promise.all([opsPage.waitForURL('**/ops'), opsPage.click('button[type=submit]')]);

  step = `waiting for job ${jobId} on /ops`;
  await opsPage.waitForSelector(`tr[data-job-id="${jobId}"]`, { timeout: 30_000 });
  log('the job is listed on /ops');

  step = 'waiting for the tenant\'s characters of today on /ops';
  await opsPage.waitForFunction((length) => [...document.querySelectorAll('#tenants tr[data-tenant-id]')]
    .some((row) => Number(row.dataset.characters) >= length), SENTENCE.length, { timeout: 30_000 });
  log('/ops lists the tenant among today\'s tenants with the job\'s characters');

  step = 'waiting for /ops to show the fleet scaling up for the job (the pool starts at zero workers)';
  await opsPage.waitForSelector('tr[data-action="scale-up"][data-pool="espeak"]', { timeout: 60_000 });
  await opsPage.waitForSelector('tr[data-worker-pool="espeak"][data-worker-state="ready"]', { timeout: 90_000 });
  log('/ops shows the scale-up decision and a ready espeak worker');

  step = 'waiting for the audio on /try';
  await tryPage.waitForFunction(() => document.getElementById('player').src.startsWith('blob:')
    || document.getElementById('status').className === 'error', null, { timeout: 120_000 });
  const status = await tryPage.textContent('#status');
  check(await tryPage.$eval('#player', (audio) => audio.src.startsWith('blob:')), `the try page did not get audio: ${status}`);

  step = 'playing the audio to its end';
  const played = await tryPage.$eval('#player', (audio) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ended after 60 s (at ${audio.currentTime} of ${audio.duration} s)`)), 60_000);
    audio.addEventListener('ended', () => { clearTimeout(timer); resolve({ ended: true, duration: audio.duration }); }, { once: true });
    audio.addEventListener('error', () => { clearTimeout(timer); reject(new Error(`media error ${audio.error?.code}`)); }, { once: true });
    audio.play().catch(reject);
  }));
  check(played.ended && played.duration > 0, `the audio did not play: ${JSON.stringify(played)}`);
  log(`played ${played.duration.toFixed(2)} s of audio to the end`);
  await tryPage.screenshot({ path: join(screenshots, 'try.png'), fullPage: true });

  step = `waiting for job ${jobId} to show as succeeded on /ops`;
  await opsPage.waitForSelector(`tr[data-job-id="${jobId}"][data-status="succeeded"]`, { timeout: 30_000 });
  await opsPage.waitForFunction(() => document.querySelectorAll('#chart polyline').length === 2, null, { timeout: 30_000 });
  await opsPage.screenshot({ path: join(screenshots, 'ops.png'), fullPage: true });

  step = 'opening /dashboard with the admin session';
  const dashboard = await admin.newPage();
  const response = await dashboard.goto('/dashboard');
  check(response?.ok(), `/dashboard answered ${response?.status()} at ${dashboard.url()}`);
  check(new URL(dashboard.url()).pathname !== '/login', '/dashboard sent the signed-in admin to /login');
  await dashboard.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => {});
  const text = (await dashboard.textContent('body')) ?? '';
  check(text.trim().length > 0, '/dashboard rendered an empty page');
  log('/dashboard rendered');
  await dashboard.screenshot({ path: join(screenshots, 'dashboard.png'), fullPage: true });

  check(pageErrors.length === 0, `script errors on the pages: ${pageErrors.join('; ')}`);
  log(`all checks passed; screenshots in ${screenshots}`);
} catch (error) {
  console.error(`[browser-ops] FAILED while ${step}: ${error.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
