// Calls the runtime's API with the key the user gave (kept for this browser tab only).
const KEY = 'switchboard.apiKey';

export class KeyNeeded extends Error {
  constructor(status) {
    super(status === 403 ? 'The API key was refused.' : 'This runtime needs an API key.');
    this.status = status;
  }
}

export function key() {
  return sessionStorage.getItem(KEY);
}

export function setKey(value) {
  if (value) {
    sessionStorage.setItem(KEY, value);
  } else {
    sessionStorage.removeItem(KEY);
  }
}

/** Sends a request; resolves to the parsed JSON answer (null for 204), rejects with KeyNeeded or an Error. */
export async function call(method, path, body) {
  const headers = { 'Accept': 'application/json' };
  if (key()) {
    headers['X-API-Key'] = key();
  }
  const init = { method, headers, cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (response.status === 401 || response.status === 403) {
    throw new KeyNeeded(response.status);
  }
  if (response.status === 204) {
    return null;
  }
  const answer = await response.json();
  if (!response.ok) {
    throw new Error(`${method} ${path}: ${response.status} ${answer.error ?? ''}`);
  }
  return answer;
}
