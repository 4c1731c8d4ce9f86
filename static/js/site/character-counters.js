// "123 of 3000 characters", counted as the server counts them (what a
// reader sees as one character counts as one).

import { gettext, interpolate } from "../i18n.js";

const segmenter = window.Intl && Intl.Segmenter ? new Intl.Segmenter() : null;

function length(text) {
  if (!segmenter) return Array.from(text).length;
  let count = 0;
  for (const _ of segmenter.segment(text)) count++;
  return count;
}

export function setupCharacterCounters() {
  document.querySelectorAll("textarea[data-limit]").forEach((area) => {
    const limit = parseInt(area.dataset.limit, 10);
    const counter = document.createElement("p");
    counter.className = "char-counter";
    counter.id = area.id + "_counter";
    counter.setAttribute("aria-live", "polite");
    area.insertAdjacentElement("afterend", counter);
    area.setAttribute(
      "aria-describedby",
      ((area.getAttribute("aria-describedby") || "") + " " + counter.id).trim(),
    );
    function update() {
      const used = length(area.value);
      counter.textContent = interpolate(gettext("%s of %s characters"), [used, limit]);
      counter.classList.toggle("over", used > limit);
    }
    area.addEventListener("input", update);
    update();
  });
}
