// Submits the search filters as soon as one changes, so counts update without pressing "Apply".
// The form works without this script: it is a plain GET form with a submit button.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) {
    return;
  }
  form.addEventListener("change", function (event) {
    var target = event.target;
    // Text and number boxes submit on Enter or on the button; submitting on every change of a
    // number box would reload the page while someone is still typing.
    if (target && (target.type === "checkbox" || target.tagName === "SELECT")) {
      form.submit();
    }
  });
  var apply = document.getElementById("apply-filters");
  if (apply) {
    apply.classList.add("js-secondary");
  }
})();
