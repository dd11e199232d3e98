// Tells the desk this story is open here, and shows who else has it open (every 20 seconds).
(function () {
  "use strict";
  var panel = document.getElementById("desk-panel");
  var shown = document.getElementById("desk-presence");
  if (!panel || !shown || !window.fetch) return;
  var token = document.querySelector("input[name=csrfmiddlewaretoken]");
  function ping() {
    fetch(panel.dataset.presenceUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token ? token.value : "" },
    })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) return;
        shown.hidden = data.others.length === 0;
        shown.querySelector("span").textContent = data.others.join(", ");
      })
      .catch(function () {});
  }
  setInterval(ping, 20000);
})();
