// Live updates of running executions. The pages work without this script; it only keeps them current.
(function () {
	'use strict';
	var PERIOD = 1500;

	// An answer that has not come whole within this is given up and the update tried again: fetch itself never gives
	// up, so one request lost on the way (a stalled connection, a server that paused) would end the updates for good.
	var REQUEST_TIMEOUT = 15000;

	// Loads the page again, and again a while later should this document still be here: a reload is a navigation like
	// any other, and one that never completes (a request lost on the way) would leave the page stale for good, since
	// this script stops updating once it has asked for the reload.
	var RELOAD_RETRY = 10000;

	function reload() {
		window.location.reload();
		window.setTimeout(reload, RELOAD_RETRY);
	}

	// The body of a GET as text; rejected on an HTTP error, or when the whole answer did not come in time.
	function get(url, accept) {
		var controller = new AbortController();
		var timer = window.setTimeout(function () { controller.abort(); }, REQUEST_TIMEOUT);
		return fetch(url, { headers: { Accept: accept }, signal: controller.signal })
			.then(function (response) {
				if (!response.ok) { throw new Error(url + ': HTTP ' + response.status); }
				return response.text();
			})
			.finally(function () { window.clearTimeout(timer); });
	}

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
			get('/executions/progress?ids=' + ids.join(','), 'application/json')
				.then(function (body) {
					var progress = JSON.parse(body);
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
					if (ended) { reload(); } else { window.setTimeout(tick, PERIOD); }
				})
				.catch(function () { window.setTimeout(tick, PERIOD * 2); });
		}
		window.setTimeout(tick, PERIOD);
	}

	// Execution detail: swap in the re-rendered live section (status, progress, timeline, steps); reload at the end
	// so that the actions and pictures of the ended execution show.
	function liveDetail(section) {
		function tick() {
			get(section.getAttribute('data-live-detail'), 'text/html')
				.then(function (html) {
					var holder = document.createElement('div');
					holder.innerHTML = html;
					var next = holder.querySelector('#live');
					if (!next || next.getAttribute('data-running') !== 'true') {
						reload();
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
