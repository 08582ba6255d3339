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

// The prep checklist on a job page: a checkbox before each prep entry, ticked state kept in this
// browser's localStorage (no account), shared by every job page that links the same entry.
// Without this script the entries are a plain list.
(function () {
  "use strict";
  var KEY = "prepboard.prep.done";
  var items = document.querySelectorAll(".prep-checklist li[data-prep-entry]");
  if (!items.length) {
    return;
  }
  var done = {};
  try {
    done = JSON.parse(window.localStorage.getItem(KEY) || "{}") || {};
  } catch (error) {
    done = {};
  }
  function save() {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(done));
    } catch (error) {
      // Storage full or disabled: the ticks last until the page is left.
    }
  }
  Array.prototype.forEach.call(items, function (item) {
    var id = item.getAttribute("data-prep-entry");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.className = "prep-done";
    box.checked = done[id] === true;
    var title = item.querySelector(".prep-entry");
    box.setAttribute("aria-label", "Done: " + (title ? title.textContent : id));
    box.addEventListener("change", function () {
      if (box.checked) {
        done[id] = true;
      } else {
        delete done[id];
      }
      save();
    });
    item.insertBefore(box, item.firstChild);
  });
})();
