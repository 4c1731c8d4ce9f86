// Moderation from the story page, for a signed-in moderator, and editors'
// picks, for a journalist. The page is the same for every reader; this
// script adds the tools when the browser carries the hint cookie, fetching
// them from a view that checks who asks. Readers' browsers do nothing here.
import { gettext, interpolate, ngettext } from "../js/i18n.js";

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
          // Once it is down, only a ban of its poster is left to take.
          var banned = !decisions.ban || decision.indexOf(decisions.ban.value) === 0;
          Array.prototype.forEach.call(bar.querySelectorAll("button, select"), function (control) {
            control.disabled = result.decided && (banned || !control.hasAttribute("data-ban"));
          });
          choice.hidden = true;
          status.textContent = result.message;
          if (then && result.done) then();
        })
        .catch(function () { status.textContent = gettext("That did not work. Please try again."); });
    }

    var decisions = tools.decisions;
    var reason = document.createElement("select");
    // Asked for, never assumed: the first choice says to pick one.
    var ask = document.createElement("option");
    ask.value = "";
    ask.textContent = gettext("Reason…");
    reason.appendChild(ask);
    function withReason(value) {
      if (!reason.value) {
        status.textContent = gettext("Pick a reason first.");
        reason.focus();
        return null;
      }
      return value + ":" + reason.value;
    }
    if (decisions.approve) {
      if (held) bar.appendChild(button(decisions.approve.label, function () { decide(decisions.approve.value); }));
      reason.setAttribute("aria-label", gettext("Reason"));
      tools.removals.forEach(function (pair) {
        var option = document.createElement("option");
        option.value = pair[0];
        option.textContent = pair[1];
        reason.appendChild(option);
      });
      bar.appendChild(reason);
      bar.appendChild(button(decisions.remove.label, function () {
        var value = withReason(decisions.remove.value);
        if (value) decide(value);
      }));
    }
    // Banning an address bans every name posting from it: say so first,
    // and offer to ban the name alone.
    var others = tools.shared[pk] || [];
    var choice = document.createElement("div");
    choice.className = "ban-choice";
    choice.hidden = true;
    if (decisions.ban) {
      var ban = button(decisions.ban.label, function () {
        var value = withReason(decisions.ban.value);
        if (!value) return;
        if (!others.length) {
          decide(value);
          return;
        }
        choice.hidden = false;
        choice.querySelector("button").focus();
      });
      ban.setAttribute("data-ban", "");
      bar.appendChild(ban);
      var warning = document.createElement("p");
      warning.textContent = interpolate(
        ngettext(
          "%s other name posts from this address: %s. Banning the address bans them too.",
          "%s other names post from this address: %s. Banning the address bans them too.",
          others.length,
        ),
        [others.length, others.join(", ")],
      );
      choice.appendChild(warning);
      choice.appendChild(button(gettext("Ban the address and the name"), function () {
        decide(decisions.ban.value + ":" + reason.value);
      }));
      choice.appendChild(button(decisions.ban_name.label, function () {
        decide(decisions.ban_name.value + ":" + reason.value);
      }));
      choice.appendChild(button(gettext("Cancel"), function () {
        choice.hidden = true;
        ban.focus();
      }));
      choice.querySelectorAll("button").forEach(function (control) {
        control.setAttribute("data-ban", "");
      });
    }
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
    bar.appendChild(choice);
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
