// The roster board while a plan runs: poll the job's progress once a second, show it,
// and reload the board when the job has finished (its result is then stored).
(function () {
  var panel = document.querySelector("[data-progress-url]");
  if (!panel) return;
  var bar = panel.querySelector("progress");
  var text = panel.querySelector("[data-progress-text]");
  function poll() {
    fetch(panel.getAttribute("data-progress-url"), { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
      .then(function (progress) {
        if (progress.done) { window.location.reload(); return; }
        if (bar) bar.value = progress.permille;
        if (text && progress.best_score !== null) {
          text.textContent = "best score so far " + progress.best_score +
            (progress.hard_violations ? ", " + progress.hard_violations + " hard-rule breaks" : ", no hard-rule breaks");
        }
        setTimeout(poll, 1000);
      })
      .catch(function () { setTimeout(function () { window.location.reload(); }, 3000); });
  }
  setTimeout(poll, 1000);
})();

// The skill filter applies as soon as a skill is picked (the button stays for no script).
(function () {
  var select = document.querySelector("select[data-autosubmit]");
  if (select) select.addEventListener("change", function () { select.form.submit(); });
})();
