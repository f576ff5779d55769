/* Progressive enhancement only: every feature works without this file. */
(function () {
  "use strict";
  // "Kun beslutninger" applies at once instead of waiting for the Søg button.
  document.querySelectorAll("input[data-autosubmit]").forEach(function (box) {
    box.addEventListener("change", function () { box.form.requestSubmit ? box.form.requestSubmit() : box.form.submit(); });
  });
  // A copy button for the citation; without JavaScript the text is selectable as is.
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector(".copy-status");
    if (!source || !navigator.clipboard) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        if (status) { status.textContent = "Henvisningen er kopieret."; }
        setTimeout(function () { if (status) { status.textContent = ""; } }, 4000);
      }, function () {
        if (status) { status.textContent = "Kunne ikke kopiere; markér teksten og kopiér den selv."; }
      });
    });
  });
})();
