// The dashboard: one page per hash route, each drawn from the API, refreshed on demand.
import { call, key, setKey, KeyNeeded } from './api.js';
import { el, table, number, state, time, replace } from './dom.js';
import { drawRate } from './chart.js';

const page = document.getElementById('page');
const status = document.getElementById('status');
const PAGE_SIZE = 20;
let refreshTimer = null;

const routes = [
  [/^#\/handlers$/, handlersPage],
  [/^#\/sessions\/(.+)$/, sessionPage],
  [/^#\/sessions$/, sessionsPage],
  [/^#\/dead-letters$/, deadLettersPage],
  [/^#\/plugins$/, pluginsPage],
];

function query() {
  const hash = location.hash;
  const at = hash.indexOf('?');
  return { path: at < 0 ? hash : hash.substring(0, at), params: new URLSearchParams(at < 0 ? '' : hash.substring(at + 1)) };
}

function go(path, params) {
  const text = params && params.toString();
  location.hash = text ? `${path}?${text}` : path;
}

async function show() {
  clearInterval(refreshTimer);
  const { path, params } = query();
  const route = routes.find(([pattern]) => pattern.test(path));
  if (!route) {
    go('#/handlers');
    return;
  }
  document.querySelectorAll('nav a').forEach(link => link.classList.toggle('current', path.startsWith(link.getAttribute('href'))));
  const match = path.match(route[0]);
  try {
    status.textContent = '';
    await route[1](params, ...match.slice(1).map(decodeURIComponent));
  } catch (e) {
    fail(e);
  }
}

function fail(e) {
  if (e instanceof KeyNeeded) {
    clearInterval(refreshTimer);
    replace(page);
    askForKey(e.message);
  } else {
    status.textContent = e.message;
  }
}

function askForKey(reason) {
  const form = document.getElementById('key-form');
  document.getElementById('key-reason').textContent = reason;
  form.hidden = false;
  document.getElementById('key-input').focus();
}

document.getElementById('key-form').addEventListener('submit', event => {
  event.preventDefault();
  setKey(document.getElementById('key-input').value.trim());
  document.getElementById('key-input').value = '';
  event.target.hidden = true;
  document.getElementById('forget-key').hidden = !key();
  show();
});

document.getElementById('forget-key').addEventListener('click', () => {
  setKey(null);
  document.getElementById('forget-key').hidden = true;
  show();
});

async function action(what, run) {
  try {
    await run();
  } catch (e) {
    fail(e);
    return;
  }
  await show();
  status.textContent = what;
}

// Handlers: counts, state, queue, latency and a 15-minute rate chart per handler; refreshed every 5 s.
async function handlersPage() {
  const answer = await call('GET', '/v1/handlers');
  const rows = answer.items.map(handler => {
    const chart = el('canvas', { class: 'rate', width: 300, height: 48, 'data-handler': handler.name });
    drawRate(chart, handler.rate);
    return el('tr', { 'data-handler': handler.name },
      el('td', {}, handler.name), el('td', {}, handler.type), el('td', {}, handler.plugin ?? '–'),
      el('td', {}, state(handler.state)), number(handler.delivered), number(handler.retried), number(handler.failed),
      number(handler.queued), number(handler.latency_p50_ms), number(handler.latency_p99_ms), el('td', {}, chart));
  });
  replace(page, el('h2', {}, 'Handlers'),
    table(['Name', 'Type', 'Plugin', 'State', 'Delivered', 'Retried', 'Failed', 'Queued', 'p50 ms', 'p99 ms',
      'Last 15 min (delivered / failed per minute)'], rows, { id: 'handlers' }));
  refreshTimer = setInterval(() => handlersPage().catch(fail), 5000);
}

// Sessions: the paged list, filtered by status.
async function sessionsPage(params) {
  const offset = Number(params.get('offset') ?? 0);
  const filter = params.get('status') ?? '';
  const search = new URLSearchParams({ offset, limit: PAGE_SIZE });
  if (filter) {
    search.set('status', filter);
  }
  const answer = await call('GET', `/v1/sessions?${search}`);
  const select = el('select', { id: 'status-filter', onchange: event => go('#/sessions', new URLSearchParams(event.target.value ? { status: event.target.value } : {})) },
    ['', 'pending', 'running', 'paused', 'completed', 'failed'].map(value =>
      el('option', { value, selected: value === filter }, value || 'any status')));
  const rows = answer.items.map(session => el('tr', { 'data-session': session.session_id },
    el('td', {}, el('a', { href: `#/sessions/${encodeURIComponent(session.session_id)}` }, session.session_id)),
    el('td', {}, session.spec_name ?? '–'), el('td', {}, state(session.status)), number(session.event_count),
    el('td', {}, time(session.created_at)), el('td', {}, time(session.updated_at))));
  const pageParams = next => new URLSearchParams({ ...(filter ? { status: filter } : {}), offset: next });
  replace(page, el('h2', {}, 'Sessions'),
    el('div', { class: 'toolbar' }, el('label', {}, 'Status ', select),
      el('span', { class: 'muted', id: 'sessions-range' },
        answer.total === 0 ? 'none' : `${offset + 1}–${offset + answer.items.length} of ${answer.total}`),
      el('button', { type: 'button', id: 'sessions-previous', disabled: offset === 0, onclick: () => go('#/sessions', pageParams(Math.max(0, offset - PAGE_SIZE))) }, 'Newer'),
      el('button', { type: 'button', id: 'sessions-next', disabled: offset + PAGE_SIZE >= answer.total, onclick: () => go('#/sessions', pageParams(offset + PAGE_SIZE)) }, 'Older')),
    table(['Session', 'Spec', 'Status', 'Events', 'Created', 'Updated'], rows, { id: 'sessions' }));
}

// One session: its events, each with the state of its delivery to every handler.
async function sessionPage(params, id) {
  const session = await call('GET', `/v1/sessions/${encodeURIComponent(id)}`);
  const rows = session.events.map(event => el('tr', { 'data-event': event.id },
    el('td', {}, event.event_type), el('td', {}, time(event.received_at)),
    el('td', {}, el('pre', { class: 'data' }, JSON.stringify(event.data, null, 2)),
      event.data_truncated ? el('span', { class: 'muted' }, `cut: ${event.data_truncated.dropped_keys} keys dropped`) : null),
    el('td', {}, Object.entries(event.deliveries).map(([handler, delivery]) => el('div', { class: 'delivery', 'data-handler': handler },
      `${handler}: `, state(delivery.state), ` · ${delivery.attempts} attempt(s)`,
      delivery.next_attempt_at ? ` · next ${time(delivery.next_attempt_at)}` : '',
      delivery.reason ? ` · ${delivery.reason}` : '')))));
  replace(page, el('h2', {}, 'Session ', el('span', { id: 'session-id' }, session.session_id)),
    el('p', {}, `Spec ${session.spec_name ?? '–'} · pattern ${session.pattern_type ?? '–'} · `, state(session.status),
      ` · ${session.event_count} event(s)`),
    table(['Event', 'Received', 'Data', 'Deliveries (state, attempts, next attempt, reason)'], rows, { id: 'events' }));
}

// Dead letters: filtered by handler; replay one, replay all of a handler, delete one.
async function deadLettersPage(params) {
  const offset = Number(params.get('offset') ?? 0);
  const handler = params.get('handler') ?? '';
  const search = new URLSearchParams({ state: 'dead', offset, limit: PAGE_SIZE });
  if (handler) {
    search.set('handler', handler);
  }
  const [answer, handlers] = await Promise.all([call('GET', `/v1/deliveries?${search}`), call('GET', '/v1/handlers')]);
  const select = el('select', { id: 'handler-filter', onchange: event => go('#/dead-letters', new URLSearchParams(event.target.value ? { handler: event.target.value } : {})) },
    el('option', { value: '' }, 'every handler'),
    // handlers a reload removed keep their dead letters: they are listed too
    [...handlers.items, ...(handlers.removed ?? [])].map(item => el('option', { value: item.name, selected: item.name === handler }, item.name)));
  const rows = answer.items.map(dead => el('tr', { 'data-delivery': dead.id },
    number(dead.id), el('td', {}, dead.handler), el('td', {}, dead.event.event_type), el('td', {}, dead.event.session_id ?? '–'),
    number(dead.attempts), number(dead.last_status), el('td', {}, dead.last_reason ?? '–'), el('td', {}, time(dead.dead_at)),
    el('td', {}, el('pre', { class: 'data' }, JSON.stringify(dead.event.data ?? {}, null, 2))),
    el('td', {},
      el('button', { type: 'button', class: 'replay', onclick: () => action(`Delivery ${dead.id} replayed.`, () => call('POST', `/v1/deliveries/${dead.id}/replay`)) }, 'Replay'),
      el('button', { type: 'button', class: 'delete', onclick: () => action(`Dead letter ${dead.id} deleted.`, () => call('DELETE', `/v1/deliveries/${dead.id}`)) }, 'Delete'))));
  const replayAll = handler ? el('button', { type: 'button', id: 'replay-all', onclick: () => action(`Every dead letter of ${handler} replayed.`, () => call('POST', '/v1/deliveries/replay', { handler })) }, `Replay all of ${handler}`) : null;
  replace(page, el('h2', {}, 'Dead letters'),
    el('div', { class: 'toolbar' }, el('label', {}, 'Handler ', select), replayAll,
      el('button', { type: 'button', id: 'dead-previous', disabled: offset === 0, onclick: () => go('#/dead-letters', new URLSearchParams({ ...(handler ? { handler } : {}), offset: Math.max(0, offset - PAGE_SIZE) })) }, 'Newer'),
      el('button', { type: 'button', id: 'dead-next', disabled: answer.items.length < PAGE_SIZE, onclick: () => go('#/dead-letters', new URLSearchParams({ ...(handler ? { handler } : {}), offset: offset + PAGE_SIZE })) }, 'Older')),
    answer.items.length === 0 ? el('p', { id: 'no-dead-letters' }, 'No dead letters.') :
      table(['Id', 'Handler', 'Event', 'Session', 'Attempts', 'Last status', 'Reason', 'Dead since', 'Data', ''], rows, { id: 'dead-letters' }));
}

// Plugins: loaded (with the types they provide), failed with why, and type conflicts.
async function pluginsPage() {
  const answer = await call('GET', '/v1/plugins');
  replace(page, el('h2', {}, 'Plugins'),
    el('h3', {}, 'Loaded'),
    table(['Id', 'Version', 'JAR', 'Handler types', 'Filter types', 'Warnings'], answer.loaded.map(plugin => el('tr', { 'data-plugin': plugin.id },
      el('td', {}, plugin.id), el('td', {}, plugin.version ?? '–'), el('td', {}, plugin.jar), el('td', {}, plugin.handler_types.join(', ')),
      el('td', {}, plugin.filter_types.join(', ')), el('td', {}, plugin.warnings.join('; ')))), { id: 'plugins-loaded' }),
    el('h3', {}, 'Failed'),
    answer.failed.length === 0 ? el('p', { id: 'no-failed-plugins' }, 'None.') :
      table(['JAR', 'Provider', 'Why'], answer.failed.map(failure => el('tr', {},
        el('td', {}, failure.jar ?? 'host class path'), el('td', {}, failure.class_name ?? '–'), el('td', {}, failure.reason))), { id: 'plugins-failed' }),
    answer.conflicts.length === 0 ? null : [el('h3', {}, 'Conflicts'), el('ul', { id: 'plugins-conflicts' }, answer.conflicts.map(c => el('li', {}, c)))]);
}

document.getElementById('forget-key').hidden = !key();
window.addEventListener('hashchange', show);
show();
