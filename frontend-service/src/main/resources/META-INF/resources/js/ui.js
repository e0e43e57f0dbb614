// What the parts of the page share: a busy state around each request, readable error messages, and
// field errors next to their controls.

import { describe, describeFields, isAbort } from './api.js';

/** The element of root marked data-role="role". */
export function part(root, role) {
  return root.querySelector(`[data-role="${role}"]`);
}

/** A new element with the given text (never parsed as HTML). */
export function element(tag, text = '', className = '') {
  const node = document.createElement(tag);
  node.textContent = text;
  if (className) {
    node.className = className;
  }
  return node;
}

/** A table cell holding content (a node or text). */
export function cell(content) {
  const td = document.createElement('td');
  td.append(content ?? '');
  return td;
}

/**
 * One part of the page that loads things: while a request runs, the part is aria-busy, its buttons and
 * selects are disabled and its status says what is loading; a failure is told in its alert, with the
 * field errors next to the controls of its form. A newer request cancels the one still running.
 */
export class Panel {
  constructor(root, form = null) {
    this.root = root;
    this.form = form;
    this.status = part(root, 'status');
    this.alert = part(root, 'alert');
    this.controller = null;
  }

  /** Runs request(signal); answers its result, or undefined when it failed (the alert says why) or was cancelled. */
  async run(loadingText, request) {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const focused = document.activeElement;
    this.say('');
    this.setBusy(true);
    this.status.textContent = loadingText;
    try {
      return await request(controller.signal);
    } catch (error) {
      if (!isAbort(error)) {
        this.fail(error);
      }
      return undefined;
    } finally {
      if (this.controller === controller) {
        this.controller = null;
        this.setBusy(false);
        if (this.status.textContent === loadingText) {
          this.status.textContent = '';
        }
        restoreFocus(focused, this.root);
      }
    }
  }

  /** Cancels the request still running, if any. */
  cancel() {
    if (this.controller) {
      this.controller.abort();
      this.controller = null;
      this.setBusy(false);
      this.status.textContent = '';
    }
  }

  /** Tells something in the status line, and clears the alert and field errors. */
  say(text) {
    this.status.textContent = text;
    this.alert.textContent = '';
    if (this.form) {
      clearFieldErrors(this.form);
    }
  }

  /** Shows errors found before sending anything ({field, message}, as the server would answer them). */
  invalid(errors) {
    this.say('');
    showFieldErrors(this.form, errors);
  }

  /** Shows a failure: field errors next to their controls, the rest in the alert. */
  fail(error) {
    if (!error || !('fieldErrors' in error)) {
      console.error(error);
    }
    const fieldErrors = error?.fieldErrors ?? [];
    const unshown = this.form ? showFieldErrors(this.form, fieldErrors) : fieldErrors;
    this.status.textContent = '';
    this.alert.textContent = [describe(error), describeFields(unshown)].filter(Boolean).join(' ');
  }

  setBusy(busy) {
    this.root.setAttribute('aria-busy', String(busy));
    for (const control of this.root.querySelectorAll('button, select')) {
      if (busy) {
        // a request that replaces a running one keeps the state from before the first
        control.dataset.wasDisabled ??= String(control.disabled);
        control.disabled = true;
      } else if (control.dataset.wasDisabled !== undefined) {
        control.disabled = control.dataset.wasDisabled === 'true';
        delete control.dataset.wasDisabled;
      }
    }
  }
}

/**
 * Shows each error ({field, message}) under the control named field (aria-invalid, aria-describedby) and
 * focuses the first such control; answers the errors that no control of the form shows.
 */
export function showFieldErrors(form, errors) {
  clearFieldErrors(form);
  const messages = new Map();
  const unshown = [];
  for (const error of errors) {
    const control = form.elements.namedItem(error.field);
    if (control instanceof HTMLElement && control.id) {
      messages.set(control, [...(messages.get(control) ?? []), error.message]);
    } else {
      unshown.push(error);
    }
  }
  for (const [control, texts] of messages) {
    const message = element('p', texts.join('; '), 'field-error');
    message.id = `${control.id}-error`;
    control.insertAdjacentElement('afterend', message);
    control.setAttribute('aria-invalid', 'true');
    control.dataset.describedby = control.getAttribute('aria-describedby') ?? '';
    control.setAttribute('aria-describedby', `${message.id} ${control.dataset.describedby}`.trim());
  }
  messages.keys().next().value?.focus();
  return unshown;
}

export function clearFieldErrors(form) {
  for (const message of form.querySelectorAll('.field-error')) {
    message.remove();
  }
  for (const control of form.querySelectorAll('[aria-invalid]')) {
    control.removeAttribute('aria-invalid');
    if (control.dataset.describedby) {
      control.setAttribute('aria-describedby', control.dataset.describedby);
    } else {
      control.removeAttribute('aria-describedby');
    }
    delete control.dataset.describedby;
  }
}

/** Disabling the focused button loses the keyboard's place: give it back once the request is over. */
function restoreFocus(focused, fallback) {
  if (document.activeElement !== document.body && document.activeElement !== null) {
    return;
  }
  if (focused instanceof HTMLElement && focused.isConnected && !focused.disabled && focused !== document.body) {
    focused.focus();
  } else if (fallback.hasAttribute('tabindex')) {
    fallback.focus();
  }
}

/** Fills a <datalist> with arXiv's category ids (GET /categories); without them the field still takes any text. */
export async function loadCategories(datalist) {
  try {
    const response = await fetch('categories', { headers: { Accept: 'application/json' } });
    if (!response.ok) {
      return;
    }
    const ids = await response.json();
    datalist.replaceChildren(...ids.map((id) => Object.assign(document.createElement('option'), { value: id })));
  } catch {
    // suggestions are a help, not a need
  }
}
