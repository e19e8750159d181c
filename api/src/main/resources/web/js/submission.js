/*
 * submission.js: a submission still being judged. Polls its JSON (the URL in #submission's data-api) and
 * reloads the page once its verdict is in; meanwhile the status line follows the judge.
 */
(function () {
  'use strict';
  function start() {
    var box = document.getElementById('submission');
    if (!box || box.getAttribute('data-done') === 'true' || !window.fetch) { return; }
    var url = box.getAttribute('data-api');
    function poll() {
      var call = window.cpjudge ? cpjudge.api(url) : fetch(url, {cache: 'no-store'});
      call.then(function (r) { return r.json(); }).then(function (s) {
        if (s.status === 'done') { location.reload(); return; }
        document.getElementById('status').textContent = s.status;
        setTimeout(poll, 1000);
      }).catch(function () { setTimeout(poll, 3000); });
    }
    setTimeout(poll, 1000);
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
})();
