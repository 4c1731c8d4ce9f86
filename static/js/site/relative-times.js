// Comment times are sent as exact times, so a cached page stays true;
// here they become "5 minutes ago", with the exact time kept as a tooltip.

import { gettext } from "../i18n.js";

const UNITS = [
  ["year", 31536000],
  ["month", 2592000],
  ["week", 604800],
  ["day", 86400],
  ["hour", 3600],
  ["minute", 60],
];

export function setupRelativeTimes() {
  if (!window.Intl || !Intl.RelativeTimeFormat) return;
  const format = new Intl.RelativeTimeFormat(document.documentElement.lang || "en", {
    numeric: "auto",
  });
  document.querySelectorAll("time[data-relative]").forEach((time) => {
    const seconds = (Date.parse(time.getAttribute("datetime")) - Date.now()) / 1000;
    if (Number.isNaN(seconds)) return;
    time.title = time.textContent;
    const unit = UNITS.find(([, length]) => Math.abs(seconds) >= length);
    if (unit) {
      time.textContent = format.format(Math.round(seconds / unit[1]), unit[0]);
    } else {
      const now = format.format(0, "minute");
      time.textContent = now === "this minute" ? gettext("just now") : now;
    }
  });
}
