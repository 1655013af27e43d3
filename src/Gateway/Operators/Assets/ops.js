// The operator page: polls the admin JSON endpoints every 2 s with the session cookie and redraws.
'use strict';

const REFRESH_MS = 2000;
const $ = (id) => document.getElementById(id);

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value !== undefined && value !== null) node.setAttribute(name, value);
  }
  for (const child of children) node.append(child instanceof Node ? child : String(child ?? ''));
  return node;
}

const time = (iso) => (iso ? new Date(iso).toLocaleTimeString() : '');
const num = (value, digits = 0) => (value ?? 0).toLocaleString(undefined, { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function getJson(path) {
  const response = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (response.status === 401) {
    location.assign('/login?returnUrl=' + encodeURIComponent('/ops'));
    throw new Error('signed out');
  }
  if (!response.ok) throw new Error(`${path}: ${response.status} ${(await response.text()).slice(0, 200)}`);
  return response.json();
}

function fill(tbody, rows, empty, columns) {
  tbody.replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { colspan: columns, class: 'muted' }, empty))]));
}

function drawQueue(queue) {
  fill($('queue'), queue.pools.map((p) => el('tr', {},
    el('td', {}, p.pool), el('td', { class: 'num' }, p.queued), el('td', { class: 'num' }, p.leased),
    el('td', { class: 'num' }, num(p.oldestWaitSeconds, 1)), el('td', { class: 'num' }, num(p.estimatedSeconds, 1)))),
  'no pools', 5);
}

function drawFleet(fleet) {
  const budget = fleet.budgetUsdPerHour == null ? 'no budget' : `budget $${num(fleet.budgetUsdPerHour, 2)}/hour`;
  $('cost').textContent = `— $${num(fleet.costPerHourUsd, 2)}/hour of ${budget} (${fleet.provider})`;
  fill($('fleet'), fleet.workers.map((w) => el('tr', { 'data-worker-pool': w.pool, 'data-worker-state': w.state },
    el('td', {}, w.id), el('td', {}, w.pool), el('td', { class: `state-${w.state}` }, w.state), el('td', {}, time(w.since)),
    el('td', { class: 'num' }, w.leased), el('td', { class: 'num' }, num(w.costPerHourUsd, 2)),
    el('td', {}, w.providerId ?? ''), el('td', { class: 'wrap' }, w.reason ?? ''))),
  'no workers: the scaler starts them when work arrives', 8);
}

function drawJobs(jobs) {
  fill($('jobs'), jobs.items.map((j) => el('tr', { 'data-job-id': j.id, 'data-status': j.status },
    el('td', {}, el('code', {}, j.id)), el('td', {}, j.tenantName), el('td', { class: `status-${j.status}` }, j.status),
    el('td', {}, el('progress', { max: j.progress.chunksTotal, value: j.progress.chunksDone }), ` ${j.progress.chunksDone}/${j.progress.chunksTotal}`),
    el('td', {}, j.model), el('td', { class: 'num' }, j.characters), el('td', {}, time(j.createdAt)), el('td', {}, time(j.finishedAt)))),
  'no jobs yet', 8);
}

const quota = (limit) => (limit == null ? '' : num(limit));

function drawTenants(today) {
  fill($('tenants'), today.items.map((t) => el('tr', { 'data-tenant-id': t.tenantId, 'data-characters': t.characters },
    el('td', {}, t.name), el('td', { class: 'num' }, num(t.characters)),
    el('td', { class: 'num' }, t.charactersPerDay == null ? '' : `${num((100 * t.characters) / Math.max(1, t.charactersPerDay))}% of ${num(t.charactersPerDay)}`),
    el('td', { class: 'num' }, num(t.jobs)), el('td', { class: 'num' }, num(t.audioSeconds, 1)), el('td', { class: 'num' }, num(t.costUsd, 4)),
    el('td', { class: 'num' }, quota(t.charactersPerMonth)), el('td', { class: 'num' }, quota(t.concurrentJobs)),
    el('td', { class: 'num' }, quota(t.maxJobCharacters)))),
  'no tenant has used anything today', 9);
}

function drawEvents(events) {
  fill($('events'), events.events.map((e) => el('tr', { 'data-action': e.action, 'data-pool': e.pool },
    el('td', {}, time(e.at)), el('td', {}, e.pool), el('td', {}, e.action), el('td', { class: 'num' }, e.from),
    el('td', { class: 'num' }, e.to), el('td', { class: 'wrap' }, e.reason))),
  'no decisions yet', 6);
}

