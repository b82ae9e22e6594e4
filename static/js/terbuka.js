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
  // <button data-formset-add="TEMPLATE-ID" data-formset-list="LIST-ID" data-formset-total="TOTAL-INPUT-ID">:
  // add one form of a Django formset from its <template> (the empty form, __prefix__ numbered).
  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest("[data-formset-add]") : null;
    if (!button) {
      return;
    }
    var total = document.getElementById(button.getAttribute("data-formset-total"));
    var template = document.getElementById(button.getAttribute("data-formset-add"));
    var list = document.getElementById(button.getAttribute("data-formset-list"));
    if (!total || !template || !list) {
      return;
    }
    var n = parseInt(total.value, 10);
    list.insertAdjacentHTML("beforeend", template.innerHTML.replace(/__prefix__/g, String(n)));
    total.value = n + 1;
  });
})();
