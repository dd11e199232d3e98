// The Dark Mode toggle: flips the theme set before first paint, and remembers the choice.
(function () {
  "use strict";
  var KEY = "broadsheet-theme";
  var root = document.documentElement;
  var media = window.matchMedia("(prefers-color-scheme: dark)");

  function current() {
    return root.dataset.theme || (media.matches ? "dark" : "light");
  }

  function show(button) {
    button.setAttribute("aria-pressed", current() === "dark" ? "true" : "false");
  }

  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector(".theme-toggle");
    if (!button) return;
    show(button);
    button.addEventListener("click", function () {
      var next = current() === "dark" ? "light" : "dark";
      root.dataset.theme = next;
      try { localStorage.setItem(KEY, next); } catch (e) { /* private mode: works for this page */ }
      show(button);
    });
    media.addEventListener("change", function () { show(button); });
  });
})();
