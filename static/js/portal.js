// Auxilios portal: small progressive enhancements, no build step.
(function () {
  "use strict";

  // A button marked data-once submits its form once: a double click or an
  // impatient second tap does not send the form twice (the server is
  // idempotent anyway; this just spares the wait).
  document.addEventListener("submit", function (event) {
    var button = event.target.querySelector("button[data-once]");
    if (!button) return;
    if (button.dataset.sent) { event.preventDefault(); return; }
    button.dataset.sent = "1";
    button.setAttribute("aria-disabled", "true");
    button.textContent = "Enviando…";
  });

  // What the associate chose in «1. Beneficiario y cuenta» without pressing
  // «Guardar datos» goes along when another form of the page is sent (marked
  // data-carry: the upload, «Solicitar auxilio»), and is saved before the
  // page reloads itself: nothing chosen or typed is lost on the way.
  var details = document.getElementById("details");
  function serialized(form) { return new URLSearchParams(new FormData(form)).toString(); }
  var savedDetails = details ? serialized(details) : "";
  function detailsChanged() { return details && serialized(details) !== savedDetails; }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-carry") || !detailsChanged()) return;
    new FormData(details).forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken") return;
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = value;
      form.appendChild(input);
    });
  }, true);

  // While the worker reads the uploaded invoices, refresh their facts and
  // warnings without reloading the page.
  function poll() {
    var box = document.getElementById("documents");
    if (!box || !box.dataset.poll) return;
    window.setTimeout(function () {
      fetch(box.dataset.poll, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
        .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
        .then(function (html) {
          var holder = document.createElement("div");
          holder.innerHTML = html;
          var fresh = holder.querySelector("#documents");
          if (!fresh) return;
          box.replaceWith(fresh);
          if (fresh.dataset.poll) { poll(); return; }
          // Read: the summary depends on it. Saving unsaved details reloads too.
          if (detailsChanged()) { details.requestSubmit(); } else { window.location.reload(); }
        })
        .catch(function () { window.setTimeout(poll, 4000); });
    }, 1500);
  }
  poll();
})();
