// The captcha's "New image" button and the picture's lifetime, for every
// form that carries protection's captcha widget. Other scripts call
// newsroomCaptcha.setup(element) on captchas they add to the page later.
(function () {
  "use strict";

  // django-simple-captcha's refresh view answers only XMLHttpRequest-style
  // requests; without JavaScript the button submits the form instead.
  function setupCaptchaRefresh(root) {
    root.querySelectorAll("[data-captcha-refresh]").forEach(function (button) {
      var box = button.closest("[data-captcha]");
      // A plain button now, so that Enter in a field sends the form.
      button.type = "button";
      var lifetime = parseInt(box.dataset.captchaLifetime || "0", 10) * 1000;
      var expiry = null;
      function expireLater() {
        // A picture only works for a while: fetch a new one before it runs out.
        if (!lifetime) return;
        clearTimeout(expiry);
        expiry = setTimeout(function () { refresh(false); }, lifetime - 30000);
      }
      function refresh(focus) {
        fetch(button.dataset.captchaRefresh, { headers: { "X-Requested-With": "XMLHttpRequest" } })
          .then(function (response) {
            if (!response.ok) throw new Error(response.status);
            return response.json();
          })
          .then(function (data) {
            box.querySelector("[data-captcha-image]").src = data.image_url;
            var audio = box.querySelector("[data-captcha-audio]");
            if (audio && data.audio_url) audio.href = data.audio_url;
            box.querySelector("input[type=hidden]").value = data.key;
            var answer = box.querySelector("input[type=text]");
            answer.value = "";
            if (focus) answer.focus();
            expireLater();
          })
          .catch(function () { if (focus) button.form.requestSubmit(button); });
      }
      button.addEventListener("click", function (event) {
        event.preventDefault();
        refresh(true);
      });
      expireLater();
    });
  }

  window.newsroomCaptcha = { setup: setupCaptchaRefresh };
  setupCaptchaRefresh(document);
})();
