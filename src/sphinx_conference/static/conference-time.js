/* Times in the event's zone or the reader's (sphinx-conference).
 *
 * Progressive enhancement: without this script every time reads in its event's
 * zone, as written. Each time of day is a <time datetime="2023-02-07T11:00+00:00">
 * (dates alone carry no offset and are left as they are); the zone it is shown in
 * is named in .conference-tz spans and "Times are in ..." notes. This adds a
 * control labelled "Time zone" under the page's title ("Event time", "My time",
 * remembered in localStorage) and re-renders those times, saying which zone shows.
 * Times another script adds later (the "around" lists of conference-agenda.js) are
 * taken in when it sends a "conference:times" event.
 */
(function () {
  "use strict";

  var KEY = "conference-timezone";
  var times = Array.prototype.slice.call(document.querySelectorAll("time[datetime*='T']"));
  if (!times.length || typeof Intl === "undefined") return;

  var here = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  var notes = Array.prototype.slice.call(document.querySelectorAll(".conference-timezone-note"));
  var eventZones = [];
  var labels = Array.prototype.slice.call(document.querySelectorAll(".conference-tz"))
    .filter(function (e) {
      var name = e.textContent.trim();
      if (name && eventZones.indexOf(name) < 0) eventZones.push(name);
      return !e.closest(".conference-timezone-note");  // a note is re-written whole
    });
  // What each element reads in event time (the page as built).
  var original = new Map();
  times.concat(labels).forEach(function (e) { original.set(e, e.textContent); });
  notes.forEach(function (e) { original.set(e, e.innerHTML); });

  var parts = new Intl.DateTimeFormat("en-US", {
    timeZone: here, weekday: "short", day: "numeric", month: "short", year: "numeric",
    hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  });
  var isoDay = new Intl.DateTimeFormat("en-CA", {
    timeZone: here, year: "numeric", month: "2-digit", day: "2-digit",
  });

  function local(value) {
    var p = {};
    parts.formatToParts(new Date(value)).forEach(function (x) { p[x.type] = x.value; });
    p.hour = p.hour === "24" ? "00" : p.hour;
    return p;
  }

  // "Tue 7 Feb 2023, 11:00" where the page gives the date, else "11:00", followed by
  // the day when the reader's day is not the event's.
  function render(e) {
    var value = e.getAttribute("datetime");
    var p = local(value);
    var clock = p.hour + ":" + p.minute;
    var date = p.weekday + " " + p.day + " " + p.month;
    if (/[A-Za-z]/.test(original.get(e))) return date + " " + p.year + ", " + clock;
    var day = isoDay.format(new Date(value));
    return day === value.slice(0, 10) ? clock : clock + " (" + date + ")";
  }

  function status(mode) {
    if (mode === "local") return "Times in your zone, " + here;
    if (!eventZones.length) return "Times in event time";
    var names = eventZones.length === 1 ? eventZones[0]
      : eventZones.slice(0, -1).join(", ") + " and " + eventZones[eventZones.length - 1];
    return "Times in " + names + " (event time)";
  }

  var box = document.createElement("div");
  box.className = "conference-tz-switch";
  var label = document.createElement("label");
  label.htmlFor = "conference-tz-select";
  label.textContent = "Time zone";
  var select = document.createElement("select");
  select.id = "conference-tz-select";
  [["event", "Event time"], ["local", "My time"]].forEach(function (o) {
    var option = document.createElement("option");
    option.value = o[0];
    option.textContent = o[1];
    select.appendChild(option);
  });
  var said = document.createElement("span");
  said.className = "conference-tz-status";
  said.setAttribute("role", "status");
  box.appendChild(label);
  box.appendChild(select);
  box.appendChild(said);

  function apply(mode) {
    var mine = mode === "local";
    times.forEach(function (e) { e.textContent = mine ? render(e) : original.get(e); });
    labels.forEach(function (e) { e.textContent = mine ? here : original.get(e); });
    notes.forEach(function (e) {
      if (mine) e.textContent = "Times are in your zone, " + here + ".";
      else e.innerHTML = original.get(e);
    });
    select.value = mine ? "local" : "event";
    said.textContent = status(mine ? "local" : "event");
  }

  select.addEventListener("change", function () {
    apply(select.value);
    try { window.localStorage.setItem(KEY, select.value); } catch (err) { /* not remembered */ }
  });

  // Under the page's title (the main content's first shown <h1>: sphinx-book-theme puts a
  // print-only one first), else at its top.
  var main = document.querySelector("main, [role='main']") || document.body;
  var titles = Array.prototype.slice.call(main.querySelectorAll("h1"));
  var title = titles.filter(function (h) { return h.getClientRects().length > 0; })[0] || titles[0];
  if (title) title.insertAdjacentElement("afterend", box);
  else main.insertBefore(box, main.firstChild);

  document.addEventListener("conference:times", function () {
    var mine = select.value === "local";
    document.querySelectorAll("time[datetime*='T']").forEach(function (e) {
      if (original.has(e)) return;
      original.set(e, e.textContent);
      times.push(e);
      if (mine) e.textContent = render(e);
    });
  });

  var saved = "event";
  try { saved = window.localStorage.getItem(KEY) || "event"; } catch (err) { /* default */ }
  apply(saved === "local" ? "local" : "event");
})();
