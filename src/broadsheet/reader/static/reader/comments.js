// The comment form on cached article pages: fetch a CSRF token, start time and submission key
// when the reader starts writing; open the reply form in place; show relative times.
(function () {
  "use strict";

  function prepare(form) {
    if (form.dataset.ready) return;
    form.dataset.ready = "1";
    fetch(form.dataset.tokenUrl, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) return;
        form.elements.csrfmiddlewaretoken.value = data.csrf;
        form.elements.started.value = data.started;
        if (!form.elements.key.value) form.elements.key.value = data.key;
      })
      .catch(function () { /* the server then answers with a confirmation page */ });
  }

  function relative(time) {
    var then = Date.parse(time.getAttribute("datetime"));
    if (isNaN(then)) return;
    var minutes = Math.round((Date.now() - then) / 60000);
    var text;
    if (minutes < 1) text = "just now";
    else if (minutes < 60) text = minutes + (minutes === 1 ? " minute ago" : " minutes ago");
    else if (minutes < 1440) { var h = Math.round(minutes / 60); text = h + (h === 1 ? " hour ago" : " hours ago"); }
    else { var d = Math.round(minutes / 1440); text = d + (d === 1 ? " day ago" : " days ago"); }
    time.title = time.textContent;
    time.textContent = text + " · " + time.textContent;
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("time[data-relative]").forEach(relative);
    var form = document.querySelector(".comment-form");
    if (!form) return;
    var home = form.parentNode, homeNext = form.nextSibling;
    var title = form.querySelector(".comment-form__title");
    var replying = form.querySelector(".comment-form__replying");
    var defaultTitle = title.textContent;
    if (form.elements.started.value) form.dataset.ready = "1"; // a server-rendered form page
    form.addEventListener("focusin", function () { prepare(form); });
    form.addEventListener("submit", function () { prepare(form); });

    document.querySelectorAll("a[data-reply-to]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var comment = link.closest(".comment");
        comment.parentNode.insertBefore(form, comment.nextSibling);
        form.elements.in_reply_to.value = link.dataset.replyTo;
        title.textContent = "Reply to " + link.dataset.replyName;
        replying.hidden = false;
        replying.querySelector("span").textContent = "Replying to " + link.dataset.replyName + ".";
        form.elements.body.focus();
      });
    });
    replying.querySelector("button").addEventListener("click", function () {
      home.insertBefore(form, homeNext);
      form.elements.in_reply_to.value = "";
      title.textContent = defaultTitle;
      replying.hidden = true;
    });
  });
})();
