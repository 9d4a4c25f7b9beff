// The "Leesbaarheid (B1)" panel follows the editor's typing: when the form has changed, post it
// to the admin (cms.admin.readability), which applies the B1 rules and returns the new report.
// Without this script the panel shows the hints for the content as last saved.
(function () {
  "use strict";

  var INTERVAL_MS = 1500;

  function start(panel) {
    var url = panel.getAttribute("data-readability-url");
    var form = panel.closest("form");
    if (!url || !form) {
      return;
    }
    var report = panel.querySelector("[data-readability-report]");
    var verdict = panel.querySelector("[data-readability-verdict]");
    var last = serialise(form);
    var busy = false;

    function serialise(target) {
      var data = new FormData(target);
      var parts = [];
      data.forEach(function (value, name) {
        if (typeof value === "string") {
          parts.push(encodeURIComponent(name) + "=" + encodeURIComponent(value));
        }
      });
      return parts.join("&");
    }

    function csrfToken() {
      var field = form.querySelector("input[name=csrfmiddlewaretoken]");
      return field ? field.value : "";
    }

    function show(data) {
      report.innerHTML = data.html;
      var text = data.verdict ? "Oordeel: " : "";
      if (verdict.textContent !== text + data.verdict) {
        verdict.textContent = text;
        if (data.verdict) {
          var strong = document.createElement("strong");
          strong.className = "readability-verdict readability-verdict--" + data.level;
          strong.textContent = data.verdict;
          verdict.appendChild(strong);
        }
      }
    }

    function check() {
      if (busy) {
        return;
      }
      var body = serialise(form);
      if (body === last) {
        return;
      }
      busy = true;
      fetch(url, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "X-CSRFToken": csrfToken(),
          "X-Requested-With": "XMLHttpRequest",
        },
      })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (data) {
          last = body;
          if (data) {
            show(data);
          }
        })
        .catch(function () {})
        .finally(function () {
          busy = false;
        });
    }

    window.setInterval(check, INTERVAL_MS);
  }

  function init() {
    document.querySelectorAll("[data-readability-url]").forEach(start);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
