// The one SignalR connection to /hubs/live (official client, loaded as the global `signalR`).
// WebSockets only, no negotiate round trip, so any silo behind a load balancer can take it.
import { getToken, getReadLanguage } from './session.js';

/** An error from a hub call: the contract's `code: detail` message, split. */
export class HubError extends Error {
  constructor(message) {
    super(message);
    this.name = 'HubError';
    const m = /^\s*(?:.*HubException:\s*)?([a-z_]+):\s*(.*)$/s.exec(String(message ?? ''));
    this.code = m ? m[1] : null;
    this.detail = m ? m[2] : String(message ?? '');
  }
}

const EVENTS = [
  'chat', 'chatTranslated', 'roomCounters', 'chatDeleted', 'chatPinned', 'roomSettings',
  'comment', 'commentTranslated', 'noteCounters', 'commentCounters',
  'commentDeleted', 'noteDeleted',
  'notification', 'inboxUnread',
  'directMessage', 'directMessageTranslated', 'directMessageDeleted', 'directUnread',
  'productPinned', 'productStock', 'orderPlaced',
  'topicCounters', 'trending',
];

class LiveHub {
  constructor() {
    this.state = 'disconnected';
    this.stateListeners = new Set();
    this.connectedListeners = new Set();
    this.handlers = new Map(EVENTS.map((e) => [e, new Set()]));
    this.connection = null;
    this.generation = 0;
    this.startPromise = null;
  }

  build() {
    const connection = new signalR.HubConnectionBuilder()
      // Relative to the page, so the viewer also works under a reverse proxy's path prefix.
      .withUrl(new URL('hubs/live', document.baseURI).href, {
        accessTokenFactory: () => getToken() ?? '',
        skipNegotiation: true,
        transport: signalR.HttpTransportType.WebSockets,
      })
      .withAutomaticReconnect({
        // Keep trying for as long as the page is open, backing off to ~10 s. Every delay is
        // jittered so that a restarted silo is not hit by all of its viewers in the same instant.
        nextRetryDelayInMilliseconds: (ctx) => {
          const base = [600, 1500, 3000, 6000][ctx.previousRetryCount] ?? 10000;
          return Math.round(base * (0.5 + Math.random()));
        },
      })
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    connection.serverTimeoutInMilliseconds = 30000;
    connection.keepAliveIntervalInMilliseconds = 10000;
    for (const name of EVENTS) {
      connection.on(name, (payload) => {
        for (const fn of this.handlers.get(name)) {
          try { fn(payload); } catch (err) { console.error(`handler for ${name} failed`, err); }
        }
      });
    }
    connection.onreconnecting(() => this.setState('reconnecting'));
    connection.onreconnected(() => this.afterConnect());
    connection.onclose(() => {
      // Automatic reconnect gave up (or the server closed us): keep retrying in the background.
      if (this.connection !== connection) return;
      this.setState('disconnected');
      this.scheduleRestart();
    });
    return connection;
  }

  setState(state) {
    if (this.state === state) return;
    this.state = state;
    for (const fn of this.stateListeners) fn(state);
  }

  async afterConnect() {
    this.setState('connected');
    try {
      await this.connection.invoke('SetLanguage', getReadLanguage());
    } catch (err) {
      console.warn('SetLanguage failed', err);
    }
    for (const fn of this.connectedListeners) {
      try { await fn(); } catch (err) { console.error('rejoin failed', err); }
    }
  }

  /** Starts (once) and keeps the connection up; resolves when first connected. */
  start() {
    if (!this.connection) this.connection = this.build();
    if (this.startPromise) return this.startPromise;
    const connection = this.connection;
    const generation = this.generation;
    this.setState('connecting');
    this.startPromise = (async () => {
      let delay = 500;
      for (;;) {
        if (connection !== this.connection || generation !== this.generation) return;
        try {
          await connection.start();
          await this.afterConnect();
          return;
        } catch (err) {
          if (connection !== this.connection) return;
          this.setState('disconnected');
          await new Promise((r) => setTimeout(r, delay * (0.5 + Math.random())));
          delay = Math.min(delay * 2, 10000);
          this.setState('connecting');
        }
      }
    })().finally(() => { this.startPromise = null; });
    return this.startPromise;
  }

  scheduleRestart() {
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => this.start(), 2000);
  }

  /** New identity (signed in or out): drop the connection and open a new one with the new token. */
  async restart() {
    clearTimeout(this.restartTimer);
    this.generation++;
    const old = this.connection;
    this.connection = null;
    this.startPromise = null;
    if (old) {
      try { await old.stop(); } catch { /* already closed */ }
    }
    return this.start();
  }

  /** Resolves once connected; waits up to `ms` for a reconnect in progress. */
  async ready(ms = 10000) {
    if (this.connection?.state === signalR.HubConnectionState.Connected) return;
    if (!this.connection || (this.connection.state === signalR.HubConnectionState.Disconnected && !this.startPromise)) {
      this.start();
    }
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => { off(); reject(new HubError('unavailable: not connected to the server')); }, ms);
      const off = this.onState((s) => {
        if (s === 'connected' && this.connection?.state === signalR.HubConnectionState.Connected) {
          clearTimeout(timer);
          queueMicrotask(() => off());
          resolve();
        }
      });
    });
  }

  /** Invokes a hub method; failures become HubError with the contract's code. */
  async invoke(method, ...args) {
    await this.ready();
    try {
      return await this.connection.invoke(method, ...args);
    } catch (err) {
      throw new HubError(err?.message ?? String(err));
    }
  }

  on(event, fn) {
    this.handlers.get(event).add(fn);
    return () => this.handlers.get(event).delete(fn);
  }

  onState(fn) {
    this.stateListeners.add(fn);
    fn(this.state);
    return () => this.stateListeners.delete(fn);
  }

  /** Called after every (re)connect, after SetLanguage: rejoin rooms, re-watch notes, refresh the inbox. */
  onConnected(fn) {
    this.connectedListeners.add(fn);
    return () => this.connectedListeners.delete(fn);
  }
}

export const hub = new LiveHub();
