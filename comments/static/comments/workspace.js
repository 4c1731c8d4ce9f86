// The moderation workspace: decide on a card without a page load, move on
// to the next one, and do it all from the keyboard. Without this script
// every button is a form that returns to the workspace at the next card.
function main() {
  var workspace = document.getElementById("workspace");
  if (!workspace) return;
  var announcer = workspace.querySelector("[data-announce]");
  var waiting = workspace.querySelector("[data-waiting]");
  var help = workspace.querySelector("[data-help-dialog]");
  var decided = [];

  function cards() {
    return Array.prototype.slice.call(workspace.querySelectorAll("[data-card]"));
  }

  function current() {
    var active = document.activeElement;
    return (active && active.closest && active.closest("[data-card]")) || null;
  }

  function focusCard(card) {
    if (card) {
      card.focus();
      card.scrollIntoView({ block: "nearest" });
    }
  }

  function nextOpen(from, step) {
    var all = cards();
    var index = all.indexOf(from);
    for (var i = index + step; i >= 0 && i < all.length; i += step) {
      if (!all[i].classList.contains("decided")) return all[i];
    }
    return null;
  }

  // The header says what waits now, as the server counts it.
  function showWaiting(result) {
    if (result.waiting) waiting.textContent = result.waiting;
  }

  function announce(text) {
    announcer.textContent = "";
    window.setTimeout(function () { announcer.textContent = text; }, 50);
  }

  function send(form, decision) {
    var data = new FormData(form);
    data.set("decision", decision);
    return fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    }).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    });
  }

  function decide(form, decision) {
    var card = form.closest("[data-card]");
    if (card.classList.contains("decided") || card.dataset.busy) return;
    card.dataset.busy = "1";
    send(form, decision)
      .then(function (result) {
        if (!result.decided) {
          announce(result.message);
          return;
        }
        showWaiting(result);
        card.classList.add("decided");
        form.hidden = true;
        var outcome = document.createElement("p");
        outcome.className = "card-outcome";
        outcome.textContent = result.message + " ";
        var undo = document.createElement("button");
        undo.type = "button";
        undo.className = "button";
        undo.textContent = workspace.dataset.undoLabel;
        undo.addEventListener("click", function () { takeBack(card); });
        outcome.appendChild(undo);
        card.appendChild(outcome);
        decided.push(card);
        announce(result.message);
        focusCard(nextOpen(card, 1) || card);
      })
      .catch(function () {
        // Let the browser post the form itself: the server decides and
        // comes back to the workspace.
        form.dataset.plain = "1";
        form.requestSubmit(form.querySelector('[value="' + decision + '"]'));
      })
      .finally(function () { delete card.dataset.busy; });
  }

  function takeBack(card) {
    var form = card.querySelector("[data-decide]");
    send(form, workspace.dataset.undo).then(function (result) {
      showWaiting(result);
      card.classList.remove("decided");
      form.hidden = false;
      var outcome = card.querySelector(".card-outcome");
      if (outcome) outcome.remove();
      decided = decided.filter(function (other) { return other !== card; });
      announce(result.message);
      focusCard(card);
    });
  }

  workspace.addEventListener("submit", function (event) {
    var form = event.target.closest("[data-decide]");
    if (!form || !event.submitter || form.dataset.plain) return;
    event.preventDefault();
    decide(form, event.submitter.value);
  });

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var target = event.target;
    if (target.closest && target.closest("input, select, textarea, [contenteditable]")) return;
    if (event.key === "?") {
      event.preventDefault();
      if (help.open) help.close(); else help.showModal();
      return;
    }
    if (help.open) return;
    var card = current() || nextOpen(null, 1);
    if (event.key === "j" || event.key === "ArrowDown") {
      event.preventDefault();
      focusCard(card === current() ? nextOpen(card, 1) || card : card);
    } else if (event.key === "k" || event.key === "ArrowUp") {
      event.preventDefault();
      focusCard(nextOpen(card, -1) || card);
    } else if (event.key === workspace.dataset.undoKey) {
      if (decided.length) takeBack(decided[decided.length - 1]);
    } else if (card && !card.classList.contains("decided")) {
      var button = card.querySelector('[data-decide] [data-key="' + event.key + '"]');
      if (button) {
        event.preventDefault();
        decide(button.form, button.value);
      }
    }
  });

  var helpButton = workspace.querySelector("[data-help]");
  helpButton.hidden = false;
  helpButton.addEventListener("click", function () { help.showModal(); });

  // Start on the card the page was sent to, or the first one.
  var start = window.location.hash && document.getElementById(window.location.hash.slice(1));
  focusCard(start && start.matches("[data-card]") ? start : nextOpen(null, 1));
}

main();
