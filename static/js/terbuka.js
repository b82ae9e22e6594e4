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
  // <button data-add-row="TEMPLATE_ID" data-rows="CONTAINER_ID" data-total="TOTAL_FORMS_INPUT_ID">: one more
  // empty row of a Django formset (the rows of a unit's proposal), numbered as the formset expects.
  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest("[data-add-row]") : null;
    if (!button) {
      return;
    }
    var total = document.getElementById(button.getAttribute("data-total"));
    var template = document.getElementById(button.getAttribute("data-add-row"));
    var rows = document.getElementById(button.getAttribute("data-rows"));
    if (!total || !template || !rows) {
      return;
    }
    var n = parseInt(total.value, 10);
    rows.insertAdjacentHTML("beforeend", template.innerHTML.replace(/__prefix__/g, String(n)));
    total.value = String(n + 1);
  });
})();
