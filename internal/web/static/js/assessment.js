// assessment.js: on the 加减分与评价 form, offer only the events of the
// chosen item, and the rating field only for a rating item.
(function () {
  "use strict";
  function sync() {
    var item = document.getElementById("e-item");
    var event = document.getElementById("e-event");
    var value = document.getElementById("e-value");
    if (!item || !event || !value) return;
    var chosen = item.options[item.selectedIndex];
    var rating = chosen && chosen.getAttribute("data-kind") === "rating";
    var first = "";
    for (var i = 0; i < event.options.length; i++) {
      var o = event.options[i];
      var mine = o.getAttribute("data-item") === item.value;
      o.hidden = o.value !== "" && !mine;
      if (mine && first === "") first = o.value;
    }
    event.value = rating ? "" : first;
    event.disabled = rating;
    value.disabled = !rating;
  }
  document.addEventListener("DOMContentLoaded", function () {
    var item = document.getElementById("e-item");
    if (item) {
      item.addEventListener("change", sync);
      sync();
    }
  });
})();
