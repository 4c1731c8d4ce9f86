// New comments while reading. Now and then (every 30 seconds while the tab
// is shown) the page asks the story's live numbers, the small cached answer
// recommend.js reads too; when the story has more comments than the page
// showed, it offers "N new comments — Show". Show fetches this page again
// (the same cached copy every reader gets, from the edge within a second)
// and puts its conversation in place, marking what is new. No socket, and
// no work on the server for any one reader.

import { interpolate, ngettext } from "../../js/i18n.js";
import { offerEdits } from "./own.js";
import { markRecommended, mergeCounts } from "./recommend.js";

const EVERY = 30_000;
const MOST_EVERY = 5 * 60_000;

function newText(count) {
  return interpolate(ngettext("%s new comment — Show", "%s new comments — Show", count), [count]);
}

function shownText(count) {
  return interpolate(ngettext("%s new comment shown.", "%s new comments shown.", count), [count]);
}

export function setupLive(section) {
  const conversation = section.querySelector("[data-recommend-counts]");
  if (!conversation) return;
  let shown = Number(section.dataset.commentCount) || 0;
  let waiting = EVERY;
  let timer = null;
  const bar = document.createElement("p");
  bar.className = "new-comments";
  bar.setAttribute("role", "status");
  const button = document.createElement("button");
  button.type = "button";
  button.className = "link-button";
  button.hidden = true;
  const said = document.createElement("span");
  bar.append(button, said);
  conversation.before(bar);

  function ask() {
    timer = null;
    if (document.hidden) return;
    // Past the browser's own copy (the edge and the server keep theirs).
    fetch(conversation.dataset.recommendCounts, { credentials: "same-origin", cache: "no-cache" })
      .then((response) => {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then((data) => {
        waiting = EVERY;
        mergeCounts(section, data.counts || {});
        const more = (data.comments || 0) - shown;
        if (more > 0) {
          said.textContent = "";
          button.textContent = newText(more);
          button.hidden = false;
        }
      })
      .catch(() => {
        // Offline or refused: ask less often, never give up.
        waiting = Math.min(waiting * 2, MOST_EVERY);
      })
      .finally(schedule);
  }

  function schedule() {
    if (timer === null && !document.hidden) timer = window.setTimeout(ask, waiting);
  }

  function show() {
    const before = new Set(Array.from(section.querySelectorAll(".comment[id]"), (c) => c.id));
    const address = window.location.pathname + window.location.search;
    fetch(address, { credentials: "same-origin", cache: "no-cache" })
      .then((response) => {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then((html) => {
        const fresh = new DOMParser().parseFromString(html, "text/html");
        const freshSection = fresh.getElementById("comments");
        if (!freshSection) throw new Error("no comments");
        const freshIds = Array.from(freshSection.querySelectorAll(".comment[id]"), (c) => c.id);
        if (!freshIds.some((id) => !before.has(id))) {
          // They are on another page of this order: the newest show first.
          window.location.assign(window.location.pathname + "?sort=newest#comments");
          return;
        }
        conversation.innerHTML = freshSection.querySelector(".conversation").innerHTML;
        section.querySelector("#comments-title").textContent =
          freshSection.querySelector("#comments-title").textContent;
        shown = Number(freshSection.dataset.commentCount) || shown;
        section.dataset.commentCount = String(shown);
        const added = Array.from(conversation.querySelectorAll(".comment[id]")).filter(
          (comment) => !before.has(comment.id),
        );
        added.forEach((comment) => comment.classList.add("comment-new"));
        markRecommended(section);
        offerEdits();
        button.hidden = true;
        said.textContent = shownText(added.length);
        added[0].setAttribute("tabindex", "-1");
        added[0].focus();
      })
      .catch(() => {
        window.location.reload();
      });
  }

  button.addEventListener("click", show);
  section.addEventListener("comment-posted", () => {
    shown += 1;
  });
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden) ask();
  });
  schedule();
}
