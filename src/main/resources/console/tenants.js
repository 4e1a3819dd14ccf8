// Tenants: enterprises, clients (and their WebhookUrl), integrations (single or portfolio, enabled or
// not) and staff tokens. The lists are the admin API's getAll pages, newest first.

import { call, explain } from './api.js';
import { $, el, button, row, setRows, time, shortId } from './dom.js';

const PAGE = 50;
const SAMPLE_CLIENT = 'Sample Client 1.0.0';
/** The getAll example's CreatedUtc window, around now: the Connector requires a filter (at most 3 months). */
const EXAMPLE_DAYS_BACK = 30;

/** One getAll list: its items by Id in the order shown (newest first), and where the next page starts. */
function list(operation, key, idsField) {
  return { operation, key, idsField, items: new Map(), cursor: null, done: false };
}

/** Where the curls send their requests when the console cannot tell the public listener's address. */
const PUBLIC_ADDRESS_PLACEHOLDER = 'http://PUBLIC-HOST:PORT';

const state = {
  context: null,
  /** The public listener's origin: this page's, unless the console is on an admin listener of its own. */
  publicOrigin: null,
  publicOriginFound: Promise.resolve(),
  generation: 0,
  enterprises: list('enterprises/getAll', 'Enterprises', 'EnterpriseIds'),
  clients: list('clients/getAll', 'Clients', 'ClientIds'),
  integrations: list('integrations/getAll', 'Integrations', 'IntegrationIds'),
  /** Names of enterprises and clients that are not on a loaded page, looked up by Id for the integrations' rows. */
  names: new Map(),
  /** ClientTokens of the clients added in this tab, in memory only: for the curl of their integrations. */
  clientTokens: new Map(),
  editing: null,
};

export async function startTenants(context) {
  state.context = context;
  state.publicOriginFound = findThePublicListener();
  await reloadTenants();
}

/**
 * The public listener serves the inbox; an admin listener of its own (CONCIERGE_ADMIN_PORT) does not,
 * and the console cannot know the public address then: its curls say where to put it.
 */
async function findThePublicListener() {
  try {
    const inbox = await fetch('/inbox', { method: 'HEAD', cache: 'no-store', credentials: 'omit' });
    state.publicOrigin = inbox.ok ? location.origin : null;
  } catch (e) {
    state.publicOrigin = null;
  }
}

function publicBase() {
  return state.publicOrigin || PUBLIC_ADDRESS_PLACEHOLDER;
}

function addressNote() {
  return state.publicOrigin ? '' : ' This console is on the admin API\'s own listener (CONCIERGE_ADMIN_PORT): put the'
    + ' public listener\'s address in place of ' + PUBLIC_ADDRESS_PLACEHOLDER + '.';
}

export function stopTenants() {
  state.generation++;
  for (const each of [state.enterprises, state.clients, state.integrations]) {
    each.items.clear();
    each.cursor = null;
    each.done = false;
  }
  state.names.clear();
  state.clientTokens.clear();
  closeWebhookEdit();
  for (const id of ['enterprises', 'clients', 'integrations', 'staff-tokens']) {
    $(id).tBodies[0].replaceChildren();
  }
}

/** Everything again from the first pages (after sign-in and after a reset). */
export async function reloadTenants() {
  stopTenants();
  const generation = state.generation;
  await Promise.all([
    loadPage(state.enterprises, 'enterprises', generation),
    loadPage(state.clients, 'clients', generation),
    loadPage(state.integrations, 'integrations', generation),
  ]);
  if (generation === state.generation) {
    await lookUpNames(generation);
    render();
    loadStaffTokens();
  }
}

/** All the clients on loaded pages (for the webhooks' client filter). */
export function knownClients() {
  return [...state.clients.items.values()];
}

/** The integrations on loaded pages (for the requests' filter). */
export function knownIntegrations() {
  return [...state.integrations.items.values()];
}

