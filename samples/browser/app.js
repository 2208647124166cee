// The sample page's script: one IggyClient over WebSocket (the browser's own
// WebSocket) sends, a second over HTTP (fetch) polls; both log in, so the
// HTTP one holds a JWT. Query parameters prefill the form (?http=...&ws=...),
// so the page can point at any server without editing it.
import { HttpDispatcher, IggyClient, PollingStrategies, headerValue, headerValueToJs, ws } from '../../sdk/dist/iggy-sdk.browser.js';

const form = document.getElementById('form');
const status = document.getElementById('status');
const log = document.getElementById('log');
const table = document.getElementById('messages');

for (const [name, value] of new URLSearchParams(location.search)) {
  if (form.elements[name] !== undefined) form.elements[name].value = value;
}

function say(line) {
  log.textContent += `${line}\n`;
}

/** The stream and topic exist afterwards; creating them only when missing keeps the page re-runnable. */
async function ensureTopic(client, stream, topic) {
  if ((await client.streams.get(stream)) === null) {
    await client.streams.create(stream);
    say(`created stream ${stream}`);
  }
  if ((await client.topics.get(stream, topic)) === null) {
    await client.topics.create(stream, { name: topic, partitionsCount: 1 });
    say(`created topic ${topic}`);
  }
}

function showMessages(messages) {
  table.replaceChildren();
  const decoder = new TextDecoder();
  for (const { header, payload, userHeaders } of messages) {
    const row = table.insertRow();
    const headers = userHeaders.map(({ key, value }) => `${decoder.decode(key.value)}=${String(headerValueToJs(value))}`).join(', ');
    for (const cell of [header.offset, header.id.toString(16), headers, decoder.decode(payload)]) row.insertCell().textContent = String(cell);
  }
}

async function run(options) {
  const auth = { username: options.username, password: options.password };
  const sender = await IggyClient.connect({ transport: ws({ url: options.ws }), auth, heartbeatIntervalMs: 0 });
  const reader = await IggyClient.connect({ dispatcher: new HttpDispatcher({ url: options.http }), auth, heartbeatIntervalMs: 0 });
  try {
    say(`logged in over ${sender.transportName} and ${reader.transportName}`);
    await ensureTopic(sender, options.stream, options.topic);
    const count = Number(options.count);
    const sentAt = new Date().toISOString();
    const messages = Array.from({ length: count }, (_, i) => ({
      payload: `${options.text} #${i + 1}`,
      headers: [{ key: headerValue.string('sent-at'), value: headerValue.string(sentAt) }],
    }));
    await sender.messages.send(options.stream, options.topic, messages);
    say(`sent ${count} messages over WebSocket`);
    // The newest `count` messages: this run's, even when the topic holds older ones.
    const polled = await reader.messages.poll(options.stream, options.topic, { partitionId: 0, strategy: PollingStrategies.last(), count });
    say(`polled ${polled.messages.length} messages over HTTP`);
    showMessages(polled.messages);
    return polled.messages.length;
  } finally {
    await Promise.allSettled([sender.close(), reader.close()]);
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  status.textContent = 'running';
  log.textContent = '';
  run(Object.fromEntries(new FormData(form)))
    .then((count) => (status.textContent = `done: ${count} messages`))
    .catch((error) => {
      say(`error: ${error.message}`);
      status.textContent = 'failed';
    });
});
