/* Progressive enhancement only: every feature works without this file. */
(function () {
  "use strict";
  // "Kun beslutninger" applies at once instead of waiting for the Søg button. That reloads
  // the page, so the box says so beforehand (WCAG 3.2.2) and keeps the focus across the
  // reload: a keyboard user goes on from the box, not from the top of the page.
  var FOCUS_KEY = "referatsog-focus";
  document.querySelectorAll("input[data-autosubmit]").forEach(function (box) {
    var advice = document.getElementById("decisions-auto");
    if (advice) { advice.textContent = "Resultaterne opdateres, så snart du ændrer valget."; }
    box.addEventListener("change", function () {
      try { sessionStorage.setItem(FOCUS_KEY, box.id); } catch (e) { /* storage off: focus starts at the top */ }
      box.form.requestSubmit ? box.form.requestSubmit() : box.form.submit();
    });
  });
  try {
    var refocus = sessionStorage.getItem(FOCUS_KEY);
    sessionStorage.removeItem(FOCUS_KEY);
    var target = refocus && document.getElementById(refocus);
    if (target) { target.focus(); }
  } catch (e) { /* storage off */ }
  // A copy button for the citation (or a feed's address: an input); without JavaScript the
  // text is selectable as is.
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector(".copy-status");
    if (!source || !navigator.clipboard) { return; }
    button.hidden = false;
    // the hint without the button says to select and copy; now it may name the button too
    document.querySelectorAll("[data-copy-hint][data-with-button]").forEach(function (hint) {
      if (hint.getAttribute("data-copy-hint") === source.id) { hint.textContent = hint.getAttribute("data-with-button"); }
    });
    button.addEventListener("click", function () {
      // innerText keeps the block's lines (the citation, then its links) apart, one line each
      var text = source.tagName === "INPUT" ? source.value : (source.innerText || source.textContent);
      navigator.clipboard.writeText(text.replace(/\n\s*\n/g, "\n").trim()).then(function () {
        if (status) { status.textContent = button.getAttribute("data-copied") || "Henvisningen er kopieret."; }
        setTimeout(function () { if (status) { status.textContent = ""; } }, 4000);
      }, function () {
        if (status) { status.textContent = "Kunne ikke kopiere; markér teksten og kopiér den selv."; }
      });
    });
  });
})();
