/* Filter session lists by track, tag, type and free text (sphinx-conference).
 *
 * Progressive enhancement: without this script every session shows. Each
 * .conference-filter <div> gets a labelled form; the state lives in the query
 * string (track, tag, type, q; "<n>-" prefixed for the n-th list of a page
 * from the second on), so a filtered view can be shared.
 */
(function () {
  "use strict";

  var FIELDS = [
    ["track", "Track", "All tracks"],
    ["tag", "Tag", "All tags"],
    ["type", "Type", "All types"],
  ];

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  function setup(box, index) {
    var list = box.parentElement;
    var prefix = index ? index + 1 + "-" : "";
    var idp = "conference-filter-" + (index + 1) + "-";
    var facets = JSON.parse(box.getAttribute("data-facets") || "{}");
    var items = Array.prototype.slice.call(list.querySelectorAll(".conference-filter-item"));
    var groups = list.querySelectorAll(".conference-group, .conference-grid-row, .conference-grid-day");
    var params = new URLSearchParams(window.location.search);

    var form = el("form", { "class": "conference-filter-form", role: "search", "aria-label": "Filter sessions" });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    var controls = {};

    var qField = el("div", { "class": "conference-filter-field conference-filter-text" });
    qField.appendChild(el("label", { "for": idp + "q" }, "Search sessions"));
    var q = el("input", { type: "search", id: idp + "q", name: prefix + "q", autocomplete: "off" });
    q.value = params.get(prefix + "q") || "";
    qField.appendChild(q);
    form.appendChild(qField);
    controls.q = q;

    FIELDS.forEach(function (f) {
      var values = facets[f[0]] || [];
      if (values.length < 2) return;
      var field = el("div", { "class": "conference-filter-field" });
      field.appendChild(el("label", { "for": idp + f[0] }, f[1]));
      var select = el("select", { id: idp + f[0], name: prefix + f[0] });
      select.appendChild(el("option", { value: "" }, f[2]));
      values.forEach(function (v) { select.appendChild(el("option", { value: v[0] }, v[1])); });
      var wanted = params.get(prefix + f[0]) || "";
      select.value = values.some(function (v) { return v[0] === wanted; }) ? wanted : "";
      field.appendChild(select);
      form.appendChild(field);
      controls[f[0]] = select;
    });

    var reset = el("button", { type: "button", "class": "conference-filter-reset" }, "Show all");
    form.appendChild(reset);
    var status = el("p", { role: "status", "aria-live": "polite", "class": "conference-filter-status" });
    box.appendChild(form);
    box.appendChild(status);

    function apply(updateUrl) {
      var text = controls.q.value.trim().toLowerCase();
      var shown = 0;
      items.forEach(function (item) {
        var ok = !text || item.textContent.toLowerCase().indexOf(text) !== -1;
        FIELDS.forEach(function (f) {
          var c = controls[f[0]];
          if (ok && c && c.value) {
            var cls = f[0] === "tag" ? "conference-tagged-" : "conference-" + f[0] + "-";
            ok = item.classList.contains(cls + c.value);
          }
        });
        item.hidden = !ok;
        if (ok) shown += 1;
      });
      Array.prototype.forEach.call(groups, function (g) {
        g.hidden = !g.querySelector(".conference-filter-item:not([hidden])");
      });
      status.textContent = "Showing " + shown + " of " + items.length + " sessions";
      if (updateUrl) {
        var url = new URL(window.location.href);
        Object.keys(controls).forEach(function (k) {
          var v = k === "q" ? controls.q.value.trim() : controls[k].value;
          if (v) url.searchParams.set(prefix + k, v); else url.searchParams.delete(prefix + k);
        });
        window.history.replaceState(null, "", url.toString());
      }
    }

    Object.keys(controls).forEach(function (k) {
      controls[k].addEventListener(k === "q" ? "input" : "change", function () { apply(true); });
    });
    reset.addEventListener("click", function () {
      Object.keys(controls).forEach(function (k) { controls[k].value = ""; });
      apply(true);
      controls.q.focus();
    });
    apply(false);
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".conference-filter"), setup);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
