// Builds the list items. Every text from the API goes in with textContent: it is shown as the
// characters it is, and nothing in it can become markup.

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined && text !== null) {
    node.textContent = text;
  }
  return node;
}

/** A <time> in the browser's local time zone, with the UTC value as its tooltip. */
export function time(utc, className) {
  const node = el('time', className);
  if (!utc) {
    node.textContent = 'no messages yet';
    return node;
  }
  const date = new Date(utc);
  node.dateTime = utc;
  node.textContent = date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  node.title = date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC').replace(/Z$/, ' UTC');
  return node;
}

/** Which app opened the thread: the staff API tells its ClientId. */
export function clientLabel(clientId) {
  return 'App ' + String(clientId).slice(0, 8);
}

/** The time a row shows: LastMessageUtc where the API gives it, else the thread's last change. */
export function lastActivity(thread) {
  return 'LastMessageUtc' in thread ? thread.LastMessageUtc : thread.UpdatedUtc;
}

export function threadItem(thread, onOpen) {
  const item = el('li', 'thread-item');
  item.dataset.threadId = thread.Id;
  const button = el('button', 'thread');
  button.type = 'button';
  const top = el('span', 'thread-top');
  top.append(el('span', 'subject', thread.Subject));
  top.append(time(lastActivity(thread), 'thread-time'));
  const bottom = el('span', 'thread-bottom');
  bottom.append(el('span', 'sender', thread.OriginalSender));
  bottom.append(el('span', 'client', clientLabel(thread.ClientId)));
  bottom.append(el('span', thread.IsResolved ? 'badge resolved' : 'badge open', thread.IsResolved ? 'Resolved' : 'Unresolved'));
  button.append(top, bottom);
  button.addEventListener('click', () => onOpen(thread.Id));
  item.append(button);
  return item;
}

export function messageItem(message) {
  const fromHotel = message.Sender && message.Sender.Discriminator === 'Enterprise';
  const item = el('li', fromHotel ? 'message hotel' : 'message app');
  item.dataset.messageId = message.Id;
  const head = el('span', 'message-head');
  head.append(el('span', 'author', fromHotel ? 'Hotel' : 'Guest app'));
  head.append(time(message.CreatedUtc, 'message-time'));
  item.append(head, el('p', 'text', message.Text));
  return item;
}
