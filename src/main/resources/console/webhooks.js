// Webhooks: the outbox's batches by state, their last error, and Replay.

import { call, explain } from './api.js';
import { $, button, row, time, shortId } from './dom.js';

/** Batches one listing shows (the admin API's default). */
const BATCH_PAGE = 100;

const state = { context: null, generation: 0 };

export function startWebhooks(context) {
  state.context = context;
  state.generation++;
  loadBatches();
}

export function stopWebhooks() {
  state.generation++;
  $('batches').tBodies[0].replaceChildren();
}

async function loadBatches() {
  const generation = state.generation;
  const status = $('webhook-status').value;
  $('webhooks-error').textContent = '';
  $('webhooks-status').textContent = 'Loading batches…';
  try {
    const answer = await call('webhooks/getAll', { Status: status, Limitation: { Count: BATCH_PAGE } });
    if (generation !== state.generation) {
      return;
    }
    $('batches').tBodies[0].replaceChildren(...answer.Batches.map((batch) => row(
      shortId(batch.Id),
      shortId(batch.ClientId),
      batch.Status,
      String(batch.Attempts),
      batch.Status === 'Pending' ? time(batch.NextAttemptUtc) : '',
      batch.LastError || '',
      String(batch.MessageIds.length),
      batch.Status === 'Dead'
        ? button('Replay', (event) => replay(batch, event.currentTarget), { 'aria-label': 'Replay batch ' + batch.Id.slice(0, 8) })
        : '')));
    $('webhooks-status').textContent = answer.Batches.length === 0 ? 'No ' + status.toLowerCase() + ' batches.' : '';
  } catch (e) {
    if (generation === state.generation) {
      $('webhooks-status').textContent = '';
      $('webhooks-error').textContent = 'Could not load the batches: ' + explain(e);
    }
  }
}

async function replay(batch, control) {
  control.disabled = true;
  $('webhooks-error').textContent = '';
  try {
    const answer = await call('webhooks/replay', { BatchIds: [batch.Id] });
    await loadBatches();
    $('webhooks-status').textContent = 'Replaying ' + answer.EventCount + ' event(s) of batch ' + batch.Id.slice(0, 8) + '.';
  } catch (e) {
    $('webhooks-error').textContent = 'Could not replay the batch: ' + explain(e);
  } finally {
    control.disabled = false;
  }
}

document.addEventListener('DOMContentLoaded', () => {
  $('webhook-filter').addEventListener('submit', (event) => {
    event.preventDefault();
    loadBatches();
  });
  $('webhook-status').addEventListener('change', loadBatches);
});
