// Webhooks: every batch of the outbox (by client and state), its attempts and the payload as sent,
// Replay, and Send a test event.

import { call, explain } from './api.js';
import { $, el, button, row, setRows, time, shortId } from './dom.js';
import { clientName, knownClients } from './tenants.js';

const PAGE = 50;
const STATES = ['Pending', 'Delivered', 'Dead'];

const state = { generation: 0, cursor: null, open: null, shown: new Map() };

export function startWebhooks() {
  reloadBatches();
}

export function stopWebhooks() {
  state.generation++;
  state.shown.clear();
  $('batches').tBodies[0].replaceChildren();
  closeBatch();
}

/** The clients on the Tenants section's pages, for the filter and the test event. */
export function clientsChanged() {
  const clients = knownClients();
  fill($('webhook-client'), [{ Id: '', Name: 'All clients' }, ...clients]);
  fill($('test-client'), clients);
}

function fill(select, clients) {
  const chosen = select.value;
  select.replaceChildren(...clients.map((client) => el('option', { value: client.Id }, client.Name)));
  if (clients.some((client) => client.Id === chosen)) {
    select.value = chosen;
  }
}

function filter() {
  const status = $('webhook-status').value;
  const clientId = $('webhook-client').value;
  const body = { Statuses: status ? [status] : STATES, Limitation: { Count: PAGE } };
  if (clientId) {
    body.ClientIds = [clientId];
  }
  return body;
}

export async function reloadBatches() {
  state.generation++;
  state.cursor = null;
  state.shown.clear();
  $('batches').tBodies[0].replaceChildren();
  await loadBatches();
}

async function loadBatches() {
  const generation = state.generation;
  const body = filter();
  if (state.cursor) {
    body.Limitation.Cursor = state.cursor;
  }
  $('webhooks-error').textContent = '';
  $('webhooks-status').textContent = 'Loading batches…';
  try {
    const answer = await call('webhooks/getAll', body);
    if (generation !== state.generation) {
      return;
    }
    const batches = answer.Batches || [];
    for (const batch of batches) {
      if (!state.shown.has(batch.Id)) {
        state.shown.set(batch.Id, batch);
        setRows($('batches'), [batchRow(batch)], true);
      }
    }
    state.cursor = answer.Cursor || state.cursor;
    $('batches-more').hidden = batches.length < PAGE || !answer.Cursor;
    $('webhooks-status').textContent = state.shown.size === 0 ? 'No batches here.' : '';
  } catch (e) {
    if (generation === state.generation) {
      $('webhooks-status').textContent = '';
      $('webhooks-error').textContent = 'Could not load the batches: ' + explain(e);
    }
  }
}

function batchRow(batch) {
  const name = 'batch ' + batch.Id.slice(0, 8);
  const actions = el('div', { class: 'actions' },
    button('Details', () => openBatch(batch), { 'aria-label': 'Details of ' + name, class: 'quiet' }));
  if (batch.Status !== 'Pending') {
    actions.append(button('Replay', (event) => replay(batch, event.currentTarget), { 'aria-label': 'Replay ' + name }));
  }
  const item = row(time(batch.CreatedUtc), clientName(batch.ClientId), stateBadge(batch.Status), String(batch.Attempts),
    batch.LastError || '', String(batch.MessageIds.length), shortId(batch.Id), actions);
  item.dataset.batchId = batch.Id;
  return item;
}

function stateBadge(status) {
  return el('span', { class: 'badge ' + status.toLowerCase() }, status);
}

async function replay(batch, control) {
  control.disabled = true;
  $('webhooks-error').textContent = '';
  try {
    const answer = await call('webhooks/replay', { BatchIds: [batch.Id] });
    await reloadBatches();
    $('webhooks-status').textContent = 'Replaying ' + answer.EventCount + ' event(s) of batch ' + batch.Id.slice(0, 8) + '.';
    if (state.open === batch.Id) {
      openBatch(state.shown.get(batch.Id) || batch);
    }
  } catch (e) {
    $('webhooks-error').textContent = 'Could not replay the batch: ' + explain(e);
  } finally {
    control.disabled = false;
  }
}

