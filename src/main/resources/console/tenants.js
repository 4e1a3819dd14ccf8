// Tenants: enterprises, clients, integrations (single or portfolio, enabled or not) and staff tokens.

import { call, explain } from './api.js';
import { $, el, button, row, time, shortId } from './dom.js';

const SAMPLE_CLIENT = 'Sample Client 1.0.0';
/** The getAll example's CreatedUtc window, around now: the Connector requires a filter (at most 3 months). */
const EXAMPLE_DAYS_BACK = 30;

const state = {
  context: null,
  generation: 0,
  enterprises: new Map(),
  clients: new Map(),
  integrations: new Map(),
  /** ClientTokens of the clients added in this tab, in memory only: for the curl of their first integration. */
  clientTokens: new Map(),
};

export function startTenants(context) {
  state.context = context;
  state.generation++;
  render();
}

export function stopTenants() {
  state.generation++;
  state.enterprises.clear();
  state.clients.clear();
  state.integrations.clear();
  state.clientTokens.clear();
  for (const id of ['enterprises', 'clients', 'integrations', 'staff-tokens']) {
    $(id).tBodies[0].replaceChildren();
  }
}

// ---- adding ------------------------------------------------------------------------------------

async function addEnterprise(event) {
  event.preventDefault();
  const name = $('enterprise-name').value.trim();
  await submitting(event, 'enterprises-error', async () => {
    if (!name) {
      throw new Error('Enter the enterprise\'s name.');
    }
    const answer = await call('enterprises/add', { Enterprises: [{ Name: name }] });
    for (const enterprise of answer.Enterprises) {
      state.enterprises.set(enterprise.Id, enterprise);
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
    state.clients.set(client.Id, { Id: client.Id, Name: client.Name, WebhookUrl: client.WebhookUrl });
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
    state.integrations.set(integration.Id, {
      Id: integration.Id, ClientId: integration.ClientId, EnterpriseIds: integration.EnterpriseIds,
      IsPortfolio: integration.IsPortfolio, IsEnabled: true,
    });
    for (const box of $('integration-enterprises').querySelectorAll('input')) {
      box.checked = false;
    }
    render();
    const clientToken = state.clientTokens.get(integration.ClientId);
    state.context.issued({
      heading: 'AccessToken of a new ' + (integration.IsPortfolio ? 'portfolio' : 'single-enterprise') + ' integration',
      label: 'AccessToken',
      secret: integration.AccessToken,
      curl: connectorCurl(clientToken || '<ClientToken>', integration.AccessToken, integration.EnterpriseIds),
      note: (clientToken ? '' : 'Put the client\'s ClientToken (shown when it was added) in place of <ClientToken>. ')
        + 'The curl sends the Connector API\'s messageThreads/getAll example to this server.',
    });
  });
}

async function setIntegrationEnabled(integration, enable, control) {
  await acting(control, 'integrations-error', async () => {
    if (!enable) {
      await call('integrations/disable', { IntegrationIds: [integration.Id] });
    }
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
    await loadStaffTokens();
    const enterprise = state.enterprises.get(enterpriseId);
    state.context.issued({
      heading: 'Staff token for ' + (enterprise ? enterprise.Name : enterpriseId),
      label: 'Staff token',
      secret: issued.StaffToken,
      curl: staffCurl(issued.StaffToken),
      note: 'Sign in to the staff inbox (/inbox) with it, or call the staff API as the curl does.',
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
    body.replaceChildren(...answer.StaffTokens.map((staffToken) => row(
      time(staffToken.CreatedUtc),
      staffToken.IsEnabled ? 'Enabled' : 'Disabled',
      shortId(staffToken.Id),
      staffToken.IsEnabled
        ? button('Disable', (event) => disableStaffToken(staffToken, event.currentTarget),
          { 'aria-label': 'Disable staff token ' + staffToken.Id.slice(0, 8) })
        : '')));
    $('staff-status').textContent = answer.StaffTokens.length === 0 ? 'No staff tokens for this enterprise yet.' : '';
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

function connectorCurl(clientToken, accessToken, enterpriseIds) {
  const now = Date.now();
  const day = 24 * 3600 * 1000;
  const body = {
    ClientToken: clientToken,
    AccessToken: accessToken,
    Client: SAMPLE_CLIENT,
    EnterpriseIds: enterpriseIds,
    CreatedUtc: {
      StartUtc: new Date(now - EXAMPLE_DAYS_BACK * day).toISOString().replace(/\.\d+Z$/, 'Z'),
      EndUtc: new Date(now + day).toISOString().replace(/\.\d+Z$/, 'Z'),
    },
    Limitation: { Count: 10 },
  };
  return 'curl -s -X POST ' + location.origin + '/api/connector/v1/messageThreads/getAll \\\n'
    + "  -H 'Content-Type: application/json' \\\n"
    + '  -d ' + shellQuoted(JSON.stringify(body));
}

function staffCurl(staffToken) {
  return 'curl -s -X POST ' + location.origin + '/api/staff/v1/messageThreads/getAll \\\n'
    + '  -H ' + shellQuoted('Authorization: Bearer ' + staffToken) + ' \\\n'
    + "  -d '{\"Limitation\":{\"Count\":10}}'";
}

// ---- rendering ---------------------------------------------------------------------------------

function enterpriseName(id) {
  const enterprise = state.enterprises.get(id);
  return enterprise ? enterprise.Name : id.slice(0, 8);
}

function clientName(id) {
  const client = state.clients.get(id);
  return client ? client.Name : id.slice(0, 8);
}

function render() {
  $('enterprises').tBodies[0].replaceChildren(...[...state.enterprises.values()].map((enterprise) => row(
    enterprise.Name, shortId(enterprise.Id),
    button('Show staff tokens', () => {
      $('staff-enterprise').value = enterprise.Id;
      loadStaffTokens();
      $('staff-heading').scrollIntoView({ block: 'nearest' });
    }, { 'aria-label': 'Show staff tokens of ' + enterprise.Name, class: 'quiet' }))));
  $('enterprises-status').textContent = state.enterprises.size === 0 ? 'No enterprises yet.' : '';

  $('clients').tBodies[0].replaceChildren(...[...state.clients.values()].map((client) => row(
    client.Name, shortId(client.Id), client.WebhookUrl ? el('code', {}, client.WebhookUrl) : 'None')));
  $('clients-status').textContent = state.clients.size === 0 ? 'No clients yet.' : '';

  $('integrations').tBodies[0].replaceChildren(...[...state.integrations.values()].map((integration) => row(
    clientName(integration.ClientId),
    integration.IsPortfolio ? 'Portfolio' : 'Single',
    integration.EnterpriseIds.map(enterpriseName).join(', '),
    integration.IsEnabled ? 'Enabled' : 'Disabled',
    shortId(integration.Id),
    integration.IsEnabled
      ? button('Disable', (event) => setIntegrationEnabled(integration, false, event.currentTarget),
        { 'aria-label': 'Disable integration ' + integration.Id.slice(0, 8) })
      : '')));
  $('integrations-status').textContent = state.integrations.size === 0 ? 'No integrations yet.' : '';

  fillSelect($('integration-client'), [...state.clients.values()], (client) => client.Name);
  fillSelect($('staff-enterprise'), [...state.enterprises.values()], (enterprise) => enterprise.Name);
  const ticked = new Set([...$('integration-enterprises').querySelectorAll('input:checked')].map((box) => box.value));
  $('integration-enterprises').replaceChildren(...[...state.enterprises.values()].map((enterprise) => {
    const id = 'connect-' + enterprise.Id;
    return el('li', {}, el('input', { type: 'checkbox', id, value: enterprise.Id, checked: ticked.has(enterprise.Id) }),
      el('label', { for: id }, enterprise.Name));
  }));
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
});
