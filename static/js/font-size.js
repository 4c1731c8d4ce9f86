// Runs in <head>, before the page is drawn, so a reader's chosen text size
// applies without a jump: the one classic script, since modules run only
// once the page is parsed. js/site/font-size.js wires up the buttons.
(function () {
  try {
    var saved = localStorage.getItem("newsroom-font-size");
    if (saved) document.documentElement.dataset.fontSize = saved;
  } catch (e) { /* storage blocked: default size */ }
})();
