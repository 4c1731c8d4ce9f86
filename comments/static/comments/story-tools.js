// Moderation from the story page, for a signed-in moderator, and editors'
// picks, for a journalist. The page is the same for every reader; this
// script adds the tools when the browser carries the hint cookie, fetching
// them from a view that checks who asks. Readers' browsers do nothing here.
import { gettext, interpolate } from "../js/i18n.js";

// Everything runs from here, only in a staff member's browser.
function main() {
  if (!/(^|;\s*)newsroom_moderator=1/.test(document.cookie)) return;
  var section = document.getElementById("comments");
  if (!section) return;

  function button(label, onClick) {
    var element = document.createElement("button");
    element.type = "button";
    element.textContent = label;
    element.addEventListener("click", onClick);
    return element;
  }

  function toolbar(tools, pk, held) {
    var bar = document.createElement("div");
    bar.className = "moderation-tools";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", gettext("Moderation"));
    var status = document.createElement("span");
    status.setAttribute("role", "status");

    function decide(decision, then) {
      var data = new FormData();
      data.set("csrfmiddlewaretoken", tools.csrf_token);
      data.set("comment", pk);
      data.set("decision", decision);
      fetch(tools.decide_url, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (result) {
          Array.prototype.forEach.call(bar.querySelectorAll("button, select"), function (control) {
            control.disabled = result.decided;
          });
          status.textContent = result.message;
          if (then && result.done) then();
        })
        .catch(function () { status.textContent = gettext("That did not work. Please try again."); });
    }

    var decisions = tools.decisions;
    if (decisions.approve) {
      if (held) bar.appendChild(button(decisions.approve.label, function () { decide(decisions.approve.value); }));
      var reason = document.createElement("select");
      reason.setAttribute("aria-label", gettext("Reason"));
      tools.removals.forEach(function (pair) {
        var option = document.createElement("option");
        option.value = pair[0];
        option.textContent = pair[1];
        reason.appendChild(option);
      });
      bar.appendChild(reason);
      bar.appendChild(button(decisions.remove.label, function () { decide(reason.value); }));
    }
    if (decisions.ban) bar.appendChild(button(decisions.ban.label, function () { decide(decisions.ban.value); }));
    var shown = document.getElementById("comment-" + pk);
    if (decisions.pick && !held && shown) {
      var picked = shown.classList.contains("comment-pick");
      var pick = button(picked ? decisions.unpick.label : decisions.pick.label, function () {
        decide(picked ? decisions.unpick.value : decisions.pick.value, function () {
          picked = !picked;
          pick.textContent = picked ? decisions.unpick.label : decisions.pick.label;
          shown.classList.toggle("comment-pick", picked);
        });
      });
      bar.appendChild(pick);
    }
    bar.appendChild(status);
    return bar;
  }

  function heldComments(tools) {
    var box = document.createElement("div");
    box.className = "moderation-held";
    var title = document.createElement("h3");
    title.textContent = interpolate(gettext("Held for moderation (%s)"), [tools.held.length]);
    box.appendChild(title);
    tools.held.forEach(function (comment) {
      var item = document.createElement("article");
      item.className = "comment";
      var name = document.createElement("strong");
      name.textContent = comment.user_name + " · " + comment.rule;
      var body = document.createElement("div");
      body.className = "comment-body";
      body.textContent = comment.body;
      item.appendChild(name);
      item.appendChild(body);
      item.appendChild(toolbar(tools, comment.pk, true));
      box.appendChild(item);
    });
    return box;
  }

  fetch(window.location.pathname + "comments/moderation/", { credentials: "same-origin" })
    .then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    })
    .then(function (tools) {
      section.querySelectorAll("article.comment[id^='comment-']:not(.comment-gone)").forEach(function (comment) {
        comment.appendChild(toolbar(tools, comment.id.slice("comment-".length), false));
      });
      if (tools.held.length) {
        section.querySelector(".comments-head").after(heldComments(tools));
      }
    })
    .catch(function () { /* not a moderator after all: the page is the reader's */ });
}

main();
