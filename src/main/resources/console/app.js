// The integrator's console: sign-in with the admin token, the sections, a newly issued token, reset.
// A client of the admin API only.

import { call, explain, token, whenUnauthorized } from './api.js';
import { $ } from './dom.js';
import { startTenants, stopTenants, reloadTenants, knownClients, knownIntegrations } from './tenants.js';
import { startWebhooks, stopWebhooks, clientsChanged, reloadBatches } from './webhooks.js';
import { startRequests, stopRequests, requestClientsChanged, reloadRequests } from './requests.js';

const SECTIONS = ['tenants', 'requests', 'webhooks'];

function showSignIn(message) {
  if ($('reset-dialog').open) {
    $('reset-dialog').close();
  }
  $('console-status').textContent = '';
  stopTenants();
  stopWebhooks();
  stopRequests();
  hideIssued();
  $('console').hidden = true;
  $('sign-in').hidden = false;
  $('sign-in-error').textContent = message || '';
  $('token').value = '';
  $('token').focus();
}

function showConsole() {
  $('sign-in').hidden = true;
  $('console').hidden = false;
  $('sign-in-error').textContent = '';
  $('console-error').textContent = '';
  startTenants({ issued: showIssued, tenantsChanged });
  startWebhooks();
  startRequests();
  showSection(sessionStorage.getItem('concierge.consoleSection') || 'tenants');
}

function tenantsChanged() {
  clientsChanged();
  requestClientsChanged(knownClients(), knownIntegrations());
}

function showSection(name) {
  const known = SECTIONS.includes(name) && !document.querySelector(`.tab[data-section="${name}"]`).hidden
    ? name : 'tenants';
  sessionStorage.setItem('concierge.consoleSection', known);
  for (const tab of document.querySelectorAll('.tab')) {
    const current = tab.dataset.section === known;
    tab.setAttribute('aria-current', current ? 'page' : 'false');
    $(tab.dataset.section).hidden = !current;
  }
}

async function signIn(event) {
  event.preventDefault();
  const value = $('token').value.trim();
  const error = $('sign-in-error');
  if (!value) {
    error.textContent = 'Enter the admin token.';
    return;
  }
  error.textContent = '';
  const submit = $('sign-in-form').querySelector('button');
  submit.disabled = true;
  try {
    // A read that changes nothing: any admin operation checks the token first.
    await call('enterprises/getAll', { Limitation: { Count: 1 } }, value);
    token.set(value);
    showConsole();
  } catch (e) {
    error.textContent = e.status === 401
      ? 'That admin token is not accepted. Check CONCIERGE_ADMIN_TOKEN (or the one printed at start) and try again.'
      : 'Could not sign in: ' + explain(e);
  } finally {
    submit.disabled = false;
  }
}

function signOut() {
  token.clear();
  showSignIn('');
}

// ---- reset: confirmed first -----------------------------------------------------------------

function askReset() {
  $('reset-error').textContent = '';
  $('reset-dialog').showModal();
  $('reset-cancel').focus();
}

async function reset() {
  const confirm = $('reset-confirm');
  confirm.disabled = true;
  $('reset-error').textContent = '';
  try {
    await call('reset', {});
    $('reset-dialog').close();
    hideIssued();
    $('console-status').textContent = 'The server is back to the demo data.';
    await Promise.all([reloadTenants(), reloadBatches(), reloadRequests()]);
  } catch (e) {
    $('reset-error').textContent = 'Not reset: ' + explain(e);
  } finally {
    confirm.disabled = false;
  }
}

// ---- a newly issued token: shown once ---------------------------------------------------------

/** { heading, label, secret, curl (or null), note } */
function showIssued(issued) {
  $('issued-heading').textContent = issued.heading;
  $('issued-token-label').textContent = issued.label;
  $('issued-token').value = issued.secret;
  $('issued-curl-block').hidden = !issued.curl;
  $('issued-curl').value = issued.curl || '';
  $('issued-note').textContent = issued.note || '';
  $('copy-token').textContent = 'Copy token';
  $('copy-curl').textContent = 'Copy curl';
  $('issued').hidden = false;
  $('issued').scrollIntoView({ block: 'nearest' });
  $('copy-token').focus();
}

function hideIssued() {
  $('issued').hidden = true;
  $('issued-token').value = '';
  $('issued-curl').value = '';
}

async function copy(field, copyButton) {
  try {
    await navigator.clipboard.writeText(field.value);
    copyButton.textContent = 'Copied';
  } catch (e) {
    // Without clipboard access (an insecure origin, a denied permission) the text is selected instead.
    field.focus();
    field.select();
    copyButton.textContent = 'Selected: press Ctrl+C';
  }
}

document.addEventListener('DOMContentLoaded', () => {
  whenUnauthorized(() => {
    token.clear();
    showSignIn('The admin token is no longer accepted (has the server restarted with another one?). Sign in again.');
  });
  $('sign-in-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', signOut);
  for (const tab of document.querySelectorAll('.tab')) {
    tab.addEventListener('click', () => showSection(tab.dataset.section));
  }
  $('copy-token').addEventListener('click', () => copy($('issued-token'), $('copy-token')));
  $('copy-curl').addEventListener('click', () => copy($('issued-curl'), $('copy-curl')));
  $('issued-done').addEventListener('click', hideIssued);
  $('reset').addEventListener('click', askReset);
  $('reset-confirm').addEventListener('click', reset);
  $('reset-cancel').addEventListener('click', () => $('reset-dialog').close());
  if (token.get()) {
    showConsole();
  } else {
    showSignIn('');
  }
});
