// The A− and A+ buttons: the reader's text size, kept in this browser.
// (js/font-size.js applies the kept size before the page is drawn.)

const FONT_KEY = "newsroom-font-size";
const MIN_STEP = -2;
const MAX_STEP = 3;

export function setupFontSize() {
  const root = document.documentElement;
  document.querySelectorAll("[data-font-size-controls]").forEach((controls) => {
    controls.hidden = false;
    controls.addEventListener("click", (event) => {
      const button = event.target.closest("[data-font-size]");
      if (!button) return;
      let step = parseInt(root.dataset.fontSize || "0", 10);
      step += button.dataset.fontSize === "larger" ? 1 : -1;
      step = Math.max(MIN_STEP, Math.min(MAX_STEP, step));
      root.dataset.fontSize = String(step);
      try {
        localStorage.setItem(FONT_KEY, String(step));
      } catch {
        // Storage blocked: the size holds for this page only.
      }
    });
  });
}
