/*
 * scoreboard.js: the contest page's live parts (after session.js).
 *
 * - The board follows /api/v1/contests/{id}/scoreboard/stream. A "scoreboard" event (the whole board) makes the
 *   page fetch itself and swap in the server-rendered #scoreboard; a "rows" event (the rows whose content
 *   changed, and shifts of the ranks of rows that only moved) is applied in place when it follows the version
 *   the page shows, and otherwise answered by fetching the page again. On a page of a big board, changes to
 *   rows elsewhere only shift the ranks shown.
 * - The signed-in contestant's row is highlighted (class "me"), or linked when it is on another page.
 * - Clarifications: announcements, and the signed-in user's questions and their answers, listed and (signed in)
 *   followed live (/api/v1/contests/{id}/clarifications[/stream]); a form asks the jury while the contest runs.
 */
(function () {
  'use strict';
  var BOARD = 'scoreboard';

  function el(tag, cls, content) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (content !== undefined && content !== null) { e.textContent = content; }
    return e;
  }

  /* ---- the signed-in contestant's row ---------------------------------------------------------------- */

  var me = null;

  function markMine() {
    var board = document.getElementById(BOARD);
    var note = document.getElementById('mine');
    if (!board || !note) { return; }
    Array.prototype.forEach.call(board.querySelectorAll('tr.me'), function (tr) {
      tr.classList.remove('me'); tr.removeAttribute('aria-current');
    });
    note.hidden = true;
    note.textContent = '';
    if (!me) { return; }
    var rows = board.querySelectorAll('tbody tr');
    var mine = null;
    Array.prototype.forEach.call(rows, function (tr) {
      if (tr.getAttribute('data-handle') === me.handle) { mine = tr; }
    });
    if (mine) {
      mine.classList.add('me');
      mine.setAttribute('aria-current', 'true');
      note.appendChild(document.createTextNode('Your row: rank ' + mine.getAttribute('data-rank') + ' (highlighted).'));
      note.hidden = false;
      return;
    }
    if (Number(board.getAttribute('data-pages') || 1) > 1) {
      var perPage = board.getAttribute('data-per-page') || '100';
      var contest = board.getAttribute('data-contest');
      cpjudge.apiJson('/api/v1/contests/' + encodeURIComponent(contest) + '/scoreboard?around='
          + encodeURIComponent(me.handle) + '&per_page=' + perPage).then(function (page) {
        if (!page || !page.page) { return; }
        note.textContent = 'Your row is on ';
        var a = el('a', null, 'page ' + page.page);
        a.href = '?page=' + page.page;
        note.appendChild(a);
        note.appendChild(document.createTextNode('.'));
        note.hidden = false;
      }).catch(function () { /* not on the board */ });
    }
  }

  /* ---- the live board ------------------------------------------------------------------------------- */

  function startBoard() {
    var board0 = document.getElementById(BOARD);
    var live = document.getElementById('live');
    if (!board0 || !live || !window.EventSource || !window.fetch || !window.DOMParser) { return; }
    var contest = board0.getAttribute('data-contest');
    var fetching = false, again = false;

    function stamp() {
      live.className = 'live on';
      live.textContent = 'Live: updated at ' + new Date().toLocaleTimeString() + '.';
    }

    function refetch() {
      if (fetching) { again = true; return; }
      fetching = true;
      fetch(location.pathname + location.search, {cache: 'no-store'}).then(function (r) { return r.text(); })
        .then(function (html) {
          var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById(BOARD);
          var current = document.getElementById(BOARD);
          if (fresh && current) { current.replaceWith(document.importNode(fresh, true)); }
          markMine();
          stamp();
        }).catch(function () { /* the next event tries again */ })
        .finally(function () { fetching = false; if (again) { again = false; refetch(); } });
    }

    function text(n) {
      if (n === null || n === undefined) { return '\u2013'; }
      return String(Math.round(n * 100) / 100);
    }

    /* the same cells as the server renders (ScoreboardPage.cell) */
    function cell(p, points, frozen) {
      var td = el('td', 'cell');
      if (!p) { return td; }
      function mark() {
        if (p.first_solve) { var m = el('span', 'first', '\u2605'); m.title = 'first to solve'; td.appendChild(m); }
      }
      if (points) {
        if ((p.score === null || p.score === undefined) && !p.attempts) { return td; }
        td.className = 'cell ' + (p.solved ? 'solved' : p.score > 0 ? 'partial' : 'failed');
        td.textContent = text(p.score || 0);
        mark();
        return td;
      }
      if (p.solved) {
        var rejected = Math.max(0, p.attempts - 1);
        td.className = 'cell solved';
        td.textContent = '+' + (rejected > 0 ? rejected : '');
        td.appendChild(el('small', null, text(p.time_minutes)));
        mark();
        return td;
      }
      if (p.pending > 0) {
        td.className = frozen ? 'cell pending frozen' : 'cell pending';
        td.textContent = (p.attempts > 0 ? '\u2212' + p.attempts + ' ' : '') + '?';
        td.appendChild(el('small', null, p.pending + (frozen ? ' frozen' : ' pending')));
        return td;
      }
      if (p.attempts > 0) { td.className = 'cell failed'; td.textContent = '\u2212' + p.attempts; }
      return td;
    }

    function setRank(tr, rank) { tr.setAttribute('data-rank', rank); tr.cells[0].textContent = rank; }

    function apply(change) {
      var board = document.getElementById(BOARD);
      var body = board && board.querySelector('tbody');
      if (!body || fetching || String(change.previous_version) !== board.getAttribute('data-version')) {
        refetch();
        return;
      }
      var points = board.getAttribute('data-scoring') === 'points';
      var frozen = board.getAttribute('data-frozen') === 'true';
      var offset = Number(board.getAttribute('data-offset') || 0);
      var paged = Number(board.getAttribute('data-pages') || 1) > 1;
      var byHandle = {}, changed = {};
      Array.prototype.forEach.call(body.rows, function (tr) { byHandle[tr.getAttribute('data-handle')] = tr; });
      change.rows.forEach(function (row) { changed[row.handle] = true; });
      var before = Array.prototype.slice.call(body.rows);
      var lowest = before.length ? Number(before[0].getAttribute('data-rank')) : 0;
      var highest = before.length ? Number(before[before.length - 1].getAttribute('data-rank')) : 0;
      // shifts name positions in the whole board; this page holds positions offset .. offset + rows - 1
      for (var s = 0; s < change.shifts.length; s++) {
        var shift = change.shifts[s];
        for (var at = Math.max(shift[0], offset); at <= shift[1] && at - offset < before.length; at++) {
          var tr0 = before[at - offset];
          if (!changed[tr0.getAttribute('data-handle')]) {
            setRank(tr0, Number(tr0.getAttribute('data-rank')) + shift[2]);
          }
        }
      }
      var fixed = points ? 3 : 4;
      for (var i = 0; i < change.rows.length; i++) {
        var row = change.rows[i], tr = byHandle[row.handle];
        if (!tr) {
          // a row of another page: this page changes only if the row lands among its ranks
          if (!paged || (row.rank >= lowest && row.rank <= highest)) { refetch(); return; }
          continue;
        }
        if (paged && (row.rank < lowest || row.rank > highest)) { refetch(); return; }
        setRank(tr, row.rank);
        if (points) { tr.cells[2].textContent = text(row.score); }
        else { tr.cells[2].textContent = text(row.solved); tr.cells[3].textContent = text(row.penalty); }
        for (var k = 0; k < row.problems.length && fixed + k < tr.cells.length; k++) {
          tr.replaceChild(cell(row.problems[k], points, frozen), tr.cells[fixed + k]);
        }
      }
      var rows = Array.prototype.slice.call(body.rows);
      // the server's order: rank, then handle (its positions are what the next shifts refer to)
      var order = rows.map(function (tr, n) {
        return [Number(tr.getAttribute('data-rank')), n, tr, tr.getAttribute('data-handle')];
      });
      order.sort(function (a, b) { return a[0] - b[0] || (a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : 0); });
      if (order.some(function (o, n) { return o[1] !== n; })) {
        order.forEach(function (o) { body.appendChild(o[2]); });
      }
      board.setAttribute('data-version', String(change.version));
      markMine();
      stamp();
    }

    var source = new EventSource('/api/v1/contests/' + encodeURIComponent(contest) + '/scoreboard/stream');
    source.addEventListener('open', function () {
      live.className = 'live on';
      live.textContent = 'Live: the board updates by itself.';
    });
    source.addEventListener('error', function () {
      live.className = 'live';
      live.textContent = 'Reconnecting\u2026';
    });
    source.addEventListener('scoreboard', function () { refetch(); });
    source.addEventListener('rows', function (e) { apply(JSON.parse(e.data)); });
  }

  /* ---- clarifications ------------------------------------------------------------------------------- */

  function startClarifications() {
    var box = document.getElementById('clarifications');
    if (!box || !window.cpjudge) { return; }
    var contest = box.getAttribute('data-contest');
    var base = '/api/v1/contests/' + encodeURIComponent(contest) + '/clarifications';
    var list = document.getElementById('clarification-list');
    var empty = document.getElementById('clarifications-empty');
    var form = document.getElementById('ask');
    var seen = {}, stream = null;

    function kindWords(c) {
      if (c.kind === 'announcement') { return 'Announcement'; }
      if (c.kind === 'answer') { return c.public ? 'Answer to all' : 'Answer to you'; }
      return c.from ? 'Question from ' + c.from : 'Question';
    }

    function label(problem) {
      if (!problem) { return null; }
      var option = form ? form.querySelector('option[value="' + (window.CSS && CSS.escape ? CSS.escape(problem) : problem) + '"]') : null;
      return 'Problem ' + (option ? option.textContent : problem);
    }

    function add(c) {
      if (!c || seen[c.id]) { return; }
      seen[c.id] = true;
      var li = el('li', 'clarification kind-' + c.kind);
      li.id = 'clarification-' + c.id;
      var meta = el('p', 'meta');
      meta.appendChild(el('b', null, kindWords(c)));
      var about = label(c.problem);
      if (about) { meta.appendChild(document.createTextNode(' \u00b7 ' + about)); }
      if (c.created_at) {
        var t = el('time', 'muted', ' \u00b7 ' + new Date(c.created_at).toLocaleString());
        t.setAttribute('datetime', c.created_at);
        meta.appendChild(t);
      }
      li.appendChild(meta);
      li.appendChild(el('p', 'text', c.text));
      var question = c.reply_to ? document.getElementById('clarification-' + c.reply_to) : null;
      if (question) {
        question.appendChild(li);
      } else {
        list.insertBefore(li, list.firstChild);
      }
      empty.hidden = true;
      box.hidden = false;
    }

    function load() {
      return cpjudge.apiJson(base + '?limit=1000').then(function (items) {
        // oldest first, so that answers find their questions; the list shows the newest on top
        (items || []).slice().sort(function (a, b) { return a.id - b.id; }).forEach(add);
      });
    }

    function follow() {
      if (stream) { stream.close(); }
      var opened = 0;
      stream = cpjudge.stream(base + '/stream', function (name, data) {
        if (name === 'clarification') {
          try { add(JSON.parse(data)); } catch (e) { /* a malformed event is skipped */ }
        } else if (name === 'open' && opened++ > 0) {
          load().catch(function () {}); // after a reconnect: what came meanwhile
        }
      });
    }

    cpjudge.onSession(function (user) {
      seen = {};
      list.textContent = '';
      empty.hidden = false;
      box.hidden = !user;
      if (form) { form.hidden = !(user && box.getAttribute('data-running') === 'true'); }
      if (stream) { stream.close(); stream = null; }
      // anonymous readers get the public announcements as of loading; a signed-in user's list follows the stream
      load().then(function () { if (user) { follow(); } }).catch(function () {
        // a contest the reader may not see clarifications of: the section stays as it is
      });
    });

    if (form) {
      form.addEventListener('submit', function (e) {
        e.preventDefault();
        var error = document.getElementById('ask-error');
        var text = document.getElementById('ask-text');
        var problem = document.getElementById('ask-problem').value;
        var body = {text: text.value};
        if (problem) { body.problem = problem; }
        error.hidden = true;
        cpjudge.apiJson(base, {method: 'POST', json: body}).then(function (c) {
          text.value = '';
          add(c);
        }).catch(function (err) {
          error.textContent = 'Not sent: ' + err.message;
          error.hidden = false;
        });
      });
    }
  }

  function start() {
    startBoard();
    if (window.cpjudge) {
      cpjudge.onSession(function (user) { me = user; markMine(); });
    }
    startClarifications();
  }

  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
})();
