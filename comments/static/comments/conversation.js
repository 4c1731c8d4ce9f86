// The conversation on a story's page, for readers. Everything here has a
// plain-link or plain-form fallback that works without JavaScript:
//  - the comment form is posted in the background and its outcome shown
//    next to it, so the reader stays on the story;
//  - Reply moves the form under the comment it answers;
//  - "Show N more replies" fetches the rest of the thread in place;
//  - Recommend counts at once, and the counts of every comment are merged
//    into the cached page from a small answer of their own.
(function () {
  "use strict";

  var section = document.getElementById("comments");
  if (!section) return;
  var form = section.querySelector("form#comment-form[data-security-url]");
  var RECOMMENDED_KEY = "newsroom-recommended";
  // Django's JavaScript catalog (loaded first by the page) translates;
  // without it the words stay English.
  var gettext = window.gettext || function (text) { return text; };
  var ngettext = window.ngettext || function (one, many, count) { return count === 1 ? one : many; };
  var interpolate = window.interpolate || function (text, values) {
    return text.replace(/%s/, values[0]);
  };
  var TOO_MANY = gettext("Too many attempts came from your address: please wait a few minutes " +
    "and try again. Your text is kept.");
  var GONE = gettext("This story is no longer available, so your comment was not posted. " +
    "Your text is kept.");

  function recommendationsText(count) {
    if (!count) return "";
    return interpolate(ngettext("%s recommendation", "%s recommendations", count), [count]);
  }

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  // The form's security fragment (captcha and CSRF token, or a staff
  // member's name and badge), fetched when the reader starts to write.
  function setupSecurity() {
    var slot = form.querySelector("[data-form-security]");
    var loading = null;
    form.hidden = false;
    function fill(html) {
      slot.innerHTML = html;
      var staff = slot.querySelector("[data-staff-voice]");
      var name = form.querySelector("[data-name-field]");
      if (staff && name) {
        name.hidden = true;
        name.querySelectorAll("input").forEach(function (input) { input.disabled = true; });
      }
      if (window.newsroomCaptcha) window.newsroomCaptcha.setup(slot);
    }
    function load() {
      if (!loading) {
        loading = fetch(form.dataset.securityUrl, { credentials: "same-origin" })
          .then(function (response) {
            if (!response.ok) throw new Error(response.status);
            return response.text();
          })
          .then(fill)
          .catch(function () {
            loading = null;
            slot.textContent = gettext("The security check could not be loaded. Please try again.");
          });
      }
      return loading;
    }
    // A captcha works once: after a post, the next one needs a fresh one.
    function reload() {
      loading = null;
      slot.textContent = "";
      return load();
    }
    form.addEventListener("focusin", load);
    return { load: load, reload: reload, fill: fill, slot: slot };
  }

  function clearErrors() {
    form.querySelectorAll("[data-js-error]").forEach(function (error) { error.remove(); });
    form.querySelectorAll("[aria-invalid=true]").forEach(function (field) {
      field.removeAttribute("aria-invalid");
    });
  }

  function markError(name, text) {
    var field = form.querySelector("[name=" + name + "]:not([type=hidden])");
    if (name === "captcha") field = form.querySelector("input[name=captcha_1]");
    if (!field) return null;
    var error = document.createElement("p");
    error.className = "field-error";
    error.id = field.id + "_js_error";
    error.dataset.jsError = "";
    error.textContent = text;
    field.setAttribute("aria-invalid", "true");
    field.setAttribute(
      "aria-describedby",
      ((field.getAttribute("aria-describedby") || "") + " " + error.id).trim()
    );
    field.insertAdjacentElement("beforebegin", error);
    return field;
  }

  // Posting without leaving the story: one message in the live region next
  // to the form, the field marked and focused, the text kept.
  function setupPosting(security) {
    var result = form.querySelector("[data-form-result]");
    var sending = false;
    function say(text, kind, link) {
      result.textContent = "";
      result.className = "form-result form-result-" + kind;
      var message = document.createElement("p");
      message.textContent = text;
      if (link) {
        message.appendChild(document.createTextNode(" "));
        var anchor = document.createElement("a");
        anchor.href = link;
        anchor.textContent = gettext("See your comment");
        message.appendChild(anchor);
      }
      result.appendChild(message);
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (sending) return;
      if (!security.slot.querySelector("input[name=csrfmiddlewaretoken]")) {
        security.load().then(function () {
          var answer = security.slot.querySelector("input[name=captcha_1]");
          if (answer) answer.focus();
        });
        return;
      }
      sending = true;
      clearErrors();
      say(gettext("Posting your comment…"), "pending");
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          // Refusals from in front of the form (too many captchas from one
          // address, a story taken down) come as pages, not answers.
          return response.json().catch(function () {
            if (response.status === 429) return { status: "refused", message: TOO_MANY };
            if (response.status === 404) return { status: "refused", message: GONE };
            throw new Error(response.status);
          });
        })
        .then(function (outcome) {
          if (outcome.status === "refused") {
            if (outcome.security) security.fill(outcome.security);
            var first = null;
            Object.keys(outcome.errors || {}).forEach(function (name) {
              var marked = markError(name, outcome.errors[name][0]);
              first = first || marked;
            });
            // The message is on the field it is about, or here: not twice.
            if (first) {
              result.textContent = "";
              result.className = "form-result";
              first.focus();
            } else {
              say(outcome.message, "error");
              form.querySelector("textarea").focus();
            }
            return;
          }
          var held = outcome.status === "held";
          say(outcome.message, held ? "held" : "published", outcome.url);
          form.querySelector("textarea").value = "";
          form.querySelector("textarea").dispatchEvent(new Event("input"));
          cancelReply();
          security.reload();
        })
        .catch(function () {
          say(gettext("Your comment could not be sent: please check your connection and try again. Your text is kept."), "error");
        })
        .finally(function () { sending = false; });
    });
  }

  var home = null;
  function startReply(link) {
    if (!home) {
      home = document.createElement("div");
      home.hidden = true;
      form.before(home);
    }
    var comment = link.closest(".comment");
    var thread = link.closest(".thread");
    var replies = thread.querySelector(".replies");
    (replies || comment).after(form);
    form.querySelector("[name=reply_to]").value = link.dataset.reply;
    var box = form.querySelector("[data-replying-to]");
    box.querySelector("[data-replying-to-name]").textContent = link.dataset.replyName;
    box.hidden = false;
    form.classList.add("replying");
    form.querySelector("textarea").focus();
  }

  function cancelReply() {
    var box = form.querySelector("[data-replying-to]");
    var wasReplying = !box.hidden;
    form.querySelector("[name=reply_to]").value = "";
    box.hidden = true;
    form.classList.remove("replying");
    if (home) home.after(form);
    return wasReplying;
  }

  function setupReplies() {
    var cancel = form.querySelector("[data-cancel-reply]");
    cancel.hidden = false;
    cancel.addEventListener("click", function () {
      var origin = form.querySelector("[name=reply_to]").value;
      cancelReply();
      var link = section.querySelector("[data-reply='" + origin + "']");
      if (link) link.focus();
    });
    section.addEventListener("click", function (event) {
      var link = event.target.closest("[data-reply]");
      if (!link) return;
      event.preventDefault();
      startReply(link);
    });
  }

  function setupMoreReplies() {
    section.addEventListener("click", function (event) {
      var link = event.target.closest("[data-more-replies]");
      if (!link) return;
      event.preventDefault();
      fetch(link.dataset.moreReplies + "?partial=replies", { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.text();
        })
        .then(function (html) {
          var fresh = new DOMParser().parseFromString(html, "text/html").querySelector(".replies");
          var replies = link.closest(".replies");
          var next = replies.querySelectorAll(".comment").length;
          replies.replaceWith(fresh);
          var first = fresh.querySelectorAll(".comment")[next];
          if (first) {
            first.tabIndex = -1;
            first.focus();
          }
        })
        .catch(function () { window.location.href = link.href; });
    });
  }

  function remembered() {
    try { return JSON.parse(localStorage.getItem(RECOMMENDED_KEY) || "[]"); } catch (e) { return []; }
  }

  function remember(pk) {
    var mine = remembered();
    if (mine.indexOf(pk) === -1) mine.push(pk);
    try { localStorage.setItem(RECOMMENDED_KEY, JSON.stringify(mine.slice(-500))); } catch (e) { /* not kept */ }
  }

  function showRecommended(link) {
    link.setAttribute("aria-pressed", "true");
    link.classList.add("recommended");
    link.textContent = gettext("Recommended");
  }

  function setCount(pk, count) {
    var counter = section.querySelector("[data-recommend-count='" + pk + "']");
    if (counter) counter.textContent = recommendationsText(count);
  }

  function setupRecommend() {
    var mine = remembered();
    section.querySelectorAll("[data-recommend]").forEach(function (link) {
      link.setAttribute("role", "button");
      if (mine.indexOf(link.dataset.recommend) !== -1) showRecommended(link);
    });
    section.addEventListener("click", function (event) {
      var link = event.target.closest("[data-recommend]");
      if (!link) return;
      event.preventDefault();
      if (link.getAttribute("aria-pressed") === "true") return;
      var pk = link.dataset.recommend;
      // The CSRF cookie comes with the confirmation page, when there is none yet.
      var ready = csrfToken() ? Promise.resolve() : fetch(link.href, { credentials: "same-origin" });
      ready
        .then(function () {
          return fetch(link.href, {
            method: "POST",
            credentials: "same-origin",
            headers: { Accept: "application/json", "X-CSRFToken": csrfToken() },
          });
        })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (outcome) {
          remember(pk);
          showRecommended(link);
          setCount(pk, outcome.count);
        })
        .catch(function () { window.location.href = link.href; });
    });
    var conversation = section.querySelector("[data-recommend-counts]");
    if (!conversation || !section.querySelector("[data-recommend]")) return;
    fetch(conversation.dataset.recommendCounts, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : { counts: {} }; })
      .then(function (data) {
        section.querySelectorAll("[data-recommend-count]").forEach(function (counter) {
          counter.textContent = recommendationsText(data.counts[counter.dataset.recommendCount] || 0);
        });
      })
      .catch(function () { /* the counts the page was rendered with stay */ });
  }

  setupRecommend();
  setupMoreReplies();
  if (form) {
    var security = setupSecurity();
    setupPosting(security);
    setupReplies();
  }
})();
