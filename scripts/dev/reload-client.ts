/**
 * The script the preview adds to the page it serves (and never to the built output): it listens
 * to the server's events and reloads the page when the plan has been rebuilt, and lets the reader
 * close the problems overlay.
 *
 * The page carries the version it was built as; the server says its current version on every
 * connection (and EventSource reconnects by itself), so a rebuild that finished between loading
 * the page and connecting is not missed, and a page left open while the server was restarted
 * reloads when it comes back: versions name the server's run as well as the build.
 */

/** Where the page listens for rebuilds. */
export const eventsPath = '/__yjplan/events';

/** The overlay's element id, shared with overlay.ts. */
export const overlayId = 'yjplan-overlay';

// Kept as plain ES2017 so any browser in a council office runs it.
export const reloadClient = `(function () {
  var script = document.currentScript;
  var version = script && script.getAttribute('data-version');
  var overlay = document.getElementById(${JSON.stringify(overlayId)});
  if (overlay) {
    var close = function () {
      overlay.remove();
      document.removeEventListener('keydown', onKey);
      var main = document.getElementById('main');
      if (main) main.focus();
    };
    var onKey = function (event) { if (event.key === 'Escape') close(); };
    var button = overlay.querySelector('button');
    if (button) button.addEventListener('click', close);
    document.addEventListener('keydown', onKey);
  }
  if (!window.EventSource) return;
  var events = new EventSource(${JSON.stringify(eventsPath)});
  events.addEventListener('hello', function (event) {
    if (event.data !== version) location.reload();
  });
  events.addEventListener('reload', function () { location.reload(); });
})();`;
