// The captcha's "New image" button and the picture's lifetime, for every
// form that carries protection's captcha widget. Scripts that add a captcha
// to the page later import setupCaptcha and call it on what they added.

// django-simple-captcha's refresh view answers only XMLHttpRequest-style
// requests; without JavaScript the button submits the form instead.
function setupRefresh(root) {
  root.querySelectorAll("[data-captcha-refresh]").forEach((button) => {
    const box = button.closest("[data-captcha]");
    // A plain button now, so that Enter in a field sends the form.
    button.type = "button";
    const lifetime = parseInt(box.dataset.captchaLifetime || "0", 10) * 1000;
    let expiry = null;
    function expireLater() {
      // A picture only works for a while: fetch a new one before it runs out.
      if (!lifetime) return;
      clearTimeout(expiry);
      expiry = setTimeout(() => refresh(false), lifetime - 30000);
    }
    function refresh(focus) {
      fetch(button.dataset.captchaRefresh, { headers: { "X-Requested-With": "XMLHttpRequest" } })
        .then((response) => {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then((data) => {
          const image = box.querySelector("[data-captcha-image]");
          image.src = data.image_url;
          image.srcset = data.image_url.replace(/\/$/, "@2/") + " 2x";
          const audio = box.querySelector("[data-captcha-audio]");
          if (audio && data.audio_url) audio.href = data.audio_url;
          box.querySelector("input[type=hidden]").value = data.key;
          const answer = box.querySelector("input[type=text]");
          answer.value = "";
          if (focus) answer.focus();
          expireLater();
        })
        .catch(() => {
          if (focus) button.form.requestSubmit(button);
        });
    }
    button.addEventListener("click", (event) => {
      event.preventDefault();
      refresh(true);
    });
    expireLater();
  });
}

// "Listen to the words" plays in the page; without JavaScript the link
// hands the sound file to the browser.
function setupAudio(root) {
  root.querySelectorAll("[data-captcha-audio]").forEach((link) => {
    link.setAttribute("role", "button");
    link.addEventListener("click", (event) => {
      event.preventDefault();
      const box = link.closest("[data-captcha]");
      let player = box.querySelector("audio");
      if (!player) {
        player = document.createElement("audio");
        player.controls = true;
        player.className = "captcha-audio";
        box.querySelector(".captcha-actions").after(player);
      }
      if (player.getAttribute("src") !== link.href) player.src = link.href;
      player.play().catch(() => player.focus());
    });
  });
}

export function setupCaptcha(root) {
  setupRefresh(root);
  setupAudio(root);
}

setupCaptcha(document);
