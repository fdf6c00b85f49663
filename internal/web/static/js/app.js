// 质效 web app: charts from JSON data blocks, confirmations, and nothing
// inline (the CSP forbids inline scripts, styles and event handlers).
// Without ECharts (vendor files not built) the tables beside the charts stay.
(function () {
	"use strict";

	var palette = ["#9b1c1c", "#1c4f9b", "#1e7b3c", "#a15c00", "#6b21a8", "#0f766e", "#be185d", "#4b5563"];

	function readData(el) {
		try { return JSON.parse(el.getAttribute("data-spec")); } catch (e) { return null; }
	}

	function fmt(v, unit) {
		if (v === null || v === undefined) { return "—"; }
		if (unit === "%") { return (Math.round(v * 10) / 10) + "%"; }
		return String(Math.round(v * 100) / 100);
	}

	function bandArea(spec) {
		if (!spec.band) { return undefined; }
		var lo = spec.band.lower, hi = spec.band.upper;
		return {
			silent: true,
			itemStyle: { color: "rgba(30,123,60,0.10)" },
			data: [[{ yAxis: lo === null ? "min" : lo }, { yAxis: hi === null ? "max" : hi }]]
		};
	}

	function option(spec) {
		var spark = spec.type === "spark";
		var series = (spec.series || []).map(function (s, i) {
			return {
				name: s.name,
				type: spec.type === "bar" ? "bar" : "line",
				data: s.data,
				smooth: spark,
				symbol: spark ? "none" : "circle",
				symbolSize: 6,
				connectNulls: false,
				lineStyle: { width: spark ? 1.5 : 2 },
				areaStyle: spark ? { opacity: 0.12 } : undefined,
				markArea: i === 0 ? bandArea(spec) : undefined,
				cursor: spec.links ? "pointer" : "default"
			};
		});
		if (spark) {
			return {
				animation: false, color: [spec.color || palette[0]],
				grid: { left: 1, right: 1, top: 3, bottom: 3 },
				xAxis: { type: "category", show: false, data: spec.x, boundaryGap: false },
				yAxis: { type: "value", show: false, scale: true },
				tooltip: { trigger: "axis", renderMode: "richText", valueFormatter: function (v) { return fmt(v, spec.unit); } },
				series: series
			};
		}
		return {
			animation: false, color: palette,
			grid: { left: 56, right: 24, top: 36, bottom: spec.rotate ? 80 : 36, containLabel: false },
			legend: { show: series.length > 1, top: 0, textStyle: { fontFamily: "inherit" } },
			tooltip: { trigger: "axis", renderMode: "richText", valueFormatter: function (v) { return fmt(v, spec.unit); } },
			xAxis: { type: "category", data: spec.x, axisLabel: { rotate: spec.rotate ? 40 : 0, interval: 0 } },
			yAxis: { type: "value", name: spec.yName || "", axisLabel: { formatter: function (v) { return fmt(v, spec.unit); } } },
			series: series
		};
	}

	var charts = [];

	function drawCharts(root) {
		if (!window.echarts) { return; }
		document.body.classList.add("charts-on");
		root.querySelectorAll("[data-chart]").forEach(function (el) {
			var spec = readData(el);
			if (!spec || el.getAttribute("data-drawn")) { return; }
			el.setAttribute("data-drawn", "1");
			var chart = window.echarts.init(el, null, { renderer: "canvas" });
			chart.setOption(option(spec));
			if (spec.links) {
				chart.on("click", function (p) {
					var url = spec.links[p.dataIndex];
					if (url) { window.location.href = url; }
				});
			}
			charts.push(chart);
		});
		document.body.setAttribute("data-charts", String(charts.length));
	}

	// disposeCharts frees the charts inside an element htmx is about to replace.
	function disposeCharts(root) {
		charts = charts.filter(function (c) {
			if (root.contains(c.getDom())) { c.dispose(); return false; }
			return true;
		});
	}

	function confirmations(root) {
		root.querySelectorAll("form[data-confirm]:not([data-ready])").forEach(function (f) {
			f.setAttribute("data-ready", "1");
			f.addEventListener("submit", function (e) {
				if (!window.confirm(f.getAttribute("data-confirm"))) { e.preventDefault(); }
			});
		});
	}

	function autoSubmit(root) {
		root.querySelectorAll("select[data-autosubmit]:not([data-ready])").forEach(function (s) {
			s.setAttribute("data-ready", "1");
			s.addEventListener("change", function () { s.form.submit(); });
		});
	}

	function init(root) {
		drawCharts(root);
		confirmations(root);
		autoSubmit(root);
	}

	document.addEventListener("DOMContentLoaded", function () { init(document); });
	document.addEventListener("htmx:beforeSwap", function (e) { if (e.detail.target) { disposeCharts(e.detail.target); } });
	// After a swap the old target is detached (outerHTML): look at the whole
	// document; what is set up already is marked and skipped.
	document.addEventListener("htmx:load", function () { init(document); });
	window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
	window.addEventListener("beforeprint", function () { charts.forEach(function (c) { c.resize(); }); });
}());