const SVG = 'http://www.w3.org/2000/svg';
function svg(tag, attributes, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

// Backlog (left axis) and workers (right axis) against time over the last hour, each scaled to its own maximum.
function drawChart(history) {
  const chart = $('chart');
  const [width, height, left, right, top, bottom] = [640, 200, 40, 36, 10, 22];
  const now = Date.now();
  const start = now - 60 * 60 * 1000;
  const points = history.samples.map((s) => ({
    t: Date.parse(s.at),
    backlog: s.pools.reduce((sum, p) => sum + p.queued + p.leased, 0),
    workers: s.pools.reduce((sum, p) => sum + p.starting + p.ready, 0),
  }));
  const maxBacklog = Math.max(1, ...points.map((p) => p.backlog));
  const maxWorkers = Math.max(1, ...points.map((p) => p.workers));
  const x = (t) => left + ((t - start) / (now - start)) * (width - left - right);
  const y = (value, max) => top + (1 - value / max) * (height - top - bottom);
  const line = (key, max, step) => points.map((p, i) => {
    const here = `${x(p.t).toFixed(1)},${y(p[key], max).toFixed(1)}`;
    return step && i > 0 ? `${x(p.t).toFixed(1)},${y(points[i - 1][key], max).toFixed(1)} ${here}` : here;
  }).join(' ');

  const parts = [
    svg('line', { class: 'axis', x1: left, y1: height - bottom, x2: width - right, y2: height - bottom }),
    svg('line', { class: 'axis', x1: left, y1: top, x2: left, y2: height - bottom }),
    svg('line', { class: 'axis', x1: width - right, y1: top, x2: width - right, y2: height - bottom }),
    svg('text', { x: left - 4, y: top + 10, 'text-anchor': 'end' }, String(maxBacklog)),
    svg('text', { x: left - 4, y: height - bottom, 'text-anchor': 'end' }, '0'),
    svg('text', { x: width - right + 4, y: top + 10 }, String(maxWorkers)),
    svg('text', { x: width - right + 4, y: height - bottom }, '0'),
    svg('text', { x: left, y: height - 6 }, '−60 min'),
    svg('text', { x: (left + width - right) / 2, y: height - 6, 'text-anchor': 'middle' }, '−30 min'),
    svg('text', { x: width - right, y: height - 6, 'text-anchor': 'end' }, 'now'),
  ];
  if (points.length > 0) {
    parts.push(svg('polyline', { class: 'backlog', points: line('backlog', maxBacklog, false) }));
    parts.push(svg('polyline', { class: 'workers', points: line('workers', maxWorkers, true) }));
  } else {
    parts.push(svg('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle' }, 'no samples yet'));
  }
  chart.replaceChildren(...parts);
}

async function refresh() {
  try {
    const [queue, fleet, jobs, events, history, tenants] = await Promise.all([
      getJson('/admin/queue'), getJson('/admin/fleet'), getJson('/admin/jobs?limit=20'),
      getJson('/admin/scaling-events?limit=15'), getJson('/admin/fleet/history?minutes=60'), getJson('/admin/usage/today?limit=10'),
    ]);
    drawQueue(queue);
    drawFleet(fleet);
    drawJobs(jobs);
    drawEvents(events);
    drawChart(history);
    drawTenants(tenants);
    $('error').hidden = true;
    $('updated').textContent = `updated ${new Date().toLocaleTimeString()}`;
  } catch (error) {
    $('error').textContent = `Could not refresh: ${error.message}`;
    $('error').hidden = false;
  } finally {
    setTimeout(refresh, REFRESH_MS);
  }
}

// The session cookie authenticates this call; the X-Requested-With header is what the gateway asks of
// cookie-authenticated calls that change state (a cross-site form cannot send it).
async function createTenant(event) {
  event.preventDefault();
  const name = $('tenant-name').value.trim();
  const response = await fetch('/admin/tenants', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'fetch' },
    body: JSON.stringify({ name }),
  });
  const body = await response.json();
  if (!response.ok) {
    $('error').textContent = body.detail ?? `Creating the tenant failed (${response.status}).`;
    $('error').hidden = false;
    return;
  }
  $('tenant-created').textContent = body.name;
  $('tenant-key').textContent = body.apiKey;
  $('tenant-result').hidden = false;
  $('tenant-name').value = '';
}

// Admin events: polled on their own, so this section stands apart from the others. Text goes in as text nodes
// (el), never as markup, since names and images are written by admins.
async function refreshAdminEvents() {
  try {
    const body = await getJson('/admin/events?limit=15');
    fill($('admin-events'), body.events.map((e) => el('tr', { 'data-admin-action': e.action },
      el('td', {}, time(e.at)), el('td', {}, e.actor), el('td', {}, e.action), el('td', {}, el('code', {}, e.target)),
      el('td', { class: 'wrap' }, e.detail == null ? '' : JSON.stringify(e.detail)))),
    'no admin actions yet', 5);
  } catch (error) {
    $('error').textContent = `Could not refresh admin events: ${error.message}`;
    $('error').hidden = false;
  } finally {
    setTimeout(refreshAdminEvents, REFRESH_MS);
  }
}

$('tenant-form').addEventListener('submit', createTenant);
refresh();
refreshAdminEvents();
