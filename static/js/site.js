// Small enhancements on top of pages that work without JavaScript, one
// module per behaviour.

import { setupCharacterCounters } from "./site/character-counters.js";
import { focusFirstError } from "./site/first-error.js";
import { setupFontSize } from "./site/font-size.js";
import { setupPrint } from "./site/print.js";
import { setupRelativeTimes } from "./site/relative-times.js";
import { setupShare } from "./site/share.js";

setupFontSize();
setupRelativeTimes();
setupCharacterCounters();
setupPrint();
setupShare();
if (document.readyState === "complete") focusFirstError();
else window.addEventListener("load", focusFirstError);
