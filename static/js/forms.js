// Progressive enhancement for forms: show a question only when an earlier answer in the same
// step asks for it. Without JavaScript every question shows, with a line that says when to
// answer it; the server ignores questions whose condition does not hold.
// Step 1 shown at the form's own URL takes the step's URL in the address bar and history: the
// browser's Back from step 2 and a reload then show step 1, where the form's URL would
// continue at the open step.
(function () {
  "use strict";
  function currentValues(form, name) {
    var values = [];
    form.querySelectorAll('[name="' + name + '"]').forEach(function (input) {
      if ((input.type === "radio" || input.type === "checkbox") && !input.checked) return;
      if (input.type === "checkbox" && input.value === "on") { values.push("ja"); return; }
      values.push((input.value || "").trim().toLowerCase());
    });
    return values;
  }
  function update(form) {
    form.querySelectorAll("[data-show-if]").forEach(function (wrapper) {
      var expected = (wrapper.getAttribute("data-show-if-value") || "").trim().toLowerCase();
      var show = currentValues(form, wrapper.getAttribute("data-show-if")).indexOf(expected) !== -1;
      wrapper.hidden = !show;
      wrapper.querySelectorAll("input, select, textarea").forEach(function (input) {
        // A read-only prefilled answer stays read-only.
        if (input.hasAttribute("data-locked")) return;
        input.disabled = !show;
      });
      var hint = wrapper.querySelector(".condition-text");
      if (hint) hint.hidden = true;
    });
  }
  document.querySelectorAll("form").forEach(function (form) {
    if (!form.querySelector("[data-show-if]")) return;
    form.querySelectorAll("[disabled]").forEach(function (input) {
      input.setAttribute("data-locked", "");
    });
    form.addEventListener("change", function () { update(form); });
    update(form);
  });
})();
(function () {
  "use strict";
  var form = document.querySelector("form[data-step-url]");
  if (form && window.history && window.history.replaceState) {
    window.history.replaceState(window.history.state, "", form.getAttribute("data-step-url"));
  }
})();
