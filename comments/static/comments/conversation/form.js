// The comment form, posted in the background so that the reader stays on
// the story: its security fragment (captcha and CSRF token, or a staff
// member's name and badge) fetched when the reader starts to write, and
// the outcome said next to the form, the field marked, the text kept.

import { setupCaptcha } from "../../protection/captcha.js";
import { gettext } from "../../js/i18n.js";
import { editLink, rememberOwn } from "./own.js";
import { cancelReply } from "./replies.js";

const TOO_MANY = gettext(
  "Too many attempts came from your address: please wait a few minutes " +
    "and try again. Your text is kept.",
);
const GONE = gettext(
  "This story is no longer available, so your comment was not posted. " +
    "Your text is kept.",
);

// The reader's name, kept in this browser once they have posted with it,
// and filled in on the next form: for a reply, or on the next story. It
// leaves the browser only in a post, as what they typed would.
const NAME_KEY = "newsroom-user-name";

function rememberName(form) {
  const name = form.querySelector("[data-name-field] input:not([disabled])");
  if (!name || !name.value.trim()) return;
  try {
    localStorage.setItem(NAME_KEY, name.value.trim());
  } catch {
    // Storage blocked: the reader types it again.
  }
}

function fillRememberedName(form) {
  const name = form.querySelector("[data-name-field] input");
  if (!name || name.value) return;
  try {
    name.value = localStorage.getItem(NAME_KEY) || "";
  } catch {
    // Storage blocked.
  }
}

function setupSecurity(form) {
  const slot = form.querySelector("[data-form-security]");
  let loading = null;
  form.hidden = false;
  function fill(html) {
    slot.innerHTML = html;
    const staff = slot.querySelector("[data-staff-voice]");
    const name = form.querySelector("[data-name-field]");
    if (staff && name) {
      name.hidden = true;
      name.querySelectorAll("input").forEach((input) => {
        input.disabled = true;
      });
    }
    setupCaptcha(slot);
  }
  function load() {
    if (!loading) {
      loading = fetch(form.dataset.securityUrl, { credentials: "same-origin" })
        .then((response) => {
          if (!response.ok) throw new Error(response.status);
          return response.text();
        })
        .then(fill)
        .catch(() => {
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
  return { load, reload, fill, slot };
}

function clearErrors(form) {
  form.querySelectorAll("[data-js-error]").forEach((error) => error.remove());
  form.querySelectorAll("[aria-invalid=true]").forEach((field) => {
    field.removeAttribute("aria-invalid");
  });
}

function markError(form, name, text) {
  const field =
    name === "captcha"
      ? form.querySelector("input[name=captcha_1]")
      : form.querySelector(`[name=${name}]:not([type=hidden])`);
  if (!field) return null;
  const error = document.createElement("p");
  error.className = "field-error";
  error.id = field.id + "_js_error";
  error.dataset.jsError = "";
  // Announced as it appears, beside the field that takes the focus.
  error.setAttribute("role", "alert");
  error.textContent = text;
  field.setAttribute("aria-invalid", "true");
  field.setAttribute(
    "aria-describedby",
    ((field.getAttribute("aria-describedby") || "") + " " + error.id).trim(),
  );
  field.insertAdjacentElement("beforebegin", error);
  return field;
}

// A published reply joins its thread where the reader was, with the answer
// under it; the form goes back to its place without taking the eye along.
function showReply(form, outcome) {
  const thread = document.getElementById("thread-" + outcome.reply.thread);
  if (!thread) return false;
  let replies = thread.querySelector(".replies");
  if (!replies) {
    replies = document.createElement("div");
    replies.className = "replies";
    replies.id = "replies-" + outcome.reply.thread;
    thread.appendChild(replies);
  }
  replies.insertAdjacentHTML("beforeend", outcome.reply.html);
  const reply = replies.lastElementChild;
  const answer = document.createElement("p");
  answer.className = "form-result form-result-published";
  answer.setAttribute("role", "status");
  reply.appendChild(answer);
  // Filled once in the page, so that it is announced.
  window.setTimeout(() => {
    answer.textContent = outcome.message;
    reply.scrollIntoView({ block: "nearest" });
  }, 50);
  return true;
}

export function setupPosting(form) {
  fillRememberedName(form);
  const security = setupSecurity(form);
  const result = form.querySelector("[data-form-result]");
  let sending = false;
  function say(text, kind, link) {
    result.textContent = "";
    result.className = "form-result form-result-" + kind;
    const message = document.createElement("p");
    message.textContent = text;
    if (link) {
      message.append(" ");
      const anchor = document.createElement("a");
      anchor.href = link;
      anchor.textContent = gettext("See your comment");
      message.append(anchor);
    }
    result.append(message);
    // Wherever the reader had scrolled (the form may have moved back from
    // under a comment), the answer is where they look, whole.
    result.scrollIntoView({ block: "nearest" });
  }
  function refused(outcome) {
    if (outcome.security) security.fill(outcome.security);
    let first = null;
    Object.entries(outcome.errors || {}).forEach(([name, messages]) => {
      const marked = markError(form, name, messages[0]);
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
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (sending) return;
    if (!security.slot.querySelector("input[name=csrfmiddlewaretoken]")) {
      security.load().then(() => {
        const answer = security.slot.querySelector("input[name=captcha_1]");
        if (answer) answer.focus();
      });
      return;
    }
    sending = true;
    clearErrors(form);
    say(gettext("Posting your comment…"), "pending");
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then((response) =>
        // Refusals from in front of the form (too many captchas from one
        // address, a story taken down) come as pages, not answers.
        response.json().catch(() => {
          if (response.status === 429) return { status: "refused", message: TOO_MANY };
          if (response.status === 404) return { status: "refused", message: GONE };
          throw new Error(response.status);
        }),
      )
      .then((outcome) => {
        if (outcome.status === "refused") {
          refused(outcome);
          return;
        }
        const held = outcome.status === "held";
        rememberName(form);
        const text = form.querySelector("textarea");
        text.value = "";
        text.dispatchEvent(new Event("input"));
        cancelReply(form);
        security.reload();
        const shown = outcome.reply && showReply(form, outcome);
        if (shown) {
          result.textContent = "";
          result.className = "form-result";
        } else {
          say(outcome.message, held ? "held" : "published", outcome.url);
          // A held comment is not on the page to offer it.
          if (held && outcome.edit) {
            result.firstElementChild.append(" ", editLink(outcome.edit.url));
          }
        }
        rememberOwn(outcome.edit);
        // The reader's own comment is no news to them (conversation/live.js).
        if (!held) form.dispatchEvent(new CustomEvent("comment-posted", { bubbles: true }));
      })
      .catch(() => {
        say(
          gettext(
            "Your comment could not be sent: please check your connection and try again. Your text is kept.",
          ),
          "error",
        );
      })
      .finally(() => {
        sending = false;
      });
  });
}
