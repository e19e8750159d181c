/*
 * statement.js: typesets the statement's math with KaTeX (loaded before this script, from the jar).
 *
 * The server marks each piece of math as <span class="math"> (display math also "math-display") holding the TeX
 * as text, so nothing in the statement's prose is taken for math by mistake. KaTeX builds the typeset math as
 * DOM nodes and sets its sizes through element.style, which the page's Content-Security-Policy allows (it
 * forbids style attributes written in markup, not the CSSOM). A formula KaTeX cannot parse stays as its source.
 */
(function () {
  'use strict';
  function typeset() {
    if (!window.katex) { return; }
    var spans = document.querySelectorAll('.statement .math:not([data-tex])');
    for (var i = 0; i < spans.length; i++) {
      var span = spans[i];
      var tex = span.textContent;
      try {
        window.katex.render(tex, span, {
          displayMode: span.classList.contains('math-display'), throwOnError: false, trust: false, strict: 'ignore'
        });
        span.setAttribute('data-tex', tex);
      } catch (e) {
        span.textContent = tex;
      }
    }
    document.documentElement.setAttribute('data-math', 'typeset');
  }
  // problem-view.js typesets a statement it added later
  window.cpjudgeTypeset = typeset;
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', typeset); } else { typeset(); }
})();