export function clientName(id) {
  const client = state.clients.items.get(id) || state.names.get(id);
  return client ? client.Name : String(id).slice(0, 8);
}

async function loadPage(target, prefix, generation) {
  const body = { Limitation: { Count: PAGE } };
  if (target.cursor) {
    body.Limitation.Cursor = target.cursor;
  }
  try {
    const answer = await call(target.operation, body);
    if (generation !== state.generation) {
      return;
    }
    const items = answer[target.key] || [];
    for (const item of items) {
      target.items.set(item.Id, item);
    }
    target.cursor = answer.Cursor || target.cursor;
    target.done = items.length < PAGE || !answer.Cursor;
    $(prefix + '-error').textContent = '';
  } catch (e) {
    if (generation === state.generation) {
      $(prefix + '-error').textContent = 'Could not load the ' + prefix + ': ' + explain(e);
    }
  }
}

async function showMore(target, prefix) {
  const generation = state.generation;
  await loadPage(target, prefix, generation);
  if (generation === state.generation) {
    await lookUpNames(generation);
    render();
  }
}

/** The enterprises and clients the integrations shown name, when they are not on a loaded page. */
async function lookUpNames(generation) {
  const missing = (target, ids) => [...new Set(ids)].filter((id) => !target.items.has(id) && !state.names.has(id));
  const integrations = [...state.integrations.items.values()];
  const enterpriseIds = missing(state.enterprises, integrations.flatMap((integration) => integration.EnterpriseIds));
  const clientIds = missing(state.clients, integrations.map((integration) => integration.ClientId));
  const lookUp = async (target, ids) => {
    if (ids.length === 0) {
      return;
    }
    try {
      const answer = await call(target.operation, { [target.idsField]: ids, Limitation: { Count: ids.length } });
      if (generation === state.generation) {
        for (const item of answer[target.key] || []) {
          state.names.set(item.Id, item);
        }
      }
    } catch (e) {
      // The rows show the Ids' start instead.
    }
  };
  await Promise.all([lookUp(state.enterprises, enterpriseIds), lookUp(state.clients, clientIds)]);
}

/** The item as its list has it (with CreatedUtc, which the add answers lack); the add's answer if that fails. */
async function listed(target, added) {
  try {
    const answer = await call(target.operation, { [target.idsField]: [added.Id], Limitation: { Count: 1 } });
    return (answer[target.key] || [])[0] || added;
  } catch (e) {
    return added;
  }
}

function prepend(target, item) {
  const rest = [...target.items.entries()].filter(([id]) => id !== item.Id);
  target.items = new Map([[item.Id, item], ...rest]);
}

// ---- adding and changing ---------------------------------------------------------------------

async function addEnterprise(event) {
  event.preventDefault();
  const name = $('enterprise-name').value.trim();
  await submitting(event, 'enterprises-error', async () => {
    if (!name) {
      throw new Error('Enter the enterprise\'s name.');
    }
    const answer = await call('enterprises/add', { Enterprises: [{ Name: name }] });
    for (const enterprise of answer.Enterprises) {
      prepend(state.enterprises, await listed(state.enterprises, enterprise));
    }
    $('enterprise-name').value = '';
    render();
  });
}

async function addClient(event) {
  event.preventDefault();
  const name = $('client-name').value.trim();
  const webhookUrl = $('client-webhook').value.trim();
  await submitting(event, 'clients-error', async () => {
    if (!name) {
      throw new Error('Enter the client\'s name.');
    }
    const item = { Name: name };
    if (webhookUrl) {
      item.WebhookUrl = webhookUrl;
    }
    const answer = await call('clients/add', { Clients: [item] });
    const client = answer.Clients[0];
    state.clientTokens.set(client.Id, client.ClientToken);
    prepend(state.clients, await listed(state.clients, { Id: client.Id, Name: client.Name, WebhookUrl: client.WebhookUrl }));
    $('client-name').value = '';
    $('client-webhook').value = '';
    render();
    state.context.issued({
      heading: 'ClientToken of ' + client.Name,
      label: 'ClientToken',
      secret: client.ClientToken,
      curl: null,
      note: 'Add an integration for this client (below) to get an AccessToken and a ready-to-paste curl.',
    });
  });
}

