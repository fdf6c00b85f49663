// 群众诉求 (issue 8): the print buttons, the intake form's matter following
// its type, and keyboard shortcuts of the window: Alt+N a new request, Alt+P print.
(function () {
	"use strict";
	document.addEventListener("click", function (e) {
		var t = e.target.closest ? e.target.closest("[data-print]") : null;
		if (t) { e.preventDefault(); window.print(); }
	});
	var type = document.getElementById("pt-type"), matter = document.getElementById("pt-matter");
	var byType = { "投诉": "投诉", "信访": "涉诉信访", "不立案投诉": "民事立案" };
	if (type && matter) {
		type.addEventListener("change", function () {
			var m = byType[type.value];
			if (!m) { return; }
			for (var i = 0; i < matter.options.length; i++) {
				if (matter.options[i].value === m) { matter.value = m; }
			}
		});
	}
	document.addEventListener("keydown", function (e) {
		if (!e.altKey) { return; }
		if (e.key === "n" || e.key === "N") { window.location.href = "/petitions/new"; }
		if ((e.key === "p" || e.key === "P") && document.querySelector("[data-print]")) { e.preventDefault(); window.print(); }
	});
})();
