/*
 * problem-view.js: a problem the server could not show an anonymous reader (#problem-lookup), shown to a
 * signed-in reader the access policy lets read it (a private contest's contestant, an administrator).
 *
 * GET /api/v1/problems/{id}/page answers, with the reader's token, what the server's page would show them. Its
 * "html" is the statement as our own converters made it (escaped text, math, our own tags: the same HTML the
 * server's page carries); everything else is written with textContent.
 */
(function () {
  'use strict';
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function seconds(ms) { return (ms / 1000).toString().replace(/\.0+$/, ''); }

  function show(box, p) {
    var article = el('article', {'class': 'problem', id: 'problem', 'data-problem': p.id});
    article.appendChild(el('h1', {}, p.title));
    var facts = el('p', {'class': 'facts'});
    var time = el('span', {}, 'Time limit ');
    time.appendChild(el('strong', {}, seconds(p.time_limit_ms) + ' s'));
    var memory = el('span', {}, 'Memory limit ');
    memory.appendChild(el('strong', {}, p.memory_limit_mb + ' MB'));
    var id = el('span', {'class': 'muted'}, 'Problem ');
    id.appendChild(el('code', {}, p.id));
    [time, memory, id].forEach(function (s) { facts.appendChild(s); facts.appendChild(document.createTextNode(' ')); });
    article.appendChild(facts);
    var s = p.statement;
    if (s && s.languages.length > 1) {
      var tabs = el('nav', {'class': 'tabs', 'aria-label': 'Statement language'});
      s.languages.forEach(function (language) {
        var query = '?lang=' + encodeURIComponent(language) + (p.contest ? '&contest=' + encodeURIComponent(p.contest) : '');
        var a = el('a', {href: '/problems/' + encodeURIComponent(p.id) + query, hreflang: language}, language);
        if (language === s.language) { a.className = 'current'; a.setAttribute('aria-current', 'page'); }
        tabs.appendChild(a);
      });
      article.appendChild(tabs);
    }
    if (!s) {
      article.appendChild(el('p', {'class': 'muted'}, 'The package of this problem has no statement.'));
    } else if (s.html !== null && s.html !== undefined) {
      var statement = el('div', {'class': 'statement', id: 'statement', lang: s.language});
      statement.innerHTML = s.html;
      article.appendChild(statement);
    } else {
      var file = el('p', {'class': 'statement-file'}, 'The statement is a ' + (s.format === 'pdf' ? 'PDF' : 'page of its own') + ': ');
      file.appendChild(el('a', {href: s.file_url, id: 'statement-file'}, 'read the statement'));
      article.appendChild(file);
    }
    if (p.samples.length) {
      article.appendChild(el('h2', {}, 'Samples'));
      p.samples.forEach(function (sample) {
        var wrap = el('div', {'class': 'table-wrap', role: 'region', 'aria-label': sample.name, tabindex: '0'});
        var table = el('table', {'class': 'sample'});
        var head = el('tr'), row = el('tr');
        var cells = sample.interaction ? [['Interaction (' + sample.name + ')', sample.interaction]]
          : [['Input', sample.input], ['Output', sample.output]];
        cells.forEach(function (c) {
          head.appendChild(el('th', {scope: 'col'}, c[0]));
          row.appendChild(el('td')).appendChild(el('pre', {}, c[1]));
        });
        table.appendChild(el('thead')).appendChild(head);
        table.appendChild(el('tbody')).appendChild(row);
        wrap.appendChild(table);
        article.appendChild(wrap);
      });
    }
    box.replaceWith(article);
    document.title = p.title + ' · cpjudge';
    if (window.cpjudgeTypeset) { window.cpjudgeTypeset(); }
    form(p);
  }

  /* The submit form: this problem, and where a submission may count now. */
  function form(p) {
    var section = document.getElementById('submit'), f = document.getElementById('submit-form');
    if (!section || !f) { return; }
    f.setAttribute('data-problem', p.id);
    var where = document.getElementById('submit-where');
    where.textContent = '';
    if (p.practice) { where.appendChild(el('option', {value: ''}, 'Practice')); }
    p.contests.forEach(function (c) {
      var option = el('option', {value: c.id}, c.name + (c.label ? ' (problem ' + c.label + ')' : ''));
      if (c.id === p.contest) { option.selected = true; }
      where.appendChild(option);
    });
    if (!p.practice && !p.contests.length) {
      f.remove();
      document.getElementById('submit-signin').hidden = true;
      document.getElementById('submit-closed').hidden = false;
    }
    section.hidden = false;
  }

  function start() {
    var box = document.getElementById('problem-lookup');
    if (!box || !window.cpjudge) { return; }
    var done = false;
    cpjudge.onSession(function (user) {
      if (!user || done) { return; }
      cpjudge.apiJson(box.getAttribute('data-api') + window.location.search).then(function (p) {
        done = true;
        show(box, p);
      }).catch(function (e) {
        // not theirs to read: the page stays "not found", saying it asked
        box.setAttribute('data-lookup', e && e.status ? String(e.status) : 'failed');
      });
    });
  }

  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
})();
