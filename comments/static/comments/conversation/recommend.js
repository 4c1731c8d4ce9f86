// Recommend counts at once, remembered in this browser, and the counts of
// every comment are merged into the cached page from a small answer of
// their own.

import { gettext, interpolate, ngettext } from "../../js/i18n.js";

const RECOMMENDED_KEY = "newsroom-recommended";

function recommendationsText(count) {
  if (!count) return "";
  return interpolate(ngettext("%s recommendation", "%s recommendations", count), [count]);
}

export function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : "";
}

function remembered() {
  try {
    return JSON.parse(localStorage.getItem(RECOMMENDED_KEY) || "[]");
  } catch {
    return [];
  }
}

function remember(pk) {
  const mine = remembered();
  if (!mine.includes(pk)) mine.push(pk);
  try {
    localStorage.setItem(RECOMMENDED_KEY, JSON.stringify(mine.slice(-500)));
  } catch {
    // Storage blocked: the server still counts it once.
  }
}

function showRecommended(link) {
  link.setAttribute("aria-pressed", "true");
  link.classList.add("recommended");
  link.textContent = gettext("Recommended");
}

function setCount(section, pk, count) {
  const counter = section.querySelector(`[data-recommend-count='${pk}']`);
  if (counter) counter.textContent = recommendationsText(count);
}

// The buttons of comments on the page (again after new ones come in), and
// the ones this browser recommended.
export function markRecommended(section) {
  const mine = remembered();
  section.querySelectorAll("[data-recommend]").forEach((link) => {
    link.setAttribute("role", "button");
    if (mine.includes(link.dataset.recommend)) showRecommended(link);
  });
}

export function mergeCounts(section, counts) {
  section.querySelectorAll("[data-recommend-count]").forEach((counter) => {
    counter.textContent = recommendationsText(counts[counter.dataset.recommendCount] || 0);
  });
}

export function setupRecommend(section) {
  markRecommended(section);
  section.addEventListener("click", (event) => {
    const link = event.target.closest("[data-recommend]");
    if (!link) return;
    event.preventDefault();
    if (link.getAttribute("aria-pressed") === "true") return;
    const pk = link.dataset.recommend;
    // The CSRF cookie comes with the confirmation page, when there is none yet.
    const ready = csrfToken()
      ? Promise.resolve()
      : fetch(link.href, { credentials: "same-origin" });
    ready
      .then(() =>
        fetch(link.href, {
          method: "POST",
          credentials: "same-origin",
          headers: { Accept: "application/json", "X-CSRFToken": csrfToken() },
        }),
      )
      .then((response) => {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then((outcome) => {
        remember(pk);
        showRecommended(link);
        setCount(section, pk, outcome.count);
      })
      .catch(() => {
        window.location.href = link.href;
      });
  });
  const conversation = section.querySelector("[data-recommend-counts]");
  if (!conversation || !section.querySelector("[data-recommend]")) return;
  fetch(conversation.dataset.recommendCounts, { credentials: "same-origin" })
    .then((response) => (response.ok ? response.json() : { counts: {} }))
    .then((data) => mergeCounts(section, data.counts))
    .catch(() => {
      // The counts the page was rendered with stay.
    });
}
