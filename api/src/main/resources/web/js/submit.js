/*
 * submit.js: the problem page's submit form, for a signed-in user (session.js keeps the token).
 *
 * The languages come from GET /api/v1/languages; a file picked is read into the text box and its extension
 * chooses the language; the submission goes to POST /api/v1/submissions (with "contest" when it counts in
 * one) and the browser then opens the submission's page, which follows its verdict.
 */
(function () {
  'use strict';
  var FILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.+-]{0,99}$/;

  function $(id) { return document.getElementById(id); }

  function start() {
    var section = $('submit'), form = $('submit-form');
    if (!section || !window.cpjudge) { return; }
    // a page the server could not fill shows the form once problem-view.js has the problem
    if (!document.getElementById('problem-lookup')) { section.hidden = false; }
    if (!form) { return; }
    var languages = [], uploadedName = null;
    var where = $('submit-where');
    var select = $('submit-language'), source = $('submit-source'), file = $('submit-file');
    var error = $('submit-error'), button = $('submit-button');

    function fail(message) {
      error.textContent = message;
      error.hidden = false;
      button.disabled = false;
    }

    function extension(name) {
      var dot = name.lastIndexOf('.');
      return dot < 0 ? '' : name.substring(dot + 1).toLowerCase();
    }

    function languageFor(name) {
      var ext = extension(name);
      for (var i = 0; i < languages.length; i++) {
        if ((languages[i].extensions || []).indexOf(ext) >= 0) { return languages[i].id; }
      }
      return null;
    }

    /* A pasted source gets a name its language compiles: Java's public class is usually Main. */
    function fileName(languageId) {
      if (uploadedName && FILE_NAME.test(uploadedName) && languageFor(uploadedName) === languageId) {
        return uploadedName;
      }
      var language = languages.filter(function (l) { return l.id === languageId; })[0];
      var ext = language && language.extensions && language.extensions.length ? language.extensions[0] : 'txt';
      return (languageId === 'java' || languageId === 'kotlin' ? 'Main' : 'solution') + '.' + ext;
    }

    cpjudge.onSession(function (user) {
      form.hidden = !user;
      $('submit-signin').hidden = !!user;
    });

    cpjudge.apiJson('/api/v1/languages').then(function (list) {
      languages = list || [];
      select.textContent = '';
      languages.forEach(function (l) {
        var option = document.createElement('option');
        option.value = l.id;
        option.textContent = l.name;
        select.appendChild(option);
      });
      form.setAttribute('data-ready', 'true');
    }).catch(function (e) { fail('Could not load the languages: ' + e.message); });

    file.addEventListener('change', function () {
      var picked = file.files && file.files[0];
      if (!picked) { return; }
      picked.text().then(function (text) {
        source.value = text;
        uploadedName = picked.name;
        var id = languageFor(picked.name);
        if (id) { select.value = id; }
      });
    });

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      error.hidden = true;
      if (!source.value.trim()) { fail('Paste your source or pick a file first.'); return; }
      button.disabled = true;
      var body = {
        problem: form.getAttribute('data-problem'), language: select.value,
        files: [{name: fileName(select.value), content: source.value}]
      };
      if (where && where.value) { body.contest = where.value; }
      cpjudge.apiJson('/api/v1/submissions', {json: body}).then(function (answer) {
        window.location.assign('/submissions/' + encodeURIComponent(answer.id));
      }).catch(function (err) {
        fail(err.status === 401 ? 'Your token is no longer accepted: sign in again.' : err.message);
      });
    });
  }

  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
})();
