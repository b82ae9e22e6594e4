/* Terbuka's page behaviour, as a static file: the Content-Security-Policy allows no inline script, no
   inline event handler (onclick=…) and no eval (docs/security.md). Elements opt in with data attributes. */
(function () {
  "use strict";

  // <select data-submit-on-change>: submit its form when the choice changes (the language switcher).
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el instanceof HTMLSelectElement && el.hasAttribute("data-submit-on-change") && el.form) {
      el.form.submit();
    }
  });

  // <form data-reset-after-request>: empty the form after its htmx request succeeded (a comment posted).
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.target;
    if (form instanceof HTMLFormElement && form.hasAttribute("data-reset-after-request") &&
        event.detail && event.detail.successful) {
      form.reset();
    }
  });
})();