function openWebhookEdit(client) {
  state.editing = client;
  $('webhook-edit-label').textContent = 'Webhook URL of ' + client.Name;
  $('webhook-edit-url').value = client.WebhookUrl || '';
  $('webhook-edit-remove').hidden = !client.WebhookUrl;
  $('webhook-edit').hidden = false;
  $('webhook-edit-url').focus();
}

function closeWebhookEdit() {
  state.editing = null;
  $('webhook-edit').hidden = true;
  $('webhook-edit-url').value = '';
}

async function saveWebhookUrl(event, remove) {
  event.preventDefault();
  const client = state.editing;
  const url = $('webhook-edit-url').value.trim();
  const control = remove ? $('webhook-edit-remove') : $('webhook-edit-save');
  await acting(control, 'clients-error', async () => {
    if (!remove && !url) {
      throw new Error('Enter the new webhook URL, or press Remove webhook URL.');
    }
    const answer = await call('clients/update', { ClientId: client.Id, WebhookUrl: { Value: remove ? null : url } });
    const updated = answer.Clients[0];
    state.clients.items.set(updated.Id, updated);
    closeWebhookEdit();
    render();
  });
}

async function addIntegration(event) {
  event.preventDefault();
  const clientId = $('integration-client').value;
  const enterpriseIds = [...$('integration-enterprises').querySelectorAll('input:checked')].map((box) => box.value);
  await submitting(event, 'integrations-error', async () => {
    if (!clientId) {
      throw new Error('Add a client first.');
    }
    if (enterpriseIds.length === 0) {
      throw new Error('Tick at least one enterprise.');
    }
    const answer = await call('integrations/add', { Integrations: [{ ClientId: clientId, EnterpriseIds: enterpriseIds }] });
    const integration = answer.Integrations[0];
    prepend(state.integrations, await listed(state.integrations, {
      Id: integration.Id, ClientId: integration.ClientId, EnterpriseIds: integration.EnterpriseIds,
      IsPortfolio: integration.IsPortfolio, IsEnabled: true,
    }));
    for (const box of $('integration-enterprises').querySelectorAll('input')) {
      box.checked = false;
    }
    render();
    const clientToken = state.clientTokens.get(integration.ClientId);
    await state.publicOriginFound;
    state.context.issued({
      heading: 'AccessToken of a new ' + (integration.IsPortfolio ? 'portfolio' : 'single-enterprise') + ' integration',
      label: 'AccessToken',
      secret: integration.AccessToken,
      curl: connectorCurl(clientToken || '<ClientToken>', integration.AccessToken, integration.EnterpriseIds),
      note: (clientToken ? '' : 'Put the client\'s ClientToken (shown when it was added) in place of <ClientToken>. ')
        + 'The curl sends the Connector API\'s messageThreads/getAll example to this server.' + addressNote(),
    });
  });
}

async function setIntegrationEnabled(integration, enable, control) {
  await acting(control, 'integrations-error', async () => {
    await call(enable ? 'integrations/enable' : 'integrations/disable', { IntegrationIds: [integration.Id] });
    integration.IsEnabled = enable;
    render();
  });
}

async function issueStaffToken(event) {
  event.preventDefault();
  const enterpriseId = $('staff-enterprise').value;
  await submitting(event, 'staff-error', async () => {
    if (!enterpriseId) {
      throw new Error('Add an enterprise first.');
    }
    const issued = await call('staffTokens/add', { EnterpriseId: enterpriseId });
    await Promise.all([loadStaffTokens(), state.publicOriginFound]);
    state.context.issued({
      heading: 'Staff token for ' + enterpriseName(enterpriseId),
      label: 'Staff token',
      secret: issued.StaffToken,
      curl: staffCurl(issued.StaffToken),
      note: 'Sign in to the staff inbox (/inbox) with it, or call the staff API as the curl does.' + addressNote(),
    });
  });
}

