// Newsroom behaviour that would otherwise be inline handlers, which the newsroom's CSP refuses.
(function () {
  "use strict";
  // <button data-confirm="Are you sure?">: asks before submitting.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-confirm]");
    if (button && !window.confirm(button.dataset.confirm)) event.preventDefault();
  });
  // <input data-select-on-focus>: selects the whole value, ready to copy.
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("[data-select-on-focus]")) event.target.select();
  });
  // The story editor (django-prose-editor) builds its editing area after the page loads and sets
  // no spellcheck attribute of its own (NoSpellCheck is off): say "true" so the browser checks it.
  function checkSpelling(root) {
    root.querySelectorAll(".ProseMirror[contenteditable]:not([spellcheck])").forEach(function (area) {
      area.setAttribute("spellcheck", "true");
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (!document.querySelector("[data-django-prose-editor-default], [data-django-prose-editor-configurable]")) return;
    checkSpelling(document);
    new MutationObserver(function () { checkSpelling(document); }).observe(document.body, { childList: true, subtree: true });
  });
})();
