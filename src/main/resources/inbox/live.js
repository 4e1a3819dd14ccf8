// Live updates from the staff event stream (GET /api/staff/v1/events, Server-Sent Events). Read with
// fetch() and a stream reader, because EventSource cannot send the Authorization header; resumed
// with Last-Event-ID after a break.

import { token, ApiError } from './api.js';

const EVENTS = '/api/staff/v1/events';

export function startLive(handlers) {
  const controller = new AbortController();
  let lastEventId = null;
  let retryMillis = 2000;
  let stopped = false;

  const wait = (millis) => new Promise((resolve) => setTimeout(resolve, millis));

  async function run() {
    while (!stopped) {
      let response;
      try {
        const headers = { Authorization: 'Bearer ' + token.get(), Accept: 'text/event-stream' };
        if (lastEventId !== null) {
          headers['Last-Event-ID'] = lastEventId;
        }
        response = await fetch(EVENTS, { headers, cache: 'no-store', credentials: 'omit', signal: controller.signal });
      } catch (e) {
        if (stopped) {
          return;
        }
        handlers.unavailable();
        await wait(retryMillis);
        continue;
      }
      if (response.status === 401) {
        handlers.unauthorized(new ApiError(401, 'The staff token is no longer accepted.'));
        return;
      }
      if (!response.ok) {
        handlers.unavailable();
        const after = Number(response.headers.get('Retry-After'));
        await wait(after > 0 ? after * 1000 : retryMillis);
        continue;
      }
      // Open: from now on every change arrives. Without an event to resume from, what happened
      // before is only in a (re)load of the views.
      if (lastEventId === null) {
        handlers.reset();
      }
      try {
        await read(response.body);
      } catch (e) {
        // A broken stream: resumed below, from the last event seen.
      }
      if (!stopped) {
        await wait(retryMillis);
      }
    }
  }

  async function read(body) {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        dispatch(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  }

  function dispatch(block) {
    let type = 'message';
    let data = [];
    let id = null;
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) {
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') {
        type = value;
      } else if (field === 'data') {
        data.push(value);
      } else if (field === 'id') {
        id = value;
      } else if (field === 'retry' && /^\d+$/.test(value)) {
        retryMillis = Number(value);
      }
    }
    if (id !== null) {
      lastEventId = id;
    }
    if (data.length === 0) {
      return;
    }
    let payload;
    try {
      payload = JSON.parse(data.join('\n'));
    } catch (e) {
      return;
    }
    if (type === 'message') {
      handlers.message(payload.MessageThreadId, payload.Message);
    } else if (type === 'thread') {
      handlers.thread(payload);
    } else if (type === 'reset') {
      handlers.reset();
    }
  }

  run();
  return () => {
    stopped = true;
    controller.abort();
  };
}
