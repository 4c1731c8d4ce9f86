// Share: the device's own share sheet where there is one, and Copy link.

import { gettext } from "../i18n.js";

export function setupShare() {
  document.querySelectorAll("details.share").forEach((details) => {
    const url = details.dataset.shareUrl;
    const title = details.dataset.shareTitle;
    if (navigator.share) {
      details.querySelector("summary").addEventListener("click", (event) => {
        event.preventDefault();
        navigator.share({ title, url }).catch(() => {
          details.open = true;
        });
      });
    }
    const copy = details.querySelector("[data-copy-link]");
    if (copy && navigator.clipboard) {
      copy.hidden = false;
      copy.addEventListener("click", () => {
        navigator.clipboard.writeText(url).then(() => {
          copy.textContent = gettext("Link copied");
        });
      });
    }
  });
}
