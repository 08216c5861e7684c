// Live updates of running executions. The pages work without this script; it only keeps them current.
(function () {
	'use strict';
	var PERIOD = 1500;

	// Executions list: refresh the progress bars of running rows; reload once one of them has ended.
	function liveList(table) {
		function running() {
			return Array.prototype.slice.call(table.querySelectorAll('tr[data-running="true"]'));
		}
		function tick() {
			var rows = running();
			if (rows.length === 0) {
				return;
			}
			var ids = rows.map(function (row) { return row.getAttribute('data-id'); });
			fetch('/executions/progress?ids=' + ids.join(','), { headers: { Accept: 'application/json' } })
				.then(function (response) {
					if (!response.ok) { throw new Error('progress: HTTP ' + response.status); }
					return response.json();
				})
				.then(function (progress) {
					// An execution left out of the answer is gone (pruned): the reload drops its row.
					var answered = progress.map(function (p) { return String(p.id); });
					var ended = ids.some(function (id) { return answered.indexOf(id) < 0; });
					progress.forEach(function (p) {
						var row = table.querySelector('tr[data-id="' + p.id + '"]');
						if (!row) { return; }
						if (!p.running) { ended = true; return; }
						var fill = row.querySelector('.progress-fill');
						var text = row.querySelector('.progress-text');
						if (fill) { fill.style.width = p.percent + '%'; }
						if (text) { text.textContent = p.percent + '% · ' + p.text; }
					});
					if (ended) { window.location.reload(); } else { window.setTimeout(tick, PERIOD); }
				})
				.catch(function () { window.setTimeout(tick, PERIOD * 2); });
		}
		window.setTimeout(tick, PERIOD);
	}

	// Execution detail: swap in the re-rendered live section (status, progress, timeline, steps); reload at the end
	// so that the actions and pictures of the ended execution show.
	function liveDetail(section) {
		function tick() {
			fetch(section.getAttribute('data-live-detail'), { headers: { Accept: 'text/html' } })
				.then(function (response) { return response.ok ? response.text() : null; })
				.then(function (html) {
					if (html === null) { window.setTimeout(tick, PERIOD * 2); return; }
					var holder = document.createElement('div');
					holder.innerHTML = html;
					var next = holder.querySelector('#live');
					if (!next || next.getAttribute('data-running') !== 'true') {
						window.location.reload();
						return;
					}
					section.innerHTML = next.innerHTML;
					window.setTimeout(tick, PERIOD);
				})
				.catch(function () { window.setTimeout(tick, PERIOD * 2); });
		}
		window.setTimeout(tick, PERIOD);
	}

	document.addEventListener('DOMContentLoaded', function () {
		var table = document.querySelector('[data-live-list]');
		if (table) { liveList(table); }
		var section = document.querySelector('[data-live-detail]');
		if (section && section.getAttribute('data-running') === 'true') { liveDetail(section); }
	});
})();
