/* Flag filters: plain JS over the static list. With JS off the form stays hidden and
   every flag is listed. */
(function () {
  "use strict";
  var form = document.getElementById("flag-filter");
  if (!form) { return; }
  form.hidden = false;
  var count = document.getElementById("flag-count");
  function checked(name) {
    var values = {};
    var boxes = form.querySelectorAll("input[name='" + name + "']");
    for (var i = 0; i < boxes.length; i++) { if (boxes[i].checked) { values[boxes[i].value] = true; } }
    return values;
  }
  function apply() {
    var severities = checked("severity"), kinds = checked("kind");
    var items = document.querySelectorAll("li.flag"), shown = 0;
    for (var i = 0; i < items.length; i++) {
      var visible = severities[items[i].dataset.severity] && kinds[items[i].dataset.kind];
      items[i].hidden = !visible;
      if (visible) { shown++; }
    }
    var groups = document.querySelectorAll(".flag-group");
    for (var j = 0; j < groups.length; j++) { groups[j].hidden = !severities[groups[j].dataset.severity]; }
    count.textContent = "Showing " + shown + " of " + items.length + " flags.";
  }
  form.addEventListener("change", apply);
  apply();
}());
