// The idle warning of a portal session (WCAG 2.2.1): before the session ends, a modal
// alertdialog asks whether to stay logged in; "Blijf ingelogd" (or Escape) extends it with one
// POST. Before it opens, the server is asked how much time is really left, so another tab's
// activity counts. When the time is up, the browser goes to the page that says what was kept.
// Without JavaScript nothing shows here and that page is where the next click lands.
(function () {
  "use strict";
  var dialog = document.getElementById("sessie-waarschuwing");
  if (!dialog || typeof dialog.showModal !== "function" || !window.fetch) return;

  var warning = parseInt(dialog.getAttribute("data-warning"), 10) || 120;
  var statusUrl = dialog.getAttribute("data-status-url");
  var expiredUrl = dialog.getAttribute("data-expired-url");
  var extendForm = dialog.querySelector("[data-session-extend]");
  var countdown = dialog.querySelector("[data-session-countdown]");
  var announce = dialog.querySelector("[data-session-announce]");
  var status = document.querySelector("[data-session-status]");
  var deadline = 0;
  var timer = null;
  var ticker = null;
  var returnFocus = null;
  var announced = {};

  function duration(seconds) {
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    var parts = [];
    if (minutes) parts.push(minutes + (minutes === 1 ? " minuut" : " minuten"));
    if (rest || !minutes) parts.push(rest + (rest === 1 ? " seconde" : " seconden"));
    return parts.join(" en ");
  }

  function secondsLeft() {
    return Math.max(0, Math.round((deadline - Date.now()) / 1000));
  }

  function schedule(remaining) {
    deadline = Date.now() + remaining * 1000;
    window.clearTimeout(timer);
    // Ask again just before the warning is due.
    timer = window.setTimeout(check, Math.max(0, remaining - warning - 2) * 1000);
  }

  function expire() {
    var next = window.location.pathname + window.location.search;
    window.location.assign(expiredUrl + "?next=" + encodeURIComponent(next));
  }

  function tick() {
    var left = secondsLeft();
    countdown.textContent = duration(left);
    // A screen reader hears the time at the start and at one minute, not every second.
    if (left <= 60 && !announced[60]) {
      announced[60] = true;
      announce.textContent = "Nog 1 minuut, dan wordt u uitgelogd.";
    }
    if (left <= 0) {
      window.clearInterval(ticker);
      check();
    }
  }

  function open(remaining) {
    deadline = Date.now() + remaining * 1000;
    window.clearTimeout(timer);
    if (!dialog.open) {
      returnFocus = document.activeElement;
      announced = { 60: remaining <= 60 };
      countdown.textContent = duration(remaining);
      dialog.showModal();
      var button = extendForm.querySelector("button");
      if (button) button.focus();
    }
    window.clearInterval(ticker);
    ticker = window.setInterval(tick, 1000);
  }

  function close() {
    window.clearInterval(ticker);
    if (dialog.open) dialog.close();
    if (returnFocus && typeof returnFocus.focus === "function") returnFocus.focus();
  }

  function check() {
    fetch(statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (state.expired || state.remaining <= 0) return expire();
        if (state.remaining > warning + 5) {
          close();
          return schedule(state.remaining);
        }
        open(state.remaining);
      })
      .catch(function () {
        // Offline: count down on our own clock.
        if (secondsLeft() <= 0) return expire();
        open(secondsLeft());
      });
  }

  function extend() {
    var body = new FormData(extendForm);
    fetch(extendForm.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: {
        Accept: "application/json",
        "X-CSRFToken": body.get("csrfmiddlewaretoken"),
      },
    })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (state.expired) return expire();
        close();
        status.textContent = "U blijft ingelogd.";
        schedule(state.remaining);
      })
      .catch(function () { extendForm.submit(); });
  }

  extendForm.addEventListener("submit", function (event) {
    event.preventDefault();
    extend();
  });
  // Escape closes a modal dialog; here it means "I am still here".
  dialog.addEventListener("cancel", function (event) {
    event.preventDefault();
    extend();
  });

  schedule(parseInt(dialog.getAttribute("data-remaining"), 10) || 0);
})();
