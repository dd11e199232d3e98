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
})();
