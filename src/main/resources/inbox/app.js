// The staff inbox: sign-in, the thread list, one conversation, live updates. A client of the staff API only.

import { call, explain, token, whenUnauthorized } from './api.js';
import { threadItem, messageItem, clientLabel, time, lastActivity } from './views.js';
import { startLive } from './live.js';

const THREAD_PAGE = 50;
// A Search examines a bounded number of threads per request (README, the staff API): a short page with a
// Cursor means "none yet, ask on". This many such pages in a row are fetched by themselves; then the
// staff chooses to search older threads, so a term that matches nothing does not walk the whole hotel.
const SEARCH_PAGES_UNASKED = 10;
const MESSAGE_PAGE = 50;
const MAX_REPLY = 10000;
const NEAR_LIMIT = 500;
const STREAM_PATIENCE_MILLIS = 3000;

const $ = (id) => document.getElementById(id);

const list = {
  generation: 0,
  cursor: null,
  done: false,
  loading: false,
  threads: new Map(),
  shortSearchPages: 0, // short Search pages with a Cursor in a row, fetched without being asked
};

/** Threads that got a message whose thread change has not arrived yet: that change moves them to the top. */
const messagedSince = new Set();
let open = null; // { thread, cursor, done, loading, shown: Set of message ids }
let sending = false;
let stopLive = () => {};

function showSignIn(message) {
  stopLive();
  $('inbox').hidden = true;
  $('sign-in').hidden = false;
  $('sign-in-error').textContent = message || '';
  $('token').value = '';
  $('token').focus();
}

function showInbox() {
  $('sign-in').hidden = true;
  $('inbox').hidden = false;
  $('sign-in-error').textContent = '';
  // The views are loaded once the stream is open, so that no change falls between the two; if the
  // stream cannot be opened (or takes long), they are loaded without it.
  let loaded = false;
  const load = () => {
    loaded = true;
    reloadAll();
  };
  const fallback = setTimeout(() => loaded || load(), STREAM_PATIENCE_MILLIS);
  const stop = startLive({
    message: applyMessage,
    thread: applyThread,
    reset: () => {
      clearTimeout(fallback);
      load();
    },
    unavailable: () => {
      clearTimeout(fallback);
      if (!loaded) {
        load();
      }
    },
    unauthorized: signedOutByServer,
  });
  stopLive = () => {
    clearTimeout(fallback);
    stop();
  };
}

function signedOutByServer() {
  token.clear();
  showSignIn('Your staff token is no longer accepted. Sign in again: your unsent reply is kept.');
}

async function signIn(event) {
  event.preventDefault();
  const value = $('token').value.trim();
  const error = $('sign-in-error');
  if (!value) {
    error.textContent = 'Enter a staff token.';
    return;
  }
  error.textContent = '';
  const button = event.submitter || $('sign-in-form').querySelector('button');
  button.disabled = true;
  try {
    await call('messageThreads/getAll', { Limitation: { Count: 1 } }, value);
    token.set(value);
    showInbox();
  } catch (e) {
    error.textContent = e.status === 401
      ? 'That staff token is not accepted. Check it (or ask for a new one) and try again.'
      : 'Could not sign in: ' + explain(e);
  } finally {
    button.disabled = false;
  }
}

function signOut() {
  token.clear();
  stopLive();
  list.generation++;
  list.threads.clear();
  $('threads').replaceChildren();
  closeConversation();
  open = null;
  $('reply').value = '';
  updateCount();
  showSignIn('');
}

// ---- the thread list -------------------------------------------------------------------------

function isResolvedFilter() {
  const show = $('show').value;
  return show === 'all' ? null : show === 'resolved';
}

function searchText() {
  return $('search').value.trim();
}

function listRequest() {
  const body = { Order: 'UpdatedUtc', IsResolved: isResolvedFilter(), Limitation: { Count: THREAD_PAGE } };
  const search = searchText();
  if (search) {
    body.Search = search;
  }
  if (list.cursor) {
    body.Limitation.Cursor = list.cursor;
  }
  return body;
}

