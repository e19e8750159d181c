/*
 * session.js: the signed-in user of these pages, loaded (deferred) by every page before its own scripts.
 *
 * A user signs in by pasting an API token into the header's box; the token is checked with
 * GET /api/v1/users/me and kept in localStorage, with the user the API answered. Other scripts use:
 *
 *   cpjudge.api(path, options)      fetch() with "Authorization: Bearer TOKEN" added when signed in
 *                                   (options as for fetch; a JSON `options.json` value is sent as the body)
 *   cpjudge.apiJson(path, options)  the same, resolving to the parsed JSON; rejects with an Error carrying
 *                                   .status and .code (the API's {"error": {"code", "message"}}) otherwise
 *   cpjudge.stream(path, onEvent)   an event stream (SSE) read with the token (EventSource cannot send one):
 *                                   onEvent(name, data) per event; returns {close()}; reconnects on its own
 *   cpjudge.user()                  the signed-in user ({handle, role, title, rating, ...}) or null
 *   cpjudge.onSession(fn)           fn(user or null) once the session is known, and after each sign-in/out
 *
 * Pages work without it: it only adds what needs the user.
 */
(function () {
  'use strict';
  var TOKEN = 'cpjudge.token', USER = 'cpjudge.user';
  var listeners = [];
  var current = null, known = false;

  function stored(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  function store(key, value) {
    try {
      if (value === null) { window.localStorage.removeItem(key); } else { window.localStorage.setItem(key, value); }
    } catch (e) { /* private mode: the session lasts as long as the page */ }
  }

  function headers(options, token) {
    var h = new Headers(options.headers || {});
    if (token && !h.has('Authorization')) { h.set('Authorization', 'Bearer ' + token); }
    return h;
  }

  function api(path, options) {
    options = Object.assign({}, options || {});
    options.headers = headers(options, stored(TOKEN));
    if (options.json !== undefined) {
      options.body = JSON.stringify(options.json);
      options.headers.set('Content-Type', 'application/json');
      if (!options.method) { options.method = 'POST'; }
      delete options.json;
    }
    if (!options.cache) { options.cache = 'no-store'; }
    return fetch(path, options);
  }

  function failure(response, body) {
    var error = body && body.error ? body.error : {};
    var e = new Error(error.message || ('HTTP ' + response.status));
    e.status = response.status;
    e.code = error.code || null;
    return e;
  }

  function apiJson(path, options) {
    return api(path, options).then(function (r) {
      return r.text().then(function (text) {
        var body = null;
        try { body = text ? JSON.parse(text) : null; } catch (e) { body = null; }
        if (!r.ok) { throw failure(r, body); }
        return body;
      });
    });
  }

  /* Server-sent events over fetch, so that the request carries the token. */
  function stream(path, onEvent) {
    var closed = false, controller = null, retry = 2000;
    function dispatch(block) {
      var name = 'message', data = [];
      block.split('\n').forEach(function (line) {
        if (line === '' || line.charAt(0) === ':') { return; }
        var colon = line.indexOf(':');
        var field = colon < 0 ? line : line.substring(0, colon);
        var value = colon < 0 ? '' : line.substring(colon + 1).replace(/^ /, '');
        if (field === 'event') { name = value; } else if (field === 'data') { data.push(value); }
        else if (field === 'retry' && /^\d+$/.test(value)) { retry = Number(value); }
      });
      if (data.length) { onEvent(name, data.join('\n')); }
    }
    function connect() {
      if (closed) { return; }
      controller = window.AbortController ? new AbortController() : null;
      api(path, {headers: {Accept: 'text/event-stream'}, signal: controller ? controller.signal : undefined})
        .then(function (r) {
          if (!r.ok || !r.body) { throw failure(r, null); }
          onEvent('open', '');
          var reader = r.body.getReader(), decoder = new TextDecoder(), buffer = '';
          function read() {
            return reader.read().then(function (chunk) {
              if (chunk.done) { return; }
              buffer += decoder.decode(chunk.value, {stream: true}).replace(/\r\n?/g, '\n');
              var end;
              while ((end = buffer.indexOf('\n\n')) >= 0) {
                dispatch(buffer.substring(0, end));
                buffer = buffer.substring(end + 2);
              }
              return read();
            });
          }
          return read();
        })
        .catch(function (e) { if (!closed) { onEvent('error', e && e.message ? e.message : ''); } })
        .then(function () { if (!closed) { setTimeout(connect, retry); } });
    }
    connect();
    return {close: function () { closed = true; if (controller) { controller.abort(); } }};
  }

  function announce() {
    known = true;
    listeners.slice().forEach(function (fn) { fn(current); });
    document.dispatchEvent(new CustomEvent('cpjudge:session', {detail: current}));
  }

  function onSession(fn) {
    listeners.push(fn);
    if (known) { fn(current); }
  }

  function setUser(user) {
    current = user;
    store(USER, user ? JSON.stringify(user) : null);
    show();
    announce();
  }

  function signOut() {
    store(TOKEN, null);
    setUser(null);
  }

  /* The header's box: the form while signed out, the handle and "Sign out" while signed in. */
  function show() {
    var box = document.getElementById('session');
    if (!box) { return; }
    box.hidden = false;
    var form = document.getElementById('signin-box'), signed = document.getElementById('signed-in');
    var handle = document.getElementById('session-handle');
    form.hidden = !!current;
    signed.hidden = !current;
    if (current) {
      handle.textContent = current.handle;
      handle.href = '/users/' + encodeURIComponent(current.handle);
      handle.className = 'handle ' + titleClass(current.title);
    }
  }

  function titleClass(title) {
    return title ? 'title-' + String(title).toLowerCase().replace(/ /g, '-') : 'unrated';
  }

  function wire() {
    var form = document.getElementById('signin');
    var error = document.getElementById('signin-error');
    if (form) {
      form.addEventListener('submit', function (e) {
        e.preventDefault();
        var input = document.getElementById('signin-token');
        var token = input.value.trim();
        if (!token) { return; }
        error.hidden = true;
        apiJson('/api/v1/users/me', {headers: {Authorization: 'Bearer ' + token}}).then(function (me) {
          store(TOKEN, token);
          input.value = '';
          document.getElementById('signin-box').open = false;
          setUser(me);
        }).catch(function (err) {
          error.textContent = err.status === 401 ? 'That token is not known.' : 'Could not sign in: ' + err.message;
          error.hidden = false;
        });
      });
    }
    var out = document.getElementById('signout');
    if (out) { out.addEventListener('click', signOut); }
  }

  window.cpjudge = {
    api: api, apiJson: apiJson, stream: stream, onSession: onSession,
    user: function () { return current; }, signOut: signOut, titleClass: titleClass
  };

  function start() {
    wire();
    var token = stored(TOKEN);
    if (!token) { setUser(null); return; }
    // the user kept from the last check shows at once; the token is checked again in the background
    try { current = JSON.parse(stored(USER) || 'null'); } catch (e) { current = null; }
    show();
    apiJson('/api/v1/users/me').then(setUser).catch(function (err) {
      if (err.status === 401) { signOut(); } else { announce(); }
    });
  }

  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
})();
