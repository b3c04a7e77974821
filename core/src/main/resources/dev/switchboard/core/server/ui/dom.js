// Builds elements from text only: no value is ever parsed as HTML, so whatever an event holds
// shows as text.

/** el('td', {class: 'x'}, 'text', child, ...): attributes are set with setAttribute, strings become text nodes. */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name.startsWith('on')) {
      element.addEventListener(name.substring(2), value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(element, child);
    } else if (child instanceof Node) {
      element.appendChild(child);
    } else {
      element.appendChild(document.createTextNode(String(child)));
    }
  }
}

export function table(headings, rows, attributes = {}) {
  return el('table', attributes,
    el('thead', {}, el('tr', {}, headings.map(heading => el('th', {}, heading)))),
    el('tbody', {}, rows));
}

export function number(value) {
  return el('td', { class: 'number' }, value ?? '–');
}

export function state(value) {
  return el('span', { class: `state-${value}` }, value);
}

export function time(value) {
  return value ? new Date(value).toLocaleString() : '–';
}

export function replace(container, ...children) {
  container.replaceChildren();
  append(container, children);
}
