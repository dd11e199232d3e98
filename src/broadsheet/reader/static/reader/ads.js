/* Fills the page's ad slots in the browser, so the cached page is the same for every reader (ADR 0009).
   One request lists the eligible units per slot with weights; a unit is picked here by weight.
   Eager slots fill at once, lazy ones when they come near the viewport. House ads are a link
   and a picture of declared size; snippets run in a sandboxed frame on an opaque origin, or in
   the page only when the newsroom marked them so. Impressions: half the slot seen for a second. */
(function () {
  "use strict";
  var slots = Array.prototype.slice.call(document.querySelectorAll("[data-ad-slot]"));
  if (!slots.length || !window.fetch || !window.IntersectionObserver) return;

  var CONSENT_KEY = "broadsheet-ad-consent";
  var LAZY_MARGIN = "400px 0px"; // start loading a little before the slot scrolls into view
  var root = document.documentElement;
  var view = randomId();
  var data = null;
  var waiting = []; // slots holding third-party units until the reader accepts

  function randomId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function consent() {
    try { return localStorage.getItem(CONSENT_KEY); } catch (e) { return null; }
  }

  function thirdPartyAllowed() {
    return !data.consent_required || consent() === "granted";
  }

  function isDark() {
    var theme = root.dataset.theme;
    if (theme) return theme === "dark";
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  }

  function pick(offers) {
    var total = offers.reduce(function (sum, offer) { return sum + offer.weight; }, 0);
    var roll = Math.random() * total;
    for (var i = 0; i < offers.length; i++) {
      roll -= offers[i].weight;
      if (roll < 0) return offers[i];
    }
    return offers[offers.length - 1];
  }

  function el(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    return node;
  }

  function pictureOf(image) {
    var sizes = "(max-width: " + image.width + "px) 100vw, " + image.width + "px";
    var pic = document.createElement("picture");
    if (image.webp) pic.appendChild(el("source", { type: "image/webp", srcset: image.webp, sizes: sizes }));
    var img = el("img", { src: image.src, width: image.width, height: image.height, alt: image.alt, decoding: "async" });
    if (image.jpeg) { img.setAttribute("srcset", image.jpeg); img.setAttribute("sizes", sizes); }
    pic.appendChild(img);
    return pic;
  }

  function houseAd(offer) {
    var link = el("a", { href: offer.href, rel: "sponsored noopener", class: "ad-house" });
    link.appendChild(pictureOf(offer.dark_image && isDark() ? offer.dark_image : offer.image));
    link._offer = offer;
    return link;
  }

  function frameAd(offer) {
    return el("iframe", {
      src: offer.src, sandbox: offer.sandbox, width: offer.width, height: offer.height,
      title: "Advertisement", scrolling: "no", class: "ad-frame", referrerpolicy: "no-referrer"
    });
  }

  function inPageAd(offer) {
    var box = el("div", { class: "ad-in-page", style: "width:" + offer.width + "px;height:" + offer.height + "px" });
    // A contextual fragment runs its scripts, as the network's loader expects; the page's CSP limits their hosts.
    box.appendChild(document.createRange().createContextualFragment(offer.code));
    return box;
  }

  function belowTheFold(slot) {
    return slot.getBoundingClientRect().top > window.innerHeight;
  }

  function fill(slot) {
    var offers = data.slots[slot.dataset.adSlot] || [];
    var allowed = thirdPartyAllowed() ? offers : offers.filter(function (o) { return o.kind === "house"; });
    if (!allowed.length) {
      if (offers.length) { waiting.push(slot); askConsent(); }
      return;
    }
    var offer = pick(allowed);
    var body = slot.querySelector(".ad-slot__body");
    var creative = offer.kind === "house" ? houseAd(offer) : offer.kind === "frame" ? frameAd(offer) : inPageAd(offer);
    body.appendChild(creative);
    slot.classList.add("ad-slot--filled");
    slot.dataset.adUnit = offer.id;
    countWhenSeen(body, offer);
  }

  // An impression: at least half of the slot visible for one second, counted once per page view.
  function countWhenSeen(body, offer) {
    var timer = null;
    var watcher = new IntersectionObserver(function (entries) {
      var seen = entries[entries.length - 1].intersectionRatio >= 0.5;
      if (seen && timer === null) {
        timer = setTimeout(function () {
          watcher.disconnect();
          var report = new URLSearchParams({ token: offer.impression, view: view });
          if (!(navigator.sendBeacon && navigator.sendBeacon("/ads/seen/", report))) {
            fetch("/ads/seen/", { method: "POST", body: report, keepalive: true, credentials: "omit" });
          }
        }, 1000);
      } else if (!seen && timer !== null) {
        clearTimeout(timer);
        timer = null;
      }
    }, { threshold: [0, 0.5, 1] });
    watcher.observe(body);
  }

  function askConsent() {
    if (consent() || document.querySelector(".ad-consent")) return;
    var bar = el("div", { class: "ad-consent", role: "region", "aria-label": "Advertising choices" });
    var text = document.createElement("p");
    text.textContent = "Some ads here come from other companies and may use cookies. Allow them?";
    bar.appendChild(text);
    [["granted", "Accept"], ["denied", "No, thanks"]].forEach(function (choice) {
      var button = el("button", { type: "button", class: "button", "data-consent": choice[0] });
      button.textContent = choice[1];
      button.addEventListener("click", function () { decide(choice[0]); });
      bar.appendChild(button);
    });
    document.body.appendChild(bar); // fixed to the bottom of the screen: nothing on the page moves
  }

  function decide(choice) {
    try { localStorage.setItem(CONSENT_KEY, choice); } catch (e) { /* remembered for this page only */ }
    var bar = document.querySelector(".ad-consent");
    if (bar) bar.remove();
    if (choice === "granted") waiting.splice(0).forEach(fill);
  }

  function start(answer) {
    data = answer;
    var lazy = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        lazy.unobserve(entry.target);
        fill(entry.target);
      });
    }, { rootMargin: LAZY_MARGIN });
    slots.forEach(function (slot) {
      if (!slot.getClientRects().length) return; // not shown at this width (the rail on phones)
      var offers = data.slots[slot.dataset.adSlot] || [];
      if (!offers.length) {
        // Collapse only below the fold, where the content that moves up is not yet on screen.
        if (belowTheFold(slot)) slot.classList.add("ad-slot--empty");
        return;
      }
      if (slot.dataset.adLoading === "lazy") lazy.observe(slot);
      else fill(slot);
    });
    // Dark-mode pictures follow the Dark Mode toggle.
    new MutationObserver(function () {
      document.querySelectorAll(".ad-house").forEach(function (link) {
        var offer = link._offer;
        if (!offer.dark_image) return;
        link.replaceChildren(pictureOf(isDark() ? offer.dark_image : offer.image));
      });
    }).observe(root, { attributes: true, attributeFilter: ["data-theme"] });
  }

  var first = slots[0].dataset;
  var query = first.adArticle ? "?article=" + first.adArticle : first.adSection ? "?section=" + encodeURIComponent(first.adSection) : "";
  fetch("/ads/slots/" + query, { credentials: "omit" })
    .then(function (answer) { return answer.ok ? answer.json() : null; })
    .then(function (answer) { if (answer) start(answer); })
    .catch(function () { /* no ads is better than a broken page */ });
})();
