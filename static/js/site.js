// Small enhancements on top of pages that work without JavaScript.
(function () {
  "use strict";

  // Django's JavaScript catalog (loaded first by the page) translates;
  // without it the words stay English.
  var gettext = window.gettext || function (text) { return text; };
  var interpolate = window.interpolate || function (text, values) {
    return text.replace(/%s/g, function () { return values.shift(); });
  };

  var FONT_KEY = "newsroom-font-size";
  var MIN_STEP = -2;
  var MAX_STEP = 3;

  function setupFontSize() {
    var root = document.documentElement;
    document.querySelectorAll("[data-font-size-controls]").forEach(function (controls) {
      controls.hidden = false;
      controls.addEventListener("click", function (event) {
        var button = event.target.closest("[data-font-size]");
        if (!button) return;
        var step = parseInt(root.dataset.fontSize || "0", 10);
        step += button.dataset.fontSize === "larger" ? 1 : -1;
        step = Math.max(MIN_STEP, Math.min(MAX_STEP, step));
        root.dataset.fontSize = String(step);
        try { localStorage.setItem(FONT_KEY, String(step)); } catch (e) { /* not kept */ }
      });
    });
  }

  function setupPrint() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  function setupShare() {
    document.querySelectorAll("details.share").forEach(function (details) {
      var url = details.dataset.shareUrl;
      var title = details.dataset.shareTitle;
      if (navigator.share) {
        details.querySelector("summary").addEventListener("click", function (event) {
          event.preventDefault();
          navigator.share({ title: title, url: url }).catch(function () { details.open = true; });
        });
      }
      var copy = details.querySelector("[data-copy-link]");
      if (copy && navigator.clipboard) {
        copy.hidden = false;
        copy.addEventListener("click", function () {
          navigator.clipboard.writeText(url).then(function () { copy.textContent = gettext("Link copied"); });
        });
      }
    });
  }

  // Comment times are sent as exact times, so a cached page stays true;
  // here they become "5 minutes ago", with the exact time kept as a tooltip.
  function setupRelativeTimes() {
    var units = [["year", 31536000], ["month", 2592000], ["week", 604800],
                 ["day", 86400], ["hour", 3600], ["minute", 60]];
    var format = window.Intl && Intl.RelativeTimeFormat
      ? new Intl.RelativeTimeFormat(document.documentElement.lang || "en", { numeric: "auto" })
      : null;
    if (!format) return;
    document.querySelectorAll("time[data-relative]").forEach(function (time) {
      var seconds = (Date.parse(time.getAttribute("datetime")) - Date.now()) / 1000;
      if (isNaN(seconds)) return;
      time.title = time.textContent;
      for (var i = 0; i < units.length; i++) {
        if (Math.abs(seconds) >= units[i][1]) {
          time.textContent = format.format(Math.round(seconds / units[i][1]), units[i][0]);
          return;
        }
      }
      time.textContent = format.format(0, "minute") === "this minute" ? gettext("just now") : format.format(0, "minute");
    });
  }

  // "123 of 3000 characters", counted as the server counts them (what a
  // reader sees as one character counts as one).
  function setupCharacterCounters() {
    var segmenter = window.Intl && Intl.Segmenter ? new Intl.Segmenter() : null;
    function length(text) {
      if (!segmenter) return Array.from(text).length;
      var count = 0;
      for (var _ of segmenter.segment(text)) count++;
      return count;
    }
    document.querySelectorAll("textarea[data-limit]").forEach(function (area) {
      var limit = parseInt(area.dataset.limit, 10);
      var counter = document.createElement("p");
      counter.className = "char-counter";
      counter.id = area.id + "_counter";
      counter.setAttribute("aria-live", "polite");
      area.insertAdjacentElement("afterend", counter);
      area.setAttribute(
        "aria-describedby",
        ((area.getAttribute("aria-describedby") || "") + " " + counter.id).trim()
      );
      function update() {
        var used = length(area.value);
        counter.textContent = interpolate(gettext("%s of %s characters"), [used, limit]);
        counter.classList.toggle("over", used > limit);
      }
      area.addEventListener("input", update);
      update();
    });
  }

  // After a failed post, take the reader to the first field to fix.
  function focusFirstError() {
    var invalid = document.querySelector("form [aria-invalid=true]:not([type=hidden])");
    if (invalid) invalid.focus();
  }

  setupFontSize();
  setupRelativeTimes();
  setupCharacterCounters();
  window.addEventListener("load", focusFirstError);
  setupPrint();
  setupShare();
})();
