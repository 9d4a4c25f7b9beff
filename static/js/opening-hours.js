// "Openingstijden vandaag" in the footer. Pages are cached whole, so the server writes the
// hours of the coming days and the date it rendered them for; this script picks today in
// Dutch time and says whether an office is open now and when it opens again. Without
// JavaScript the dated line stays: true for the day it names.
(function () {
  "use strict";
  var offices = document.querySelectorAll("[data-opening-days]");
  if (!offices.length || !window.Intl || !JSON.parse) return;

  var parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Amsterdam",
    year: "numeric", month: "2-digit", day: "2-digit",
    hour: "2-digit", minute: "2-digit", hourCycle: "h23"
  });

  function now() {
    var p = {};
    parts.formatToParts(new Date()).forEach(function (part) { p[part.type] = part.value; });
    return { date: p.year + "-" + p.month + "-" + p.day, time: p.hour + ":" + p.minute };
  }

  function clock(time) {
    return String(parseInt(time.slice(0, 2), 10)) + "." + time.slice(3, 5);
  }

  function dayName(iso, todayIso) {
    var date = new Date(iso + "T12:00:00Z");
    var today = new Date(todayIso + "T12:00:00Z");
    if (Math.round((date - today) / 86400000) === 1) return "morgen";
    return date.toLocaleDateString("nl-NL", {
      weekday: "long", day: "numeric", month: "long", timeZone: "UTC"
    });
  }

  function periodsText(periods) {
    if (!periods.length) return "gesloten";
    return periods.map(function (p) { return clock(p[0]) + " - " + clock(p[1]) + " uur"; }).join(", ");
  }

  function statusText(days, at) {
    var today = days[at.date] || [];
    for (var i = 0; i < today.length; i++) {
      if (today[i][0] <= at.time && at.time < today[i][1]) return [true, "Nu open, tot " + clock(today[i][1]) + " uur"];
    }
    for (i = 0; i < today.length; i++) {
      if (today[i][0] > at.time) return [false, "Nu gesloten, vandaag weer open om " + clock(today[i][0]) + " uur"];
    }
    var dates = Object.keys(days).sort();
    for (i = 0; i < dates.length; i++) {
      if (dates[i] > at.date && days[dates[i]].length) {
        return [false, "Nu gesloten, weer open " + dayName(dates[i], at.date) + " om " + clock(days[dates[i]][0][0]) + " uur"];
      }
    }
    return [false, "Nu gesloten"];
  }

  function update() {
    var at = now();
    Array.prototype.forEach.call(offices, function (office) {
      var days;
      try { days = JSON.parse(office.getAttribute("data-opening-days")); } catch (e) { return; }
      if (!(at.date in days)) return;  // older than the hours it carries: keep the dated line
      var hours = office.querySelector("[data-opening-hours]");
      var status = office.querySelector("[data-opening-status]");
      hours.textContent = "Vandaag: " + periodsText(days[at.date]);
      var result = statusText(days, at);
      status.textContent = result[1];
      status.className = "opening-today__status opening-today__status--" + (result[0] ? "open" : "closed");
      status.hidden = false;
    });
  }

  update();
  window.setInterval(update, 60000);
})();
