// Requests: the Connector API's request log (admin requests/getAll), newest first, with filters and a
// RequestId search; each request's bodies as the log keeps them (tokens masked by the server).

import { call, explain } from './api.js';
import { $, el, button, row, setRows, time, shortId } from './dom.js';
import { clientName } from './tenants.js';

const PAGE = 50;
/** How far ahead of now a "since" search reaches: the browser's clock may be behind the server's. */
const CLOCK_SLACK_MILLIS = 5 * 60 * 1000;

const state = { generation: 0, cursor: null, shown: new Map(), open: null };

export function startRequests() {
  reloadRequests();
}

export function stopRequests() {
  state.generation++;
  state.shown.clear();
  $('request-log').tBodies[0].replaceChildren();
  closeRequest();
}

function wireTime(millis) {
  return new Date(millis).toISOString();
}

/** The filters as requests/getAll takes them; a bad RequestId is left for the server to name. */
function filter() {
  const body = { Limitation: { Count: PAGE } };
  const requestId = $('request-id').value.trim();
  if (requestId) {
    body.RequestIds = [requestId];
  }
  if ($('request-client').value) {
    body.ClientIds = [$('request-client').value];
  }
  if ($('request-integration').value) {
    body.IntegrationIds = [$('request-integration').value];
  }
  if ($('request-operation').value) {
    body.Operations = [$('request-operation').value];
  }
  if ($('request-status').value) {
    body.StatusClasses = [$('request-status').value];
  }
  if ($('request-since').value) {
    const now = Date.now();
    body.CreatedUtc = { StartUtc: wireTime(now - Number($('request-since').value) * 1000), EndUtc: wireTime(now + CLOCK_SLACK_MILLIS) };
  }
  return body;
}

export async function reloadRequests() {
  state.generation++;
  state.cursor = null;
  state.shown.clear();
  $('request-log').tBodies[0].replaceChildren();
  await loadRequests();
}

/**
 * A filter by operation or status alone examines a window of the log per request: its page may be
 * short, even empty, with a Cursor to go on. So a load asks again while it has found fewer than a
 * page and the server has a Cursor, at most MAX_ASKED times; "Show more requests" goes on from there.
 */
const MAX_ASKED = 10;

async function loadRequests() {
  const generation = state.generation;
  $('requests-error').textContent = '';
  $('requests-status').textContent = 'Loading requests…';
  try {
    let found = 0;
    let answer;
    let first;
    for (let asked = 0; asked < MAX_ASKED && found < PAGE; asked++) {
      const body = filter();
      if (state.cursor) {
        body.Limitation.Cursor = state.cursor;
      }
      answer = await call('requests/getAll', body);
      if (generation !== state.generation) {
        return;
      }
      const requests = answer.Requests || [];
      first = first || { body, requests };
      const fresh = requests.filter((request) => !state.shown.has(request.RequestId));
      fresh.forEach((request) => state.shown.set(request.RequestId, request));
      setRows($('request-log'), fresh.map(requestRow), true);
      found += requests.length;
      if (!answer.Cursor) {
        break;
      }
      state.cursor = answer.Cursor;
      $('requests-status').textContent = 'Looking through older requests…';
    }
    $('requests-more').hidden = !answer.Cursor;
    $('requests-status').textContent = state.shown.size === 0
      ? (answer.Cursor ? 'None found in the newest requests looked at.' : 'No requests here.') : '';
    const dropped = answer.NotLogged ? answer.NotLogged.QueueFull + answer.NotLogged.WriteFailed : 0;
    $('requests-dropped').textContent = dropped > 0
      ? dropped + ' request(s) answered by this server since it started could not be logged (the log was busy or failing).' : '';
    if (first.body.RequestIds && first.requests.length === 1) {
      openRequest(first.requests[0]);
    }
  } catch (e) {
    if (generation === state.generation) {
      $('requests-status').textContent = '';
      $('requests-error').textContent = 'Could not load the requests: ' + explain(e);
    }
  }
}

function requestRow(request) {
  return row(time(request.CreatedUtc), el('span', { class: 'nowrap' }, request.Operation), statusBadge(request.Status),
    duration(request.DurationMilliseconds), request.ClientId ? clientName(request.ClientId) : 'Unknown',
    request.Message || '', shortId(request.RequestId),
    button('Details', () => openRequest(request), { 'aria-label': 'Details of request ' + request.RequestId.slice(0, 8), class: 'quiet' }));
}

function statusBadge(status) {
  return el('span', { class: 'badge ' + (status < 400 ? 'delivered' : status < 500 ? 'pending' : 'dead') }, String(status));
}

function duration(milliseconds) {
  return (milliseconds < 10 ? milliseconds.toFixed(1) : Math.round(milliseconds)) + ' ms';
}

function openRequest(request) {
  state.open = request.RequestId;
  $('logged').hidden = false;
  $('logged-heading').textContent = 'Request ' + request.RequestId;
  $('logged-meta').replaceChildren(request.Operation + ' · ' + request.Status + ' · ' + duration(request.DurationMilliseconds)
    + ' · ', time(request.CreatedUtc), request.Message ? ' · ' + request.Message : '');
  $('logged-request').textContent = request.RequestBody || '(empty)';
  $('logged-response').textContent = request.ResponseBody || '(empty)';
  $('logged').scrollIntoView({ block: 'nearest' });
}

function closeRequest() {
  state.open = null;
  $('logged').hidden = true;
}

/** The clients and integrations on the Tenants section's pages, for the filters. */
export function requestClientsChanged(clients, integrations) {
  fill($('request-client'), 'All clients', clients.map((client) => [client.Id, client.Name]));
  fill($('request-integration'), 'All integrations', integrations.map((integration) => [integration.Id,
    clientName(integration.ClientId) + ' · ' + (integration.IsPortfolio ? 'portfolio' : 'single') + ' · ' + integration.Id.slice(0, 8)]));
}

function fill(select, all, options) {
  const chosen = select.value;
  select.replaceChildren(el('option', { value: '' }, all), ...options.map(([value, text]) => el('option', { value }, text)));
  if (options.some(([value]) => value === chosen)) {
    select.value = chosen;
  }
}

document.addEventListener('DOMContentLoaded', () => {
  $('request-filter').addEventListener('submit', (event) => {
    event.preventDefault();
    reloadRequests();
  });
  for (const id of ['request-client', 'request-integration', 'request-operation', 'request-status', 'request-since']) {
    $(id).addEventListener('change', reloadRequests);
  }
  $('requests-more').addEventListener('click', loadRequests);
  $('logged-close').addEventListener('click', closeRequest);
});