function reloadThreads() {
  list.generation++;
  list.cursor = null;
  list.done = false;
  list.loading = false;
  list.threads.clear();
  list.shortSearchPages = 0;
  $('search-older').hidden = true;
  $('threads').replaceChildren();
  $('threads-error').textContent = '';
  loadMoreThreads();
}

async function loadMoreThreads() {
  if (list.loading || list.done || searchPaused()) {
    return;
  }
  const generation = list.generation;
  list.loading = true;
  $('threads-status').textContent = list.shortSearchPages > 0 ? 'Searching older threads…' : 'Loading threads…';
  try {
    const request = listRequest();
    const answer = await call('messageThreads/getAll', request);
    if (generation !== list.generation) {
      return;
    }
    for (const thread of answer.MessageThreads) {
      if (!list.threads.has(thread.Id)) {
        list.threads.set(thread.Id, thread);
        $('threads').append(threadItem(thread, openThread));
      }
    }
    const short = answer.MessageThreads.length < THREAD_PAGE;
    list.cursor = answer.Cursor;
    // Without Search a short page is the last; with it, only a page without Cursor is.
    list.done = !answer.Cursor || (short && !request.Search);
    list.shortSearchPages = short && !list.done ? list.shortSearchPages + 1 : 0;
    $('search-older').hidden = !searchPaused();
    markOpenThread();
    $('threads-status').textContent = threadsStatus();
  } catch (e) {
    if (generation === list.generation) {
      $('threads-status').textContent = '';
      $('threads-error').textContent = 'Could not load the threads: ' + explain(e);
    }
    return;
  } finally {
    if (generation === list.generation) {
      list.loading = false;
    }
  }
  if (sentinelVisible($('threads-end'), $('threads-scroll'))) {
    loadMoreThreads();
  }
}

/** A Search that kept finding too little: it waits for "Search older threads". */
function searchPaused() {
  return list.shortSearchPages >= SEARCH_PAGES_UNASKED;
}

function threadsStatus() {
  if (searchPaused()) {
    return list.threads.size === 0 ? 'No matches in the newest threads.' : 'No more matches in the newest threads.';
  }
  return list.done && list.threads.size === 0 ? 'No threads here.' : '';
}

function searchOlderThreads() {
  list.shortSearchPages = 0;
  $('search-older').hidden = true;
  loadMoreThreads();
}

function sentinelVisible(sentinel, container) {
  const box = container.getBoundingClientRect();
  const at = sentinel.getBoundingClientRect();
  return at.bottom >= box.top - 200 && at.top <= box.bottom + 200;
}

function matchesList(thread) {
  const resolved = isResolvedFilter();
  if (resolved !== null && thread.IsResolved !== resolved) {
    return false;
  }
  const search = searchText().toLowerCase();
  return !search || thread.Subject.toLowerCase().includes(search) || thread.OriginalSender.toLowerCase().includes(search);
}

/** A thread that changed (live, or by this page): updated in place, moved to the top, or removed. */
function applyThread(thread) {
  const items = $('threads');
  const existing = items.querySelector(`li[data-thread-id="${CSS.escape(thread.Id)}"]`);
  const known = list.threads.get(thread.Id);
  const next = existing ? existing.nextSibling : null;
  if (existing) {
    existing.remove();
  }
  list.threads.delete(thread.Id);
  if (matchesList(thread)) {
    list.threads.set(thread.Id, thread);
    // Times have whole seconds: a message in the thread's second of creation leaves UpdatedUtc as it was.
    const moved = !known || known.UpdatedUtc !== thread.UpdatedUtc || known.LastMessageUtc !== thread.LastMessageUtc
      || messagedSince.delete(thread.Id);
    const item = threadItem(thread, openThread);
    if (moved || !existing) {
      items.prepend(item);
    } else {
      items.insertBefore(item, next);
    }
  }
  if (open && open.thread.Id === thread.Id) {
    open.thread = thread;
    showThreadHead(thread);
  }
  markOpenThread();
  if (!list.loading) {
    $('threads-status').textContent = threadsStatus();
  }
}

function markOpenThread() {
  for (const button of $('threads').querySelectorAll('button.thread')) {
    const id = button.parentElement.dataset.threadId;
    if (open && open.thread.Id === id) {
      button.setAttribute('aria-current', 'true');
    } else {
      button.removeAttribute('aria-current');
    }
  }
}

