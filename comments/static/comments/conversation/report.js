// Report in place: the Report link opens its form in a dialog over the
// story, and the thanks comes back under the comment it was about. Without
// the script the link leads to the form's own page.

import { gettext } from "../../js/i18n.js";

function thankUnder(link, message) {
  const comment = link.closest("article.comment");
  let thanks = comment.querySelector(".report-thanks");
  if (!thanks) {
    thanks = document.createElement("p");
    thanks.className = "report-thanks";
    thanks.setAttribute("role", "status");
    comment.appendChild(thanks);
  }
  thanks.textContent = message;
  thanks.scrollIntoView({ block: "nearest" });
}

export function setupReports(section) {
  const dialog = document.createElement("dialog");
  dialog.className = "report-dialog";
  dialog.setAttribute("aria-labelledby", "report-dialog-title");
  document.body.appendChild(dialog);
  let opener = null;

  function show(html) {
    dialog.innerHTML = "";
    const title = document.createElement("h2");
    title.id = "report-dialog-title";
    title.textContent = gettext("Report a comment");
    dialog.appendChild(title);
    dialog.insertAdjacentHTML("beforeend", html);
  }

  function refuse(text) {
    let alert = dialog.querySelector("[role=alert]");
    if (!alert) {
      alert = document.createElement("p");
      alert.setAttribute("role", "alert");
      dialog.querySelector("h2").after(alert);
    }
    alert.textContent = text;
  }

  function send(form) {
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then((response) => {
        const type = response.headers.get("Content-Type") || "";
        if (response.ok) {
          return response.json().then((outcome) => {
            dialog.close();
            thankUnder(opener, outcome.message);
          });
        }
        if (response.status === 400 && type.startsWith("text/html")) {
          // The form again, with what was typed and what to fix.
          return response.text().then((html) => {
            show(html);
            const invalid =
              dialog.querySelector("[aria-invalid=true]") ||
              dialog.querySelector("input[name=reason]");
            invalid.focus();
          });
        }
        if (type.startsWith("application/json")) {
          return response.json().then((outcome) => refuse(outcome.message));
        }
        throw new Error(response.status);
      })
      .catch(() => refuse(gettext("Your report could not be sent. Please try again.")))
      .finally(() => {
        button.disabled = false;
      });
  }

  dialog.addEventListener("submit", (event) => {
    const form = event.target.closest("[data-report-form]");
    if (!form) return;
    event.preventDefault();
    send(form);
  });
  dialog.addEventListener("click", (event) => {
    if (event.target.closest("[data-report-cancel]")) {
      event.preventDefault();
      dialog.close();
    }
  });
  dialog.addEventListener("close", () => {
    if (opener) opener.focus();
  });

  section.addEventListener("click", (event) => {
    const link = event.target.closest("[data-report]");
    if (!link) return;
    event.preventDefault();
    opener = link;
    fetch(link.href + "?partial=form", { credentials: "same-origin" })
      .then((response) => {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then((html) => {
        show(html);
        dialog.showModal();
        dialog.querySelector("input[name=reason]").focus();
      })
      .catch(() => {
        // The form's own page does the same work.
        window.location.href = link.href;
      });
  });
}
