// Small DOM helpers of the console. Every text from the API goes in as text (textContent), never as markup.

export const $ = (id) => document.getElementById(id);

/** An element with attributes (strings; on* attributes are refused) and children (nodes or strings, as text). */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name.startsWith('on')) {
      throw new Error('no inline handlers: ' + name);
    }
    if (value !== null && value !== undefined && value !== false) {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children) {
    if (child !== null && child !== undefined && child !== '') {
      element.append(child);
    }
  }
  return element;
}

export function button(text, action, attributes = {}) {
  const element = el('button', { type: 'button', ...attributes }, text);
  element.addEventListener('click', action);
  return element;
}

/** A table row of cells (nodes or texts). */
export function row(...cells) {
  return el('tr', {}, ...cells.map((cell) => el('td', {}, cell)));
}

/**
 * The table's rows become {@code rows} (or get them appended). Each cell is labelled with its column's
 * heading, which a phone shows beside it when the table is laid out as one card per row.
 */
export function setRows(table, rows, append = false) {
  const headings = [...table.tHead.rows[0].cells].map((cell) => cell.textContent);
  for (const tableRow of rows) {
    [...tableRow.cells].forEach((cell, i) => cell.setAttribute('data-label', headings[i] || ''));
  }
  if (append) {
    table.tBodies[0].append(...rows);
  } else {
    table.tBodies[0].replaceChildren(...rows);
  }
}

/** A UTC wire time shown in the browser's time zone, the UTC text in its tooltip. */
export function time(utc) {
  if (!utc) {
    return '';
  }
  const date = new Date(utc);
  if (Number.isNaN(date.getTime())) {
    return String(utc);
  }
  return el('time', { datetime: utc, title: utc }, date.toLocaleString());
}

/** The start of an Id: enough to tell rows apart; the whole in the tooltip. */
export function shortId(id) {
  return el('code', { title: id, class: 'id' }, String(id).slice(0, 8));
}
