/*
 * submission-view.js: what only a signed-in reader may see of a submission, fetched with their token (session.js).
 *
 * GET /api/v1/submissions/{id} answers what the access policy lets the caller see: with "files" (the source)
 * for the submission's author and administrators only. On a submission's page this script adds the source when
 * the reader may read it. When the page could show nothing to an anonymous reader (a contest submission while
 * its contest runs answers 404 without a token), the page carries #submission-lookup instead, and this script
 * shows the whole submission to a reader who may see it, following its verdict until it is final. Everything is
 * written with textContent: nothing from the API becomes markup.
 */
(function () {
  'use strict';
  var WORDS = {
    AC: 'Accepted', WA: 'Wrong answer', TLE: 'Time limit exceeded', MLE: 'Memory limit exceeded',
    RTE: 'Run-time error', OLE: 'Output limit exceeded', CE: 'Compile error', JE: 'Judge error'
  };

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function number(n, unit) { return n === null || n === undefined ? '–' : n + ' ' + unit; }

  function source(files) {
    var section = document.getElementById('source');
    if (!section) {
      section = el('section', {id: 'source', 'class': 'source', 'aria-labelledby': 'source-heading'});
      document.getElementById('main').appendChild(section);
    }
    section.textContent = '';
    section.appendChild(el('h2', {id: 'source-heading'}, files.length > 1 ? 'Source files' : 'Source'));
    files.forEach(function (f) {
      section.appendChild(el('h3', {}, f.name));
      var pre = el('pre', {'class': 'source-file', tabindex: '0'});
      pre.appendChild(el('code', {}, f.content));
      section.appendChild(pre);
    });
  }

  function verdict(s) {
    var p = el('p', {'class': 'facts'});
    if (!s.verdict) {
      p.appendChild(el('span', {id: 'verdict', 'class': 'verdict verdict-pending'}, s.status + '…'));
    } else {
      p.appendChild(el('span', {id: 'verdict', 'class': 'verdict verdict-' + s.verdict, title: WORDS[s.verdict] || ''}, s.verdict));
      p.appendChild(document.createTextNode(' '));
      p.appendChild(el('span', {'class': 'muted'}, WORDS[s.verdict] || ''));
    }
    return p;
  }

  /* The whole submission, for a page that could show it to nobody anonymous. */
  function whole(box, s) {
    box.textContent = '';
    var h1 = el('h1', {}, 'Submission ');
    h1.appendChild(el('span', {'class': 'muted'}, String(s.id).substring(0, 8)));
    box.appendChild(h1);
    box.appendChild(verdict(s));
    var dl = el('dl', {'class': 'summary'});
    function row(name, value) {
      dl.appendChild(el('dt', {}, name));
      var dd = el('dd');
      if (value instanceof Node) { dd.appendChild(value); } else { dd.textContent = value; }
      dl.appendChild(dd);
    }
    if (s.handle) { row('Author', el('a', {'class': 'handle', href: '/users/' + encodeURIComponent(s.handle)}, s.handle)); }
    row('Problem', el('a', {href: '/problems/' + encodeURIComponent(s.problem)
        + (s.contest ? '?contest=' + encodeURIComponent(s.contest) : '')}, s.problem));
    row('Language', s.language);
    if (s.contest) { row('Contest', el('a', {href: '/contests/' + encodeURIComponent(s.contest)}, s.contest)); }
    row('Status', el('span', {id: 'status'}, s.status));
    if (s.score !== null && s.score !== undefined) { row('Score', String(s.score)); }
    row('Time', number(s.time_ms, 'ms'));
    row('Memory', number(s.memory_kb, 'KB'));
    if (s.created_at) { row('Submitted', el('time', {}, s.created_at)); }
    row('Id', el('code', {}, s.id));
    box.appendChild(dl);
    var tests = s.testcases || [];
    if (tests.length) {
      box.appendChild(el('h2', {}, 'Test cases'));
      var wrap = el('div', {'class': 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Test cases'});
      var table = el('table', {id: 'testcases'});
      var head = el('tr');
      ['#', 'Test', 'Verdict', 'Time', 'Memory'].forEach(function (h) { head.appendChild(el('th', {scope: 'col'}, h)); });
      table.appendChild(el('thead')).appendChild(head);
      var body = table.appendChild(el('tbody'));
      tests.forEach(function (t, i) {
        var tr = el('tr');
        tr.appendChild(el('td', {'class': 'num'}, i + 1));
        tr.appendChild(el('td', {}, t.name));
        tr.appendChild(el('td', {'class': 'verdict verdict-' + t.verdict}, t.verdict));
        tr.appendChild(el('td', {'class': 'num'}, number(t.time_ms, 'ms')));
        tr.appendChild(el('td', {'class': 'num'}, number(t.memory_kb, 'KB')));
        body.appendChild(tr);
      });
      wrap.appendChild(table);
      box.appendChild(wrap);
    }
    if (s.compile_output) {
      box.appendChild(el('h2', {}, 'Compiler output'));
      box.appendChild(el('pre', {id: 'compile-output'}, s.compile_output));
    }
    document.title = 'Submission ' + String(s.id).substring(0, 8) + ' · cpjudge';
  }

  function start() {
    var shown = document.getElementById('submission');
    var hidden = document.getElementById('submission-lookup');
    var target = hidden || shown;
    if (!target || !window.cpjudge) { return; }
    var api = target.getAttribute('data-api');
    var loading = false, timer = null;

    function load() {
      if (loading) { return; }
      loading = true;
      cpjudge.apiJson(api).then(function (s) {
        loading = false;
        if (hidden) {
          whole(hidden, s);
          if (s.status !== 'done') { timer = setTimeout(load, 1000); }
        }
        if (s.files) { source(s.files); }
      }).catch(function () {
        // not theirs to see (or signed out meanwhile): the page stays as the server made it
        loading = false;
      });
    }

    cpjudge.onSession(function (user) {
      if (timer) { clearTimeout(timer); timer = null; }
      if (user) { load(); }
    });
  }

  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
})();
