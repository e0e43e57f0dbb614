// The public endpoints of the frontend, called with relative URLs. Every failure becomes an ApiError
// carrying the problem details (RFC 9457) the server answered, or a readable stand-in for them.

/** A failed call: the problem's status, title, detail and per-field errors ([{field, message}]). */
export class ApiError extends Error {
  constructor(status, title, detail, fieldErrors = [], retryAfter = null) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.fieldErrors = fieldErrors;
    this.retryAfter = retryAfter;
  }
}

/** GET url, answering its JSON body. */
export function getJson(url, signal) {
  return call(url, { signal, headers: { Accept: 'application/json' } });
}

/** GET url as text (a download in the format accept names), answering its body. */
export async function getText(url, accept, signal) {
  let response;
  try {
    response = await fetch(url, { signal, headers: { Accept: accept } });
  } catch (error) {
    if (isAbort(error)) {
      throw error;
    }
    throw new ApiError(0, 'The server cannot be reached', 'check the connection and try again');
  }
  if (response.ok) {
    return response.text();
  }
  throw problem(response, await readJson(response));
}

/** POST body as JSON to url, answering its JSON body. */
export function postJson(url, body, signal) {
  return call(url, {
    method: 'POST',
    signal,
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** A call answered without a body (202, 204): answers true, or throws the problem like the others. */
export async function send(url, method, signal) {
  let response;
  try {
    response = await fetch(url, { method, signal, headers: { Accept: 'application/json' } });
  } catch (error) {
    if (isAbort(error)) {
      throw error;
    }
    throw new ApiError(0, 'The server cannot be reached', 'check the connection and try again');
  }
  if (response.ok) {
    return true;
  }
  throw problem(response, await readJson(response));
}

/** url with the given query parameters; null, undefined and empty values are left out. */
export function withQuery(path, params) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') {
      query.append(name, value);
    }
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** True when the error only says that the caller cancelled the request (a newer one replaced it). */
export function isAbort(error) {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Sentences for the user: the problem's title and detail, and when to try again. */
export function describe(error) {
  if (!(error instanceof ApiError)) {
    return 'Something went wrong in this page. Reload it and try again.';
  }
  const text = [sentence(error.detail ? `${error.title}: ${error.detail}` : error.title)];
  if (error.retryAfter !== null) {
    text.push(`Try again in ${error.retryAfter} seconds.`);
  }
  return text.join(' ');
}

/** "field: message" sentences, for field errors that no control on the page shows. */
export function describeFields(fieldErrors) {
  return fieldErrors.map((e) => sentence(`${e.field}: ${e.message}`)).join(' ');
}

function sentence(text) {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

async function call(url, init) {
  let response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    if (isAbort(error)) {
      throw error;
    }
    throw new ApiError(0, 'The server cannot be reached', 'check the connection and try again');
  }
  const body = await readJson(response);
  if (response.ok && body !== undefined) {
    return body;
  }
  if (response.ok) {
    throw new ApiError(response.status, 'Unexpected answer', 'the server did not answer JSON');
  }
  throw problem(response, body);
}

async function readJson(response) {
  const type = response.headers.get('Content-Type') || '';
  if (!/^application\/(problem\+)?json\b/.test(type)) {
    return undefined;
  }
  try {
    return await response.json();
  } catch (error) {
    if (isAbort(error)) {
      throw error;
    }
    return undefined;
  }
}

function problem(response, body) {
  const details = body && typeof body === 'object' ? body : {};
  const title = typeof details.title === 'string' && details.title ? details.title : `The server answered ${response.status}`;
  const detail = typeof details.detail === 'string' ? details.detail : '';
  const errors = Array.isArray(details.errors)
    ? details.errors.filter((e) => e && typeof e.field === 'string' && typeof e.message === 'string')
    : [];
  const retryAfter = Number.parseInt(response.headers.get('Retry-After'), 10);
  return new ApiError(response.status, title, detail, errors, Number.isFinite(retryAfter) ? retryAfter : null);
}
