// Error summary links: move focus to the field's first input and scroll its question (label
// or legend) into view with it, so the resident sees what is asked, not only an empty box
// (as GOV.UK and NL Design System do). Without JavaScript the link still jumps to the input.
(function () {
  "use strict";
  function questionOf(input) {
    var fieldset = input.closest("fieldset");
    if (fieldset) {
      var legend = fieldset.querySelector("legend");
      if (legend) return legend;
    }
    return input.id ? document.querySelector('label[for="' + input.id + '"]') : null;
  }
  document.querySelectorAll(".error-summary a[href^='#']").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var input = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (!input) return;
      var question = questionOf(input);
      if (!question) return;
      event.preventDefault();
      question.scrollIntoView();
      input.focus({ preventScroll: true });
      if (window.history && window.history.replaceState) {
        window.history.replaceState(null, "", link.hash);
      }
    });
  });
})();
