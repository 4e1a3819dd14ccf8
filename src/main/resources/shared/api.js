// The one API a page talks to (the staff API for the inbox, the admin API for the console), named by
// the page's <html data-api data-token-key>. The token lives in sessionStorage (this tab only) and
// travels in the Authorization header, never in a URL.

const TOKEN_KEY = document.documentElement.dataset.tokenKey;
const BASE = document.documentElement.dataset.api;

export class ApiError extends Error {
  constructor(status, message, retryAfter) {
    super(message);
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (value) => sessionStorage.setItem(TOKEN_KEY, value),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

let onUnauthorized = () => {};

/** Called on any 401 after sign-in: the token stopped working. */
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

/** POSTs body to an operation of the page's API; resolves with the answer's JSON or rejects with an ApiError. */
export async function call(operation, body, bearer = token.get()) {
  let response;
  try {
    response = await fetch(BASE + operation, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + bearer },
      body: JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch (e) {
    throw new ApiError(0, 'The server cannot be reached. Check the connection and try again.');
  }
  if (response.status === 204) {
    return {};
  }
  let json = null;
  try {
    json = await response.json();
  } catch (e) {
    json = null;
  }
  if (response.ok && json) {
    return json;
  }
  const message = (json && typeof json.Message === 'string' && json.Message) || ('The server answered ' + response.status + '.');
  const error = new ApiError(response.status, message, response.headers.get('Retry-After'));
  if (response.status === 401 && bearer === token.get()) {
    onUnauthorized(error);
  }
  throw error;
}

/** What the error means to the person at the screen. */
export function explain(error) {
  if (error.status === 429) {
    return 'Too many requests: ' + error.message + (error.retryAfter ? ' Try again in ' + error.retryAfter + ' s.' : '');
  }
  if (error.status === 0) {
    return error.message;
  }
  return error.message + ' (' + error.status + ')';
}