async function disableStaffToken(staffToken, control) {
  await acting(control, 'staff-error', async () => {
    await call('staffTokens/disable', { StaffTokenIds: [staffToken.Id] });
    await loadStaffTokens();
  });
}

async function loadStaffTokens() {
  const enterpriseId = $('staff-enterprise').value;
  const body = $('staff-tokens').tBodies[0];
  if (!enterpriseId) {
    body.replaceChildren();
    $('staff-status').textContent = '';
    return;
  }
  const generation = state.generation;
  try {
    const answer = await call('staffTokens/getAll', { EnterpriseId: enterpriseId });
    if (generation !== state.generation || enterpriseId !== $('staff-enterprise').value) {
      return;
    }
    setRows($('staff-tokens'), answer.StaffTokens.map((staffToken) => row(
      time(staffToken.CreatedUtc),
      staffToken.IsEnabled ? 'Enabled' : 'Disabled',
      shortId(staffToken.Id),
      staffToken.IsEnabled
        ? button('Disable', (event) => disableStaffToken(staffToken, event.currentTarget),
          { 'aria-label': 'Disable staff token ' + staffToken.Id.slice(0, 8) })
        : '')));
    $('staff-status').textContent = answer.StaffTokens.length === 0
      ? 'No staff tokens for ' + enterpriseName(enterpriseId) + ' yet.' : '';
  } catch (e) {
    if (generation === state.generation) {
      $('staff-error').textContent = 'Could not load the staff tokens: ' + explain(e);
    }
  }
}

// ---- the curl commands -------------------------------------------------------------------------

function shellQuoted(text) {
  return "'" + text.replaceAll("'", "'\\''") + "'";
}

function wireTime(millis) {
  return new Date(millis).toISOString().replace(/\.\d+Z$/, 'Z');
}

function connectorCurl(clientToken, accessToken, enterpriseIds) {
  const day = 24 * 3600 * 1000;
  const now = Date.now();
  const body = {
    ClientToken: clientToken,
    AccessToken: accessToken,
    Client: SAMPLE_CLIENT,
    EnterpriseIds: enterpriseIds,
    CreatedUtc: { StartUtc: wireTime(now - EXAMPLE_DAYS_BACK * day), EndUtc: wireTime(now + day) },
    Limitation: { Count: 10 },
  };
  return 'curl -s -X POST ' + publicBase() + '/api/connector/v1/messageThreads/getAll \\\n'
    + "  -H 'Content-Type: application/json' \\\n"
    + '  -d ' + shellQuoted(JSON.stringify(body));
}

function staffCurl(staffToken) {
  return 'curl -s -X POST ' + publicBase() + '/api/staff/v1/messageThreads/getAll \\\n'
    + '  -H ' + shellQuoted('Authorization: Bearer ' + staffToken) + ' \\\n'
    + "  -d '{\"Limitation\":{\"Count\":10}}'";
}

// ---- rendering ---------------------------------------------------------------------------------

function enterpriseName(id) {
  const enterprise = state.enterprises.items.get(id) || state.names.get(id);
  return enterprise ? enterprise.Name : String(id).slice(0, 8);
}

