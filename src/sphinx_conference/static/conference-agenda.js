/* My agenda, and "Now" and "Next" (sphinx-conference).
 *
 * Progressive enhancement: without this script every page reads in full and no
 * button shows. The script's tag names the events whose sessions the page shows
 * (data-events); their data (_agenda/<event-id>.json, one file per event) is
 * fetched once. Each timed session found on the page (by its link, or its block)
 * gets an "Add to my agenda" toggle; picks are kept in localStorage, per site.
 * While an event runs, sessions in progress get a "Now" badge and the next one of
 * each room a "Next" badge (every minute; ?now=YYYY-MM-DDTHH:MM, in event time,
 * stands for the clock). On agenda.html the picks are listed by day and time,
 * with overlaps, "Download" (.ics) and "Share" (agenda.html#picks=id,id).
 * Under each session's block it draws "Around this session" from the same data:
 * "At the same time", "Next in this room", "More by these speakers" and "Also given
 * at" (data-agenda="off": only these, the site has no agenda).
 */
(() => {
  "use strict";

  const script = document.currentScript;
  if (!script) return;
  const root = new URL("../", script.src);
  const KEY = "sphinx-conference-agenda:" + root.href;
  const EVENTS = (script.getAttribute("data-events") || "").split(/\s+/).filter(Boolean);
  const AGENDA = script.getAttribute("data-agenda") !== "off";
  const SLUG = "[a-z0-9]+(?:[-_.][a-z0-9]+)*";
  const ID = new RegExp("^" + SLUG + "/" + SLUG + "$");
  const MINUTE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
  const ADD = "Add to my agenda";
  const REMOVE = "Remove from my agenda";

  // -- storage ------------------------------------------------------------------------
  let memory = [];
  function picks() {
    try {
      const value = JSON.parse(window.localStorage.getItem(KEY) || "[]");
      return Array.isArray(value) ? value.filter((x) => typeof x === "string") : [];
    } catch (e) {
      return memory.slice();
    }
  }
  function store(list) {
    memory = list.slice();
    try { window.localStorage.setItem(KEY, JSON.stringify(list)); } catch (e) { /* memory only */ }
  }
  const has = (id) => picks().includes(id);

  // -- the DOM ------------------------------------------------------------------------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    children.forEach((c) => c != null && node.append(c));
    return node;
  }
  let live = null;
  function announce(text) {
    if (!live) {
      live = el("div", { role: "status", "aria-live": "polite",
        "class": "conference-agenda-status sd-sr-only conference-visually-hidden" });
      document.body.append(live);
    }
    live.textContent = "";
    window.setTimeout(() => { live.textContent = text; }, 50);
  }

  // -- the data -------------------------------------------------------------------------
  const loaded = {};
  function load(eventId) {
    if (!loaded[eventId]) {
      const url = new URL("_agenda/" + encodeURIComponent(eventId) + ".json", root);
      loaded[eventId] = fetch(url).then((r) => (r.ok ? r.json() : null)).catch(() => null);
    }
    return loaded[eventId];
  }
  const byId = new Map(); // session id -> {session, event, data}
  const byAnchor = new Map(); // "session-..." -> same
  function index(list) {
    list.forEach((data) => {
      if (!data || !Array.isArray(data.sessions)) return;
      data.sessions.forEach((s) => {
        const entry = { session: s, event: data.event, data };
        byId.set(s.id, entry);
        byAnchor.set(s.url.split("#")[1], entry);
      });
    });
  }
  const wall = (stamp) => (stamp ? stamp.slice(0, 16) : ""); // event time, YYYY-MM-DDTHH:MM
  const hhmm = (stamp) => stamp.slice(11, 16);

  // -- toggles ----------------------------------------------------------------------------
  const buttons = new Map(); // session id -> its buttons on this page
  function setPressed(button, on) {
    button.setAttribute("aria-pressed", on ? "true" : "false");
    button.textContent = on ? REMOVE : ADD;
  }
  function toggle(id, on) {
    const list = picks().filter((x) => x !== id);
    if (on) list.push(id);
    store(list);
    (buttons.get(id) || []).forEach((b) => setPressed(b, on));
    announce(on ? "Added to your agenda" : "Removed from your agenda");
  }
  function toggleButton(id, onChange) {
    const button = el("button", { type: "button",
      "class": "conference-agenda-toggle conference-button sd-btn sd-btn-sm" });
    setPressed(button, has(id));
    button.addEventListener("click", () => {
      toggle(id, button.getAttribute("aria-pressed") !== "true");
      if (onChange) onChange();
    });
    if (!buttons.has(id)) buttons.set(id, []);
    buttons.get(id).push(button);
    return button;
  }
  window.addEventListener("storage", (e) => {
    if (e.key !== KEY) return;
    buttons.forEach((list, id) => list.forEach((b) => setPressed(b, has(id))));
  });

  // Each session the page shows: [element, entry, its session link or heading].
  function found() {
    const out = [];
    document.querySelectorAll(".conference-filter-item").forEach((item) => {
      const link = Array.from(item.querySelectorAll('a[href*="#session-"]'))
        .find((a) => byAnchor.has(a.hash.slice(1)));
      if (link) out.push([item, byAnchor.get(link.hash.slice(1)), link]);
    });
    byAnchor.forEach((entry, anchor) => {
      const block = document.getElementById(anchor);
      if (block && block.classList.contains("conference-session")) {
        out.push([block, entry, block.querySelector(".conference-session-title") || block]);
      }
    });
    return out;
  }

  function addButtons(shown) {
    shown.forEach(([item, entry]) => {
      if (!entry.session.start) return; // "Time to be announced": nothing to pick
      const para = el("p", { "class": "conference-agenda-actions" }, toggleButton(entry.session.id));
      if (item.classList.contains("conference-session")) {
        const details = item.querySelector(".conference-session-details");
        if (details) details.after(para); else item.append(para);
      } else if (item.tagName === "TR") {
        item.cells[0].append(para);
      } else {
        (item.querySelector(".sd-card-body") || item).append(para);
      }
    });
  }

  // -- around this session ------------------------------------------------------------------
  const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  function dayClock(stamp) { // "Sat 11 May 2024, 09:00", as the pages write it
    const [y, m, d] = stamp.slice(0, 10).split("-").map(Number);
    const weekday = DAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
    return `${weekday} ${d} ${MONTHS[m - 1]} ${y}, ${hhmm(wall(stamp))}`;
  }
  // A link to a session as the pages write one: "#anchor" on its own page, else relative
  // to this page (printed, a link within the site prints no address).
  function aroundLink(url, text) {
    const target = new URL(url, root);
    const here = window.location;
    let href = target.href;
    if (target.pathname === here.pathname) href = target.hash;
    else if (target.origin === here.origin) {
      const from = here.pathname.split("/").slice(0, -1);
      const to = target.pathname.split("/");
      let i = 0;
      while (i < from.length && i < to.length - 1 && from[i] === to[i]) i += 1;
      href = "../".repeat(from.length - i) + to.slice(i).join("/") + target.hash;
    }
    return el("a", { href, "class": "reference internal" }, text);
  }
  function marks(item, list) {
    (list || []).forEach(([kind, text]) => item.push(" ",
      el("span", { "class": `conference-change conference-change-${kind}` }, text)));
    return item;
  }
  const sessionsOf = new Map(); // an event's data -> its sessions by id (made once)
  function aroundList(session, data) {
    const around = session.around;
    if (!sessionsOf.has(data)) sessionsOf.set(data, new Map(data.sessions.map((s) => [s.id, s])));
    const sessions = sessionsOf.get(data);
    const others = data.others || {};
    const when = (other) => { // "11:00–11:30 ", with the day when it is not the session's
      const sameDay = session.start && wall(other.start).slice(0, 10) === wall(session.start).slice(0, 10);
      const out = [el("time", { datetime: other.start }, sameDay ? hhmm(wall(other.start)) : dayClock(other.start))];
      if (other.end) out.push("–", el("time", { datetime: other.end }, hhmm(wall(other.end))));
      out.push(" ");
      return out;
    };
    const timed = (id, room) => {
      const other = sessions.get(id);
      if (!other || !other.start) return null;
      const item = [...when(other), aroundLink(other.url, other.title)];
      if (room && other.room) item.push(` (${other.room})`);
      return marks(item, other.badges);
    };
    const named = (id) => { // [title, event's name, url, badges] of a session of any event
      const own = sessions.get(id);
      if (own) return [own.title, data.event.name, own.url, own.badges];
      const other = others[id];
      return other ? [other.title, other.event, other.url, other.badges] : null;
    };
    const elsewhere = (id) => {
      const found = named(id);
      return found && marks([aroundLink(found[2], found[0]), `, ${found[1]}`], found[3]);
    };
    const givenAt = (id) => {
      const found = named(id);
      return found && marks([aroundLink(found[2], found[1])], found[3]);
    };
    const parts = [
      ["At the same time", (around.same || []).map((id) => timed(id, true))],
      ["Next in this room", around.next ? [timed(around.next, false)] : []],
      ["More by these speakers", (around.by || []).map(elsewhere)],
      ["Also given at", (around.also || []).map(givenAt)],
    ];
    const box = el("dl", { "class": "simple conference-around no-search" });
    parts.forEach(([label, found]) => {
      const items = found.filter(Boolean);
      if (!items.length) return;
      const dd = el("dd", {});
      if (items.length === 1) dd.append(el("p", {}, ...items[0]));
      else dd.append(el("ul", { "class": "simple" }, ...items.map((i) => el("li", {}, el("p", {}, ...i)))));
      box.append(el("dt", {}, label), dd);
    });
    return box.children.length ? box : null;
  }
  function addAround(shown) {
    let added = false;
    shown.forEach(([item, entry]) => {
      if (!item.classList.contains("conference-session") || !entry.session.around) return;
      if (item.querySelector(":scope > .conference-around")) return;
      const box = aroundList(entry.session, entry.data);
      if (!box) return;
      const calendar = item.querySelector(":scope > .conference-calendar");
      if (calendar) calendar.before(box); else item.append(box);
      added = true;
    });
    // The time-zone switch (conference-time.js) shows these times in the reader's zone too.
    if (added) document.dispatchEvent(new CustomEvent("conference:times"));
  }

  // -- now and next -----------------------------------------------------------------------
  const override = new URLSearchParams(window.location.search).get("now");
  function nowIn(tz) {
    if (override && MINUTE.test(override)) return override;
    try {
      const parts = {};
      new Intl.DateTimeFormat("en-CA", { timeZone: tz || "UTC", hourCycle: "h23",
        year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" })
        .formatToParts(new Date()).forEach((p) => { parts[p.type] = p.value; });
      return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
    } catch (e) {
      return new Date().toISOString().slice(0, 16);
    }
  }
  // Session id -> "now" or "next", for every event running at its own "now".
  function states(datas) {
    const out = new Map();
    datas.forEach((data) => {
      if (!data) return;
      const timed = data.sessions.filter((s) => s.start);
      if (!timed.length) return;
      const now = nowIn(data.event.timezone);
      const days = timed.map((s) => wall(s.start).slice(0, 10)).sort();
      const first = data.event.start || days[0];
      const last = data.event.end || days[days.length - 1];
      const today = now.slice(0, 10);
      if (today < first || today > last) return; // the event is not running
      const next = new Map();
      timed.forEach((s) => {
        const start = wall(s.start);
        if (start <= now && s.end && now < wall(s.end)) out.set(s.id, "now");
        else if (start > now) {
          const best = next.get(s.room);
          if (!best || start < wall(best.start)) next.set(s.room, s);
        }
      });
      next.forEach((s) => { if (!out.has(s.id)) out.set(s.id, "next"); });
    });
    return out;
  }

  let shownMarks = "";
  function showNow(shown, datas) {
    const marks = states(datas);
    const signature = JSON.stringify(Array.from(marks));
    if (signature === shownMarks) return; // unchanged since the last minute
    shownMarks = signature;
    document.querySelectorAll(".conference-now-badge, .conference-now-gap, .conference-jump")
      .forEach((n) => n.remove());
    shown.forEach(([, entry, title]) => {
      const state = marks.get(entry.session.id);
      if (!state) return;
      const badge = el("span", { "class": `conference-now-badge conference-badge-${state}` },
        state === "now" ? "Now" : "Next");
      const gap = el("span", { "class": "conference-now-gap" }, " ");
      if (title.tagName === "A") title.before(badge, gap); else title.prepend(badge, gap);
    });
    const list = Array.from(document.querySelectorAll(".conference-session-list"))
      .find((l) => l.querySelector(".conference-now-badge"));
    if (!list) return;
    const button = el("button", { type: "button",
      "class": "conference-jump-button conference-button conference-button-primary sd-btn sd-btn-sm" }, "Jump to now");
    button.addEventListener("click", () => {
      const badge = list.querySelector(".conference-badge-now") || list.querySelector(".conference-badge-next");
      if (!badge) return;
      const item = badge.closest(".conference-filter-item") || badge.parentElement;
      const target = item.querySelector('a[href*="#session-"]') || item;
      if (target === item) item.setAttribute("tabindex", "-1");
      item.scrollIntoView({ block: "center" });
      target.focus({ preventScroll: true });
    });
    const filter = list.querySelector(":scope > .conference-filter");
    const para = el("p", { "class": "conference-jump" }, button);
    if (filter) filter.after(para); else list.prepend(para);
  }

  // -- agenda.html ------------------------------------------------------------------------
  function dayName(day) { // as the pages write it: "Monday 10 March 2025"
    const parts = {};
    new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long",
      year: "numeric", timeZone: "UTC" }).formatToParts(new Date(day + "T12:00:00Z"))
      .forEach((p) => { parts[p.type] = p.value; });
    return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
  }
  function timeOf(s) {
    const span = el("span", { "class": "conference-agenda-time" },
      el("time", { datetime: s.start }, hhmm(wall(s.start))));
    if (s.end) span.append("–", el("time", { datetime: s.end }, hhmm(wall(s.end))));
    return span;
  }
  const instant = (stamp) => Date.parse(stamp);
  function sessionLink(entry) {
    return el("a", { href: new URL(entry.session.url, root).href, "class": "reference internal" },
      entry.session.title);
  }

  // Overlaps between timed picks: id -> [entries].
  function overlaps(entries) {
    const out = new Map();
    // A cancelled session takes no time: it overlaps nothing.
    const timed = entries.filter((e) => e.session.start && e.session.status !== "cancelled");
    timed.forEach((a) => {
      const as = instant(a.session.start);
      const ae = a.session.end ? instant(a.session.end) : as;
      out.set(a.session.id, timed.filter((b) => {
        if (b === a) return false;
        const bs = instant(b.session.start);
        const be = b.session.end ? instant(b.session.end) : bs;
        return (as < be && bs < ae) || as === bs;
      }));
    });
    return out;
  }

  // The picks of ``ids`` as a list by day: known entries and the ids no longer known.
  function pickList(ids, level, withToggles, rerender) {
    const frag = document.createDocumentFragment();
    const entries = ids.map((id) => byId.get(id)).filter(Boolean);
    const missing = ids.filter((id) => !byId.has(id));
    const clash = overlaps(entries);
    const timed = entries.filter((e) => e.session.start)
      .sort((a, b) => instant(a.session.start) - instant(b.session.start));
    const groups = new Map();
    timed.forEach((e) => {
      const day = wall(e.session.start).slice(0, 10);
      if (!groups.has(day)) groups.set(day, []);
      groups.get(day).push(e);
    });
    const untimed = entries.filter((e) => !e.session.start);
    if (untimed.length) groups.set("", untimed);
    groups.forEach((members, day) => {
      frag.append(el("h" + level, {}, day ? dayName(day) : "Time to be announced"));
      const ul = el("ul", { "class": "conference-agenda-picks" });
      members.forEach((e) => {
        const s = e.session;
        const line = el("p", {});
        if (s.start) line.append(timeOf(s), " ");
        if (s.status === "cancelled") {
          line.append(el("span", { "class": "conference-change conference-change-cancelled" }, "Cancelled"), " ");
        }
        line.append(sessionLink(e));
        const where = [s.room, e.event.name].filter(Boolean).join(", ");
        line.append(el("span", { "class": "conference-agenda-where" },
          ` (${where}${s.start ? "; times in " + e.event.timezone : ""})`));
        const li = el("li", { "class": "conference-agenda-pick" }, line);
        const with_ = clash.get(s.id) || [];
        if (with_.length) {
          const warn = el("p", { "class": "conference-agenda-overlap" }, "Overlaps with ");
          with_.forEach((o, i) => warn.append(i ? ", " : "", sessionLink(o)));
          li.append(warn);
        }
        if (withToggles) li.append(el("p", { "class": "conference-agenda-actions" }, toggleButton(s.id, rerender)));
        ul.append(li);
      });
      frag.append(ul);
    });
    if (missing.length) {
      frag.append(el("h" + level, {}, "No longer in the programme"));
      const ul = el("ul", { "class": "conference-agenda-picks" });
      missing.forEach((id) => {
        const li = el("li", { "class": "conference-agenda-pick conference-agenda-missing" },
          el("p", {}, el("code", {}, id), ": This session is no longer in the programme."));
        if (withToggles) li.append(el("p", { "class": "conference-agenda-actions" }, toggleButton(id, rerender)));
        ul.append(li);
      });
      frag.append(ul);
    }
    return frag;
  }

  function calendarFile(ids) {
    const entries = ids.map((id) => byId.get(id)).filter((e) => e && e.session.ics);
    const zones = new Map();
    entries.forEach((e) => (e.data.vtimezones || []).forEach((z) => {
      const tzid = (z.match(/^TZID:(.*)$/m) || [])[1];
      if (tzid && !zones.has(tzid.trim())) zones.set(tzid.trim(), z);
    }));
    return "BEGIN:VCALENDAR\r\nPRODID:-//sphinx-conference//agenda//EN\r\nVERSION:2.0\r\n" +
      "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nX-WR-CALNAME:My agenda\r\n" +
      Array.from(zones.values()).join("") + entries.map((e) => e.session.ics).join("") +
      "END:VCALENDAR\r\n";
  }

  // "#picks=a/b,c/d": the ids that could be read, and what could not, with why.
  function sharedPicks() {
    const match = window.location.hash.match(/^#picks=(.*)$/);
    if (!match) return null;
    const ids = [];
    const bad = [];
    match[1].split(",").slice(0, 500).forEach((raw) => {
      let id = raw;
      try { id = decodeURIComponent(raw).trim(); } catch (e) { bad.push([raw, "not a session id"]); return; }
      if (!id) return;
      if (!ID.test(id)) bad.push([id, "not a session id"]);
      else if (!byId.has(id)) bad.push([id, "not in the programme"]);
      else if (!ids.includes(id)) ids.push(id);
    });
    return { ids, bad };
  }

  async function agendaPage(box) {
    const wanted = new Set();
    const shared = (window.location.hash.match(/^#picks=(.*)$/) || [])[1] || "";
    [...picks(), ...shared.split(",")].forEach((raw) => {
      let id = raw;
      try { id = decodeURIComponent(raw); } catch (e) { return; }
      const ev = id.split("/")[0];
      if (EVENTS.includes(ev)) wanted.add(ev);
    });
    const datas = await Promise.all(Array.from(wanted).map(load));
    index(datas);
    const failed = Array.from(wanted).filter((_, i) => !datas[i]);
    const view = el("div", { "class": "conference-agenda-view" });
    box.querySelectorAll(".conference-agenda-noscript").forEach((n) => n.remove());
    box.append(view);

    function render(focusHeading) {
      buttons.clear();
      view.textContent = "";
      const share = sharedPicks();
      if (failed.length) {
        view.append(el("p", { "class": "conference-agenda-problem" },
          "The programme of " + failed.join(", ") + " could not be loaded; its sessions may show as no longer in the programme. Reload the page to try again."));
      }
      if (share) {
        view.append(el("h2", { id: "shared-agenda" }, "Shared agenda"));
        const n = share.ids.length;
        view.append(el("p", {}, `This link carries ${n} session${n === 1 ? "" : "s"}.`));
        if (share.bad.length) {
          const p = el("p", { "class": "conference-agenda-problem" },
            `Could not read ${share.bad.length} of the shared picks: `);
          share.bad.forEach(([id, why], i) => p.append(i ? "; " : "", el("code", {}, id), ` (${why})`));
          p.append(".");
          view.append(p);
        }
        view.append(pickList(share.ids, 3, false));
        const mine = picks();
        const fresh = share.ids.filter((id) => !mine.includes(id) && byId.get(id).session.start);
        if (fresh.length) {
          const add = el("button", { type: "button", "class": "conference-button conference-button-primary sd-btn conference-agenda-add-all" },
            "Add these to my agenda");
          add.addEventListener("click", () => {
            store([...picks(), ...fresh.filter((id) => !picks().includes(id))]);
            announce(`Added ${fresh.length} session${fresh.length === 1 ? "" : "s"} to your agenda`);
            render(true);
          });
          view.append(el("p", { "class": "conference-agenda-actions" }, add));
        } else if (n) {
          view.append(el("p", {}, "All of them are in your agenda."));
        }
      }
      const heading = el("h2", { id: "my-picks", tabindex: "-1" }, "My picks");
      view.append(heading);
      const ids = picks();
      if (!ids.length) {
        view.append(el("p", { "class": "conference-empty" },
          "No sessions yet: use “Add to my agenda” on a session to list it here."));
      } else {
        const download = el("button", { type: "button", "class": "conference-button sd-btn" }, "Download");
        const shareButton = el("button", { type: "button", "class": "conference-button sd-btn" }, "Share");
        const out = el("p", { "class": "conference-agenda-share", hidden: "" });
        download.addEventListener("click", () => {
          const blob = new Blob([calendarFile(picks())], { type: "text/calendar" });
          const a = el("a", { href: URL.createObjectURL(blob), download: "my-agenda.ics" });
          document.body.append(a);
          a.click();
          a.remove();
          announce("Your agenda is downloaded as my-agenda.ics");
        });
        shareButton.addEventListener("click", () => {
          const url = window.location.origin + window.location.pathname + "#picks=" + picks().join(",");
          const field = el("input", { type: "text", readonly: "", id: "conference-agenda-link",
            value: url, "class": "conference-agenda-link" });
          out.textContent = "";
          out.append(el("label", { "for": "conference-agenda-link" }, "Link to your picks"), " ", field);
          out.hidden = false;
          field.select();
          const copied = navigator.clipboard ? navigator.clipboard.writeText(url) : Promise.reject();
          copied.then(() => announce("Link copied"), () => announce("Link ready to copy"));
        });
        view.append(el("p", { "class": "conference-agenda-actions" }, download, " ", shareButton,
          el("span", { "class": "conference-agenda-hint" }, " Download: a calendar file (.ics) of your picks. Share: a link to them.")), out);
        view.append(pickList(ids, 3, true, () => render(true)));
      }
      if (focusHeading) heading.focus();
    }
    render(false);
    window.addEventListener("hashchange", () => render(false));
  }

  // -- start ---------------------------------------------------------------------------------
  async function init() {
    const box = document.getElementById("conference-agenda");
    if (box && AGENDA) { agendaPage(box); return; }
    const datas = await Promise.all(EVENTS.map(load));
    index(datas);
    const shown = found();
    addAround(shown);
    if (!AGENDA) return;
    addButtons(shown);
    showNow(shown, datas);
    if (!override) window.setInterval(() => showNow(shown, datas), 60000);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
