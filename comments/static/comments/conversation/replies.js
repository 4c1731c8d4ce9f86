// Reply moves the comment form under the comment it answers, and back;
// "Show N more replies" fetches the rest of a thread in place.

let home = null;

function startReply(form, link) {
  if (!home) {
    home = document.createElement("div");
    home.hidden = true;
    form.before(home);
  }
  const comment = link.closest(".comment");
  const thread = link.closest(".thread");
  const replies = thread.querySelector(".replies");
  (replies || comment).after(form);
  form.querySelector("[name=reply_to]").value = link.dataset.reply;
  const box = form.querySelector("[data-replying-to]");
  box.querySelector("[data-replying-to-name]").textContent = link.dataset.replyName;
  box.hidden = false;
  form.classList.add("replying");
  form.querySelector("textarea").focus();
}

// The form back in its place, no longer a reply.
export function cancelReply(form) {
  const box = form.querySelector("[data-replying-to]");
  form.querySelector("[name=reply_to]").value = "";
  box.hidden = true;
  form.classList.remove("replying");
  if (home) home.after(form);
}

export function setupReplies(section, form) {
  const cancel = form.querySelector("[data-cancel-reply]");
  cancel.hidden = false;
  cancel.addEventListener("click", () => {
    const origin = form.querySelector("[name=reply_to]").value;
    cancelReply(form);
    const link = section.querySelector(`[data-reply='${origin}']`);
    if (link) link.focus();
  });
  section.addEventListener("click", (event) => {
    const link = event.target.closest("[data-reply]");
    if (!link) return;
    event.preventDefault();
    startReply(form, link);
  });
}

export function setupMoreReplies(section) {
  section.addEventListener("click", (event) => {
    const link = event.target.closest("[data-more-replies]");
    if (!link) return;
    event.preventDefault();
    fetch(link.dataset.moreReplies + "?partial=replies", { credentials: "same-origin" })
      .then((response) => {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then((html) => {
        const fresh = new DOMParser().parseFromString(html, "text/html").querySelector(".replies");
        const replies = link.closest(".replies");
        const next = replies.querySelectorAll(".comment").length;
        replies.replaceWith(fresh);
        const first = fresh.querySelectorAll(".comment")[next];
        if (first) {
          first.tabIndex = -1;
          first.focus();
        }
      })
      .catch(() => {
        window.location.href = link.href;
      });
  });
}
