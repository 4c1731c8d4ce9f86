// The one translation helper every script imports. Django's JavaScript
// catalog (/jsi18n/, loaded by every page before the modules run) defines
// the translating functions; without it the words stay English.

export function gettext(text) {
  return window.gettext ? window.gettext(text) : text;
}

export function ngettext(one, many, count) {
  if (window.ngettext) return window.ngettext(one, many, count);
  return count === 1 ? one : many;
}

// "%s of %s characters" with [12, 3000]: each %s in turn.
export function interpolate(text, values) {
  if (window.interpolate) return window.interpolate(text, values);
  let next = 0;
  return text.replace(/%s/g, () => String(values[next++]));
}