// ---- one batch: its attempts and payload --------------------------------------------------------

async function openBatch(batch) {
  state.open = batch.Id;
  const generation = state.generation;
  $('batch').hidden = false;
  $('batch-heading').textContent = 'Batch ' + batch.Id.slice(0, 8) + ' of ' + clientName(batch.ClientId);
  $('batch-meta').replaceChildren(batch.Status + ' · ' + batch.Attempts + ' attempt(s) · created ', time(batch.CreatedUtc),
    batch.Status === 'Pending' && batch.NextAttemptUtc ? ' · next attempt ' : '',
    batch.Status === 'Pending' && batch.NextAttemptUtc ? time(batch.NextAttemptUtc) : '');
  $('batch-error').textContent = '';
  $('attempts').tBodies[0].replaceChildren();
  $('payload').textContent = '';
  $('batch-messages').replaceChildren(...batch.MessageIds.map((messageId) => el('li', {},
    button('Send message ' + messageId.slice(0, 8) + ' again as a test event', (event) => sendTest(batch.ClientId, messageId, event.currentTarget),
      { class: 'quiet' }))));
  $('attempts-status').textContent = 'Loading attempts…';
  try {
    const history = await call('webhooks/getAttempts', { BatchId: batch.Id });
    if (state.open !== batch.Id || generation !== state.generation) {
      return;
    }
    setRows($('attempts'), history.Attempts.map((attempt) => row(
      time(attempt.StartedUtc), el('code', {}, attempt.Url),
      attempt.StatusCode === null || attempt.StatusCode === undefined ? 'None' : String(attempt.StatusCode),
      attempt.Error || '', attempt.DurationMilliseconds + ' ms')));
    $('attempts-status').textContent = history.Attempts.length === 0 ? 'Not attempted yet.' : '';
    // Exactly as sent, byte for byte: not re-indented.
    $('payload').textContent = history.Payload === null || history.Payload === undefined ? '(not sent yet)' : history.Payload;
  } catch (e) {
    if (state.open === batch.Id) {
      $('attempts-status').textContent = '';
      $('batch-error').textContent = 'Could not load the attempts: ' + explain(e);
    }
  }
  $('batch').scrollIntoView({ block: 'nearest' });
}

function closeBatch() {
  state.open = null;
  $('batch').hidden = true;
}

// ---- a test event --------------------------------------------------------------------------------

async function sendTest(clientId, messageId, control) {
  control.disabled = true;
  $('test-error').textContent = '';
  $('test-status').textContent = '';
  try {
    if (!clientId) {
      throw new Error('Choose the client to notify.');
    }
    if (!messageId) {
      throw new Error('Enter the Id of one of the client\'s messages.');
    }
    const answer = await call('webhooks/sendTest', { ClientId: clientId, MessageId: messageId });
    $('test-status').textContent = answer.EventCount === 0
      ? 'That message\'s event is being delivered already.'
      : 'A test event for message ' + messageId.slice(0, 8) + ' is on its way to ' + clientName(clientId) + '.';
    await reloadBatches();
  } catch (e) {
    $('test-error').textContent = e.status === undefined ? e.message : explain(e);
  } finally {
    control.disabled = false;
  }
}

document.addEventListener('DOMContentLoaded', () => {
  $('webhook-filter').addEventListener('submit', (event) => {
    event.preventDefault();
    reloadBatches();
  });
  $('webhook-status').addEventListener('change', reloadBatches);
  $('webhook-client').addEventListener('change', reloadBatches);
  $('batches-more').addEventListener('click', loadBatches);
  $('batch-close').addEventListener('click', closeBatch);
  $('test-form').addEventListener('submit', (event) => {
    event.preventDefault();
    sendTest($('test-client').value, $('test-message').value.trim(), event.submitter || $('test-form').querySelector('button'));
  });
});
