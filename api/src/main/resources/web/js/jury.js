/*
 * jury.js: the jury desk. The page the server sends is an empty shell anyone may load; everything on it is read
 * and done through the API with the signed-in administrator's token (session.js), and the API alone decides
 * who may: without an administrator's token it answers 401 or 403 and the desk says so.
 *
 * On /jury: the contests (with their desks) and the submissions queue of all of them.
 * On /jury/contests/{id} (the shell carries data-contest): that contest's state and buttons (unfreeze,
 * finalize, rejudge), its live unfrozen board, its submissions queue and its clarifications to answer.
 *
 * Everything a user wrote (handles, questions) goes into the page as text (textContent), never as markup.
 */
(function () {
  'use strict';
  var REFRESH_MS = 3000;
  var PAGE = 25;
  var VERDICTS = ['AC', 'WA', 'TLE', 'MLE', 'RTE', 'OLE', 'CE', 'JE'];

  var root, contest, problems = [], labels = {}, queueOffset = 0, queueTotal = 0, timer = null, running = false;
  /* submissions whose rejudge was refused as finalized: their buttons offer to force it, across refreshes */
  var forced = {};

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] === null || attrs[k] === undefined || attrs[k] === false) { return; }
      if (k === 'text') { e.textContent = attrs[k]; } else if (k === 'class') { e.className = attrs[k]; } else { e.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); } });
    return e;
  }

  function clear(e) { while (e.firstChild) { e.removeChild(e.firstChild); } }

  function enc(s) { return encodeURIComponent(s); }

  function say(id, text, bad) {
    var e = $(id);
    if (!e) { return; }
    e.textContent = text;
    e.classList.toggle('error', !!bad);
  }

  function failed(id) {
    return function (e) {
      if (e.status === 401 || e.status === 403) { locked(e); return; }
      say(id, e.message || String(e), true);
    };
  }

  /* The desk stays closed until the API accepts the token as an administrator's. */
  function locked(e) {
    stop();
    $('jury-desk').hidden = true;
    var notice = $('jury-auth');
    notice.hidden = false;
    notice.textContent = e && e.status === 403
      ? 'This token is not an administrator’s: the jury desk is for administrators only.'
      : 'Sign in with an administrator’s API token (top right) to use the jury desk.';
  }

  function opened() {
    $('jury-auth').hidden = true;
    $('jury-desk').hidden = false;
  }

  function minutes(m) { return m === null || m === undefined ? '' : String(m); }

  function time(iso) {
    var d = new Date(iso);
    return isNaN(d) ? iso : d.toISOString().replace('T', ' ').substring(0, 19);
  }

  /* --- the contests (on /jury) --- */

  function loadContests() {
    return cpjudge.api('/api/v1/contests?limit=1000').then(function (r) {
      if (!r.ok) { var e = new Error('HTTP ' + r.status); e.status = r.status; throw e; }
      return r.json();
    }).then(function (list) {
      var body = $('jury-contests').querySelector('tbody');
      clear(body);
      var select = $('filter-contest');
      list.forEach(function (c) {
        body.appendChild(el('tr', {}, [
          el('td', {}, [el('a', {href: '/jury/contests/' + enc(c.id), text: c.name})]),
          el('td', {text: c.id}),
          el('td', {text: c.status + (c.frozen ? ' (frozen)' : '')}),
          el('td', {text: time(c.start)}),
          el('td', {class: 'num', text: String(c.duration_minutes)})
        ]));
        if (select && !select.querySelector('option[value="' + CSS.escape(c.id) + '"]')) {
          select.appendChild(el('option', {value: c.id, text: c.name}));
        }
      });
    });
  }

  /* --- one contest: its state and buttons --- */

  function loadContest() {
    return cpjudge.apiJson('/api/v1/contests/' + enc(contest)).then(function (c) {
      $('jury-title').textContent = 'Jury desk: ' + c.name;
      var state = c.status + (c.frozen ? ', the public board is frozen' : '')
        + (c.unfrozen_at ? ', unfrozen at ' + time(c.unfrozen_at) : '')
        + (c.finalized_at ? ', finalized at ' + time(c.finalized_at) : '')
        + (c.rated ? ', rated' : ', not rated');
      $('contest-state').textContent = 'Status: ' + state + '.';
      problems = c.problems || [];
      labels = {};
      problems.forEach(function (p, i) { labels[p] = (c.labels || [])[i] || p; });
      [$('rejudge-problem'), $('filter-problem'), $('announce-problem')].forEach(function (select) {
        if (!select || select.tagName !== 'SELECT' || select.options.length > 1) { return; }
        problems.forEach(function (p) { select.appendChild(el('option', {value: p, text: labels[p] + ' (' + p + ')'})); });
      });
    });
  }

  /* A button that must be clicked twice: the first click says what the second will do. */
  function twice(button, warning, action) {
    var plain = button.textContent;
    button.addEventListener('click', function () {
      if (button.dataset.armed !== '1') {
        button.dataset.armed = '1';
        button.textContent = warning;
        return;
      }
      button.dataset.armed = '';
      button.textContent = plain;
      action();
    });
  }

  function contestButtons() {
    twice($('unfreeze'), 'Unfreeze now? Click again', function () {
      cpjudge.apiJson('/api/v1/contests/' + enc(contest) + '/unfreeze', {method: 'POST'}).then(function () {
        say('contest-result', 'The board is unfrozen: everyone sees the final standings.');
        refresh();
      }, failed('contest-result'));
    });
    twice($('finalize'), 'Finalize now? Click again', function () {
      cpjudge.apiJson('/api/v1/contests/' + enc(contest) + '/finalize', {method: 'POST'}).then(function () {
        say('contest-result', 'The contest is finalized' + ' (ratings applied once, if it is rated).');
        refresh();
      }, failed('contest-result'));
    });
    var rejudge = $('rejudge-contest');
    twice(rejudge, 'Rejudge them all? Click again', function () {
      var body = {};
      var problem = $('rejudge-problem').value;
      if (problem) { body.problem = problem; }
      if (rejudge.dataset.force === '1') { body.force = true; }
      cpjudge.apiJson('/api/v1/contests/' + enc(contest) + '/rejudge', {json: body}).then(function (r) {
        rejudge.dataset.force = '';
        say('contest-result', r.submissions + ' submission(s) queued for judging again'
          + (r.already_queued ? ' (' + r.already_queued + ' were queued already).' : '.'));
        refresh();
      }, function (e) {
        if (e.code === 'contest_finalized') {
          rejudge.dataset.force = '1';
          say('contest-result', e.message + ' Click Rejudge twice more to force it.', true);
          return;
        }
        failed('contest-result')(e);
      });
    });
  }

  /* --- the live board, unfrozen --- */

  function loadBoard() {
    return cpjudge.apiJson('/api/v1/contests/' + enc(contest) + '/scoreboard?view=jury&per_page=1000').then(function (b) {
      var table = $('jury-board');
      clear(table);
      var head = el('tr', {}, [el('th', {scope: 'col', class: 'num', text: 'Rank'}), el('th', {scope: 'col', text: 'Handle'}),
        el('th', {scope: 'col', class: 'num', text: 'Solved'}), el('th', {scope: 'col', class: 'num', text: b.scoring === 'icpc' ? 'Penalty' : 'Score'})]);
      (b.problems || []).forEach(function (p, i) {
        head.appendChild(el('th', {scope: 'col', class: 'cell', title: p, text: (b.labels || [])[i] || p}));
      });
      table.appendChild(el('thead', {}, [head]));
      var body = el('tbody');
      (b.rows || []).forEach(function (row) {
        var tr = el('tr', {}, [el('td', {class: 'num', text: String(row.rank)}), el('td', {text: row.handle}),
          el('td', {class: 'num', text: String(row.solved)}),
          el('td', {class: 'num', text: String(b.scoring === 'icpc' ? row.penalty : row.score)})]);
        (row.problems || []).forEach(function (p) {
          // as on the public board: +tries before the accepted one, then its minute; −tries; ?pending
          var text = p.solved ? '+' + (p.attempts > 1 ? p.attempts - 1 : '') : p.attempts > 0 ? '−' + p.attempts : '';
          var cell = el('td', {class: 'cell' + (p.solved ? ' solved' : p.attempts > 0 ? ' failed' : '')
            + (p.first_solve ? ' first-solve' : ''), title: p.first_solve ? 'first to solve' : null}, [text]);
          if (p.solved) { cell.appendChild(el('small', {text: ' ' + minutes(p.time_minutes)})); }
          if (p.pending) { cell.appendChild(el('span', {class: 'pending', text: ' ?' + p.pending})); }
          tr.appendChild(cell);
        });
        body.appendChild(tr);
      });
      table.appendChild(body);
      $('board-note').textContent = (b.rows || []).length + ' contestant(s); the jury sees every verdict, frozen or not'
        + (b.frozen ? ' (the public board is still frozen).' : '.');
    });
  }

  /* --- the submissions queue --- */

  function queueQuery() {
    var q = ['limit=' + PAGE, 'offset=' + queueOffset];
    var c = contest || ($('filter-contest') && $('filter-contest').value);
    if (c) { q.push('contest=' + enc(c)); }
    [['problem', 'filter-problem'], ['verdict', 'filter-verdict'], ['handle', 'filter-handle'], ['status', 'filter-status']].forEach(function (f) {
      var input = $(f[1]);
      var v = input ? input.value.trim() : '';
      if (v) { q.push(f[0] + '=' + enc(v)); }
    });
    return '/api/v1/submissions?' + q.join('&');
  }

  function loadQueue() {
    return cpjudge.api(queueQuery()).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) {
          var e = new Error(body && body.error ? body.error.message : 'HTTP ' + r.status);
          e.status = r.status;
          throw e;
        }
        queueTotal = parseInt(r.headers.get('X-Total-Count') || '0', 10);
        return body;
      });
    }).then(function (rows) {
      var body = $('queue').querySelector('tbody');
      clear(body);
      rows.forEach(function (s) {
        var verdict = s.status === 'done' ? s.verdict : s.status;
        var button = el('button', {type: 'button', class: 'rejudge', 'data-id': s.id,
          'aria-label': 'Rejudge submission ' + s.id.substring(0, 8) + ' by ' + s.handle, text: 'Rejudge'});
        if (forced[s.id]) { button.dataset.force = '1'; button.textContent = 'Rejudge anyway'; }
        button.addEventListener('click', function () { rejudgeOne(s.id, button); });
        body.appendChild(el('tr', {'data-id': s.id}, [
          el('td', {}, [el('a', {href: '/submissions/' + enc(s.id), text: time(s.submitted_at)})]),
          el('td', {text: s.handle}),
          el('td', {text: s.problem}),
          el('td', {text: s.contest || 'practice'}),
          el('td', {text: s.language}),
          el('td', {class: 'verdict verdict-' + verdict, text: verdict}),
          el('td', {class: 'num judgements', text: String(s.judgements)}),
          el('td', {}, [button])
        ]));
      });
      if (!rows.length) {
        body.appendChild(el('tr', {}, [el('td', {colspan: '8', class: 'muted', text: 'No submission matches.'})]));
      }
      var from = rows.length ? queueOffset + 1 : 0;
      $('queue-range').textContent = from + '–' + (queueOffset + rows.length) + ' of ' + queueTotal;
      $('queue-prev').disabled = queueOffset === 0;
      $('queue-next').disabled = queueOffset + PAGE >= queueTotal;
    });
  }

  /* A finalized rated contest's rejudge is refused (409) until asked again with force: the button says so. */
  function rejudgeOne(id, button) {
    button.disabled = true;
    var force = button.dataset.force === '1';
    cpjudge.apiJson('/api/v1/submissions/' + enc(id) + '/rejudge', {json: force ? {force: true} : {}}).then(function () {
      delete forced[id];
      say('queue-result', 'Submission ' + id + ' is queued for judging again.');
      refresh();
    }, function (e) {
      button.disabled = false;
      if (e.code === 'contest_finalized') {
        forced[id] = true;
        button.dataset.force = '1';
        button.textContent = 'Rejudge anyway';
      }
      failed('queue-result')(e);
    });
  }

  function queueControls() {
    var verdict = $('filter-verdict');
    VERDICTS.forEach(function (v) { verdict.appendChild(el('option', {value: v, text: v})); });
    $('queue-filter').addEventListener('submit', function (e) {
      e.preventDefault();
      queueOffset = 0;
      loadQueue().catch(failed('queue-result'));
    });
    $('queue-prev').addEventListener('click', function () {
      queueOffset = Math.max(0, queueOffset - PAGE);
      loadQueue().catch(failed('queue-result'));
    });
    $('queue-next').addEventListener('click', function () {
      queueOffset += PAGE;
      loadQueue().catch(failed('queue-result'));
    });
  }

  /* --- clarifications --- */

  function loadClarifications() {
    return cpjudge.apiJson('/api/v1/contests/' + enc(contest) + '/clarifications?limit=1000').then(function (list) {
      var byId = {};
      list.forEach(function (c) { byId[c.id] = c; });
      var open = $('clarifications');
      // keep what the jury is typing: only questions not shown yet are added, answers are refreshed in place
      list.forEach(function (c) {
        if (c.kind === 'answer') { return; }
        var item = open.querySelector('[data-clarification="' + c.id + '"]');
        if (!item) {
          item = c.kind === 'question' ? questionItem(c) : el('li', {'data-clarification': String(c.id), class: 'announcement'}, [
            el('p', {class: 'meta', text: 'Announcement' + (c.problem ? ' on ' + (labels[c.problem] || c.problem) : '') + ' · ' + time(c.created_at)}),
            el('p', {class: 'text', text: c.text})]);
          open.insertBefore(item, open.firstChild);
        }
        if (c.kind === 'question') {
          var answers = item.querySelector('.answers');
          clear(answers);
          (c.answers || []).forEach(function (aid) {
            var a = byId[aid];
            if (a) { answers.appendChild(el('li', {class: 'answer', text: (a.public ? 'To everyone: ' : 'To the asker: ') + a.text})); }
          });
          item.querySelector('.state').textContent = c.answered ? 'answered' : 'waiting for an answer';
          item.classList.toggle('unanswered', !c.answered);
        }
      });
      var waiting = list.filter(function (c) { return c.kind === 'question' && !c.answered; }).length;
      $('clarifications-note').textContent = waiting + ' question(s) waiting for an answer.';
    });
  }

  function questionItem(c) {
    var id = 'answer-' + c.id;
    var text = el('textarea', {id: id, name: 'text', rows: '2', required: 'required'});
    var pub = el('input', {type: 'checkbox', id: id + '-public', name: 'public'});
    var form = el('form', {class: 'answer-form', 'data-reply-to': String(c.id)}, [
      el('label', {for: id, text: 'Answer'}), text,
      el('span', {class: 'check'}, [pub, el('label', {for: id + '-public', text: 'to everyone'})]),
      el('button', {type: 'submit', text: 'Send answer'})
    ]);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      cpjudge.apiJson('/api/v1/contests/' + enc(contest) + '/clarifications',
        {json: {reply_to: c.id, text: text.value, public: pub.checked}}).then(function () {
        text.value = '';
        say('clarifications-result', 'Answer sent.');
        loadClarifications();
      }, failed('clarifications-result'));
    });
    return el('li', {'data-clarification': String(c.id), class: 'question'}, [
      el('p', {class: 'meta'}, [el('strong', {text: c.from || 'someone'}),
        ' asks' + (c.problem ? ' about ' + (labels[c.problem] || c.problem) : '') + ' · ' + time(c.created_at) + ' · ',
        el('span', {class: 'state'})]),
      el('p', {class: 'text', text: c.text}),
      el('ul', {class: 'answers'}),
      form
    ]);
  }

  function announceControls() {
    $('announce').addEventListener('submit', function (e) {
      e.preventDefault();
      var body = {text: $('announce-text').value};
      var problem = $('announce-problem').value;
      if (problem) { body.problem = problem; }
      cpjudge.apiJson('/api/v1/contests/' + enc(contest) + '/clarifications', {json: body}).then(function () {
        $('announce-text').value = '';
        say('clarifications-result', 'Announced to everyone.');
        loadClarifications();
      }, failed('clarifications-result'));
    });
  }

  /* --- the loop --- */

  function refresh() {
    // the contest first: its problem labels name the clarifications' problems
    var loaded = contest
      ? loadContest().then(function () { return Promise.all([loadBoard(), loadQueue(), loadClarifications()]); })
      : Promise.all([loadContests(), loadQueue()]);
    return loaded.then(opened, function (e) {
      if (e.status === 401 || e.status === 403) { locked(e); } else { say('jury-error', e.message || String(e), true); }
    });
  }

  function start() {
    if (running) { return; }
    running = true;
    refresh().then(function () {
      if (running && timer === null) { timer = window.setInterval(refresh, REFRESH_MS); }
    });
  }

  function stop() {
    running = false;
    if (timer !== null) { window.clearInterval(timer); timer = null; }
  }

  function init() {
    root = $('jury');
    if (!root || !window.cpjudge) { return; }
    contest = root.getAttribute('data-contest') || null;
    queueControls();
    if (contest) {
      contestButtons();
      announceControls();
    }
    cpjudge.onSession(function (user) {
      stop();
      if (!user) { locked(null); return; }
      start();
    });
  }

  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', init); } else { init(); }
})();
