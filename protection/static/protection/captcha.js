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
            var image = box.querySelector("[data-captcha-image]");
            image.src = data.image_url;
            image.srcset = data.image_url.replace(/\/$/, "@2/") + " 2x";
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

  // "Listen to the words" plays in the page; without JavaScript the link
  // hands the sound file to the browser.
  function setupAudio(root) {
    root.querySelectorAll("[data-captcha-audio]").forEach(function (link) {
      link.setAttribute("role", "button");
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var box = link.closest("[data-captcha]");
        var player = box.querySelector("audio");
        if (!player) {
          player = document.createElement("audio");
          player.controls = true;
          player.className = "captcha-audio";
          box.querySelector(".captcha-actions").after(player);
        }
        if (player.getAttribute("src") !== link.href) player.src = link.href;
        player.play().catch(function () { player.focus(); });
      });
    });
  }

  function setup(root) {
    setupCaptchaRefresh(root);
    setupAudio(root);
  }

  window.newsroomCaptcha = { setup: setup };
  setup(document);
})();