// ---- the conversation ------------------------------------------------------------------------

async function openThread(threadId) {
  const keepDraft = open && open.thread.Id === threadId;
  const known = list.threads.get(threadId) || (open && open.thread.Id === threadId ? open.thread : null);
  let thread = known;
  try {
    if (!thread || keepDraft) {
      const answer = await call('messageThreads/getAll', { MessageThreadIds: [threadId], IsResolved: null, Limitation: { Count: 1 } });
      thread = answer.MessageThreads[0] || thread;
    }
  } catch (e) {
    $('threads-error').textContent = 'Could not open the thread: ' + explain(e);
    return;
  }
  if (!thread) {
    return;
  }
  if (!keepDraft) {
    $('reply').value = '';
    updateCount();
  }
  open = { thread, cursor: null, done: false, loading: false, shown: new Set(), generation: (open ? open.generation : 0) + 1 };
  $('messages').replaceChildren();
  $('conversation-error').textContent = '';
  $('reply-error').textContent = '';
  $('conversation').hidden = false;
  $('no-conversation').hidden = true;
  $('inbox').classList.add('reading');
  showThreadHead(thread);
  markOpenThread();
  await loadOlderMessages();
  if (!keepDraft) {
    $('reply').focus();
  }
}

function closeConversation() {
  $('conversation').hidden = true;
  $('no-conversation').hidden = false;
  $('inbox').classList.remove('reading');
}

function showThreadHead(thread) {
  $('conversation-subject').textContent = thread.Subject;
  $('conversation-subject').title = thread.Subject;
  const meta = $('conversation-meta');
  meta.replaceChildren(thread.OriginalSender + ' · ' + clientLabel(thread.ClientId) + ' · opened ', time(thread.CreatedUtc));
  $('resolve').textContent = thread.IsResolved ? 'Reopen' : 'Resolve';
}

async function loadOlderMessages() {
  const conversation = open;
  if (!conversation || conversation.loading || conversation.done) {
    return;
  }
  conversation.loading = true;
  $('messages-status').textContent = 'Loading messages…';
  const scroll = $('messages-scroll');
  const first = conversation.cursor === null;
  try {
    const limitation = { Count: MESSAGE_PAGE };
    if (conversation.cursor) {
      limitation.Cursor = conversation.cursor;
    }
    const answer = await call('messages/getAll', { MessageThreadIds: [conversation.thread.Id], Limitation: limitation });
    if (conversation !== open) {
      return;
    }
    const fromBottom = scroll.scrollHeight - scroll.scrollTop;
    const older = document.createDocumentFragment();
    for (const message of answer.Messages.slice().reverse()) {
      if (!conversation.shown.has(message.Id)) {
        conversation.shown.add(message.Id);
        older.append(messageItem(message));
      }
    }
    $('messages').prepend(older);
    conversation.cursor = answer.Cursor;
    conversation.done = !answer.Cursor || answer.Messages.length < MESSAGE_PAGE;
    scroll.scrollTop = first ? scroll.scrollHeight : scroll.scrollHeight - fromBottom;
    $('messages-status').textContent = conversation.shown.size === 0 ? 'No messages yet.' : '';
  } catch (e) {
    if (conversation === open) {
      $('messages-status').textContent = '';
      $('conversation-error').textContent = 'Could not load the messages: ' + explain(e);
    }
    return;
  } finally {
    conversation.loading = false;
  }
  if (conversation === open && !conversation.done && sentinelVisible($('messages-start'), scroll)) {
    loadOlderMessages();
  }
}

/** A message that was added (live, or by this page): shown at the bottom of its open conversation. */
function applyMessage(threadId, message) {
  messagedSince.add(threadId);
  if (!open || open.thread.Id !== threadId || open.shown.has(message.Id)) {
    return;
  }
  const scroll = $('messages-scroll');
  const atBottom = scroll.scrollHeight - scroll.scrollTop - scroll.clientHeight < 80;
  open.shown.add(message.Id);
  $('messages').append(messageItem(message));
  $('messages-status').textContent = '';
  if (atBottom || message.Sender.Discriminator === 'Enterprise') {
    scroll.scrollTop = scroll.scrollHeight;
  }
}

