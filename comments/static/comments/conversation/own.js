// The reader's own comments: for the minutes they may still edit or delete
// one from this browser, it offers "Edit or delete". The cached page is the
// same for every reader; which comments are this reader's is kept here, in
// this browser, and the server checks its own secret cookie before any
// change (without the script, the message after posting links there).

import { gettext } from "../../js/i18n.js";

const KEY = "newsroom-own-comments";

function load() {
  try {
    return JSON.parse(window.localStorage.getItem(KEY)) || {};
  } catch {
    return {};
  }
}

function save(own) {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(own));
  } catch {
    // Storage full or refused: the link after posting still works.
  }
}

export function rememberOwn(edit) {
  if (!edit || !String(edit.url).startsWith("/comments/")) return;
  const own = load();
  own[edit.id] = { url: edit.url, until: edit.until };
  save(own);
  offerEdits();
}

export function editLink(url) {
  const link = document.createElement("a");
  link.href = url;
  link.className = "action-quiet action-edit";
  link.textContent = gettext("Edit or delete");
  return link;
}

export function offerEdits() {
  const own = load();
  const now = Date.now();
  let expired = false;
  Object.entries(own).forEach(([id, entry]) => {
    const left = Date.parse(entry.until) - now;
    if (!(left > 0)) {
      delete own[id];
      expired = true;
      return;
    }
    const comment = document.getElementById("comment-" + id);
    const links = comment && comment.querySelector(".comment-links");
    if (!links || links.querySelector(".action-edit")) return;
    const link = editLink(entry.url);
    links.append(link);
    window.setTimeout(() => link.remove(), left);
  });
  if (expired) save(own);
}
