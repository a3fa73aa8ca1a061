/* The conference theme's light / dark / auto switch.
 *
 * The choice lives in localStorage ("conference-theme") and in the data-theme
 * attribute of <html> ("light", "dark" or "auto", which follows the system's
 * prefers-color-scheme); an inline script in the page's head sets the attribute
 * before the first paint, so a page never flashes the other colours.
 */
(function () {
  "use strict";

  var KEY = "conference-theme";
  var CHOICES = ["auto", "light", "dark"];
  var root = document.documentElement;
  var select = document.getElementById("theme-switch-select");
  if (!select) return;

  function apply(theme) {
    if (CHOICES.indexOf(theme) < 0) theme = "auto";
    root.setAttribute("data-theme", theme);
    // Sphinx's dark highlighting stylesheet follows the choice too.
    var pygments = document.getElementById("pygments_dark_css");
    if (pygments) {
      pygments.media = theme === "auto" ? "(prefers-color-scheme: dark)"
        : theme === "dark" ? "all" : "not all";
    }
    select.value = theme;
  }

  apply(root.getAttribute("data-theme"));
  select.addEventListener("change", function () {
    apply(select.value);
    try { window.localStorage.setItem(KEY, select.value); } catch (err) { /* not remembered */ }
  });
})();
