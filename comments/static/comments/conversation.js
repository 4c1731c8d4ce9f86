// The conversation on a story's page, for readers, one module per
// behaviour. Everything here has a plain-link or plain-form fallback that
// works without JavaScript:
//  - the comment form is posted in the background (conversation/form.js);
//  - Reply moves the form under the comment it answers, and "Show N more
//    replies" fetches the rest of the thread in place (conversation/replies.js);
//  - Recommend counts at once, and every comment's count is merged into the
//    cached page (conversation/recommend.js);
//  - Report opens its form in a dialog and thanks under the comment
//    (conversation/report.js);
//  - the reader's own comments offer Edit while they may (conversation/own.js);
//  - new comments are offered while the reader reads (conversation/live.js).

import { setupPosting } from "./conversation/form.js";
import { setupLive } from "./conversation/live.js";
import { offerEdits } from "./conversation/own.js";
import { setupRecommend } from "./conversation/recommend.js";
import { setupMoreReplies, setupReplies } from "./conversation/replies.js";
import { setupReports } from "./conversation/report.js";

const section = document.getElementById("comments");
if (section) {
  setupRecommend(section);
  setupMoreReplies(section);
  setupReports(section);
  offerEdits();
  setupLive(section);
  const form = section.querySelector("form#comment-form[data-security-url]");
  if (form) {
    setupPosting(form);
    setupReplies(section, form);
  }
}