function render() {
  const enterprises = [...state.enterprises.items.values()];
  const clients = [...state.clients.items.values()];
  const integrations = [...state.integrations.items.values()];

  setRows($('enterprises'), enterprises.map((enterprise) => row(
    enterprise.Name, shortId(enterprise.Id), time(enterprise.CreatedUtc),
    button('Staff tokens', () => {
      $('staff-enterprise').value = enterprise.Id;
      loadStaffTokens();
      $('staff-heading').scrollIntoView({ block: 'nearest' });
    }, { 'aria-label': 'Staff tokens of ' + enterprise.Name, class: 'quiet' }))));
  $('enterprises-status').textContent = enterprises.length === 0 ? 'No enterprises yet.' : '';
  $('enterprises-more').hidden = state.enterprises.done;

  setRows($('clients'), clients.map((client) => row(
    client.Name, shortId(client.Id), client.WebhookUrl ? el('code', {}, client.WebhookUrl) : 'None',
    button('Change', () => openWebhookEdit(client), { 'aria-label': 'Change the webhook URL of ' + client.Name, class: 'quiet' }))));
  $('clients-status').textContent = clients.length === 0 ? 'No clients yet.' : '';
  $('clients-more').hidden = state.clients.done;

  setRows($('integrations'), integrations.map((integration) => {
    const label = 'integration ' + integration.Id.slice(0, 8) + ' of ' + clientName(integration.ClientId);
    return row(
      clientName(integration.ClientId),
      integration.IsPortfolio ? 'Portfolio' : 'Single',
      integration.EnterpriseIds.map(enterpriseName).join(', '),
      integration.IsEnabled ? 'Enabled' : 'Disabled',
      shortId(integration.Id),
      integration.IsEnabled
        ? button('Disable', (event) => setIntegrationEnabled(integration, false, event.currentTarget), { 'aria-label': 'Disable ' + label })
        : button('Enable', (event) => setIntegrationEnabled(integration, true, event.currentTarget), { 'aria-label': 'Enable ' + label }));
  }));
  $('integrations-status').textContent = integrations.length === 0 ? 'No integrations yet.' : '';
  $('integrations-more').hidden = state.integrations.done;

  fillSelect($('integration-client'), clients, (client) => client.Name);
  fillSelect($('staff-enterprise'), enterprises, (enterprise) => enterprise.Name);
  const ticked = new Set([...$('integration-enterprises').querySelectorAll('input:checked')].map((box) => box.value));
  $('integration-enterprises').replaceChildren(...enterprises.map((enterprise) => {
    const id = 'connect-' + enterprise.Id;
    return el('li', {}, el('input', { type: 'checkbox', id, value: enterprise.Id, checked: ticked.has(enterprise.Id) }),
      el('label', { for: id }, enterprise.Name));
  }));
  state.context.tenantsChanged();
}

function fillSelect(select, items, label) {
  const chosen = select.value;
  select.replaceChildren(...items.map((item) => el('option', { value: item.Id }, label(item))));
  if (items.some((item) => item.Id === chosen)) {
    select.value = chosen;
  }
}

// ---- one click does it once; its error beside it -----------------------------------------------

async function submitting(event, errorId, action) {
  const submit = event.submitter || event.target.querySelector('button[type=submit]');
  await acting(submit, errorId, action);
}

async function acting(control, errorId, action) {
  control.disabled = true;
  $(errorId).textContent = '';
  try {
    await action();
  } catch (e) {
    $(errorId).textContent = e.status === undefined ? e.message : explain(e);
  } finally {
    control.disabled = false;
  }
}

document.addEventListener('DOMContentLoaded', () => {
  $('enterprise-form').addEventListener('submit', addEnterprise);
  $('client-form').addEventListener('submit', addClient);
  $('integration-form').addEventListener('submit', addIntegration);
  $('staff-form').addEventListener('submit', issueStaffToken);
  $('staff-enterprise').addEventListener('change', loadStaffTokens);
  $('webhook-edit').addEventListener('submit', (event) => saveWebhookUrl(event, false));
  $('webhook-edit-remove').addEventListener('click', (event) => saveWebhookUrl(event, true));
  $('webhook-edit-cancel').addEventListener('click', closeWebhookEdit);
  $('enterprises-more').addEventListener('click', () => showMore(state.enterprises, 'enterprises'));
  $('clients-more').addEventListener('click', () => showMore(state.clients, 'clients'));
  $('integrations-more').addEventListener('click', () => showMore(state.integrations, 'integrations'));
});
