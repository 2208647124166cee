// The listener registry: every transport the server can serve, in start-up
// order. The composition root (src/app.ts) starts each one the config
// enables.
import { httpListener } from './http/http_server.js';
import { quicListener } from './quic/quic_server.js';
import { tcpListener } from './tcp/tcp_server.js';
import type { Listener } from './transport.js';
import { wsListener } from './ws/ws_server.js';

export const LISTENERS: readonly Listener[] = [tcpListener, quicListener, httpListener, wsListener];
