/*
 * countdown.js: contest clocks. Every <time class="countdown" data-until="ISO instant"> shows the time left
 * until then ("2 d 03:04:05", "03:04:05"), as the server rendered it at loading; at zero it shows 00:00:00 and,
 * with data-then="reload", reloads the page once (the contest started or ended: the page changes then).
 */
(function () {
  'use strict';
  function two(n) { return n < 10 ? '0' + n : String(n); }
  function clock(ms) {
    var s = Math.max(0, Math.floor(ms / 1000));
    var days = Math.floor(s / 86400);
    var hms = two(Math.floor(s % 86400 / 3600)) + ':' + two(Math.floor(s % 3600 / 60)) + ':' + two(s % 60);
    return days > 0 ? days + ' d ' + hms : hms;
  }
  var reloading = false;
  function tick() {
    var now = Date.now();
    var clocks = document.querySelectorAll('time.countdown[data-until]');
    Array.prototype.forEach.call(clocks, function (el) {
      var until = Date.parse(el.getAttribute('data-until'));
      if (isNaN(until)) { return; }
      var left = until - now;
      var text = clock(left);
      if (el.textContent !== text) { el.textContent = text; }
      if (left <= 0 && el.getAttribute('data-then') === 'reload' && !reloading) {
        reloading = true;
        // a moment after the instant, so that the server sees the contest's new state
        setTimeout(function () { location.reload(); }, 1500);
      }
    });
  }
  function start() {
    tick();
    setInterval(tick, 1000);
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
})();