async function send(event) {
  event.preventDefault();
  if (sending || !open) {
    return;
  }
  const box = $('reply');
  const text = box.value;
  if (!text.trim()) {
    $('reply-error').textContent = 'Write a reply first.';
    return;
  }
  const conversation = open;
  sending = true;
  $('send').disabled = true;
  $('reply-error').textContent = '';
  try {
    const answer = await call('messages/add', { Messages: [{ MessageThreadId: conversation.thread.Id, Text: text }] });
    if (box.value === text) {
      box.value = '';
      updateCount();
    }
    const message = answer.Messages[0].Message;
    applyMessage(conversation.thread.Id, message);
    applyThread({ ...conversation.thread, UpdatedUtc: message.CreatedUtc,
      ...('LastMessageUtc' in conversation.thread ? { LastMessageUtc: message.CreatedUtc } : {}) });
  } catch (e) {
    if (e.status !== 401) {
      $('reply-error').textContent = 'Not sent: ' + explain(e) + ' Your reply is still here.';
    }
  } finally {
    sending = false;
    $('send').disabled = false;
  }
}

async function toggleResolved() {
  if (!open) {
    return;
  }
  const button = $('resolve');
  button.disabled = true;
  $('conversation-error').textContent = '';
  try {
    const answer = await call('messageThreads/resolve', { MessageThreadIds: [open.thread.Id], IsResolved: !open.thread.IsResolved });
    applyThread(answer.MessageThreads[0]);
  } catch (e) {
    $('conversation-error').textContent = 'Could not change the thread: ' + explain(e);
  } finally {
    button.disabled = false;
  }
}

function updateCount() {
  const length = $('reply').value.length;
  const count = $('reply-count');
  count.textContent = length.toLocaleString() + ' / ' + MAX_REPLY.toLocaleString();
  count.classList.toggle('near', MAX_REPLY - length <= NEAR_LIMIT);
}

// ---- live ------------------------------------------------------------------------------------

function reloadAll() {
  reloadThreads();
  if (open) {
    openThread(open.thread.Id);
  }
}

// ---- wiring ----------------------------------------------------------------------------------

function wire() {
  whenUnauthorized(signedOutByServer);
  $('sign-in-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', signOut);
  $('show').addEventListener('change', reloadThreads);
  $('search-older').addEventListener('click', searchOlderThreads);
  let searchTimer = null;
  $('search').addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(reloadThreads, 250);
  });
  $('threads-scroll').addEventListener('scroll', () => {
    if (sentinelVisible($('threads-end'), $('threads-scroll'))) {
      loadMoreThreads();
    }
  }, { passive: true });
  $('messages-scroll').addEventListener('scroll', () => {
    if ($('messages-scroll').scrollTop < 200) {
      loadOlderMessages();
    }
  }, { passive: true });
  // A conversation read at its newest message stays there when the window or the reply box changes size.
  let atBottom = true;
  const messagesScroll = $('messages-scroll');
  messagesScroll.addEventListener('scroll', () => {
    atBottom = messagesScroll.scrollHeight - messagesScroll.scrollTop - messagesScroll.clientHeight < 80;
  }, { passive: true });
  new ResizeObserver(() => {
    if (atBottom) {
      messagesScroll.scrollTop = messagesScroll.scrollHeight;
    }
  }).observe(messagesScroll);
  $('reply-form').addEventListener('submit', send);
  $('reply').addEventListener('input', updateCount);
  $('reply').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $('reply-form').requestSubmit();
    }
  });
  $('resolve').addEventListener('click', toggleResolved);
  $('back').addEventListener('click', () => {
    closeConversation();
    const current = $('threads').querySelector('button[aria-current]');
    (current || $('search')).focus();
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !$('conversation').hidden && $('inbox').classList.contains('reading')) {
      $('back').click();
    }
  });
  updateCount();
  if (token.get()) {
    showInbox();
  } else {
    showSignIn('');
  }
}

wire();
