// "Copy" beside a feed link: puts the link on the clipboard (the field stays
// selectable for browsers without the Clipboard API).
(function () {
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var field = document.getElementById(button.getAttribute("data-copy"));
      if (!field) return;
      field.select();
      var done = function () { button.textContent = "Copied"; };
      if (navigator.clipboard) navigator.clipboard.writeText(field.value).then(done, function () {});
      else if (document.execCommand && document.execCommand("copy")) done();
    });
  });
})();
