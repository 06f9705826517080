// Every entry page's start-up script, inlined into its <head> by Trunk (rel="inline"). It shows
// that the page is loading, or why it cannot start; pages whose <html> names the service worker
// (data-service-worker) register it. Kept short: every page ships these bytes.
(function () {
  var started = false;
  var worker = document.documentElement.dataset.serviceWorker;
  var offline = 'serviceWorker' in navigator && location.protocol.startsWith('http');
  if (worker && offline) {
    navigator.serviceWorker.register(worker).catch(function () {});
  }
  function box() { return document.getElementById('app-loading'); }
  function fail(why, advice) {
    if (started) return;
    var show = function () {
      var b = box();
      if (!b || b.dataset.failed) return;
      b.dataset.failed = '1';
      b.setAttribute('role', 'alert');
      b.textContent = '';
      var h = document.createElement('p');
      h.className = 'app-loading-title';
      h.textContent = 'The playground could not start.';
      var p = document.createElement('p');
      p.textContent = why + ' ' + advice;
      var again = document.createElement('button');
      again.type = 'button';
      again.textContent = 'Reload the page';
      again.onclick = function () { location.reload(); };
      b.append(h, p, again);
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', show); else show();
  }
  var retry = 'Check your connection and reload the page. If it keeps failing, a network filter or a browser setting may be blocking WebAssembly files (.wasm).';
  var browsers = 'Use a current Firefox, Chrome, Edge or Safari (Chrome/Edge 96, Firefox 79, Safari 15 or later: the bundles use WebAssembly reference types and bulk memory), and check that WebAssembly is not turned off by a security setting or policy.';
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.validate !== 'function') {
    fail('This browser cannot run WebAssembly, which the playground needs.', browsers);
  }
  addEventListener('TrunkApplicationStarted', function () {
    started = true;
    var b = box();
    if (b) b.remove();
    // A first visit is not controlled by the worker: tell it which files the page loaded, so it
    // caches them for offline use (see sw.js). Embeds register none; one may still cover them.
    if (offline) {
      (worker ? navigator.serviceWorker.ready : navigator.serviceWorker.getRegistration()).then(function (registration) {
        var active = registration && (registration.active || registration.waiting || registration.installing);
        if (!active) return;
        var files = performance.getEntriesByType('resource').map(function (entry) { return entry.name; });
        active.postMessage({ type: 'cache-loaded', page: location.href.split('#')[0], files: files });
        // Pages a visitor goes on to (data-warm-pages: the home page names the rule builder) are
        // fetched a little later, so they open at once and work offline too; not when the
        // browser asks to save data.
        var warm = document.documentElement.dataset.warmPages;
        var thrifty = navigator.connection && navigator.connection.saveData;
        if (warm && !thrifty) {
          setTimeout(function () {
            var pages = warm.split(' ').map(function (page) { return new URL(page, location.href).href; });
            active.postMessage({ type: 'warm-pages', pages: pages });
          }, 3000);
        }
      }).catch(function () {});
    }
  });
  addEventListener('unhandledrejection', function (event) {
    var reason = event.reason && event.reason.message ? event.reason.message : String(event.reason);
    fail('Its WebAssembly module did not load or run (' + reason + ').', retry);
  });
  addEventListener('error', function (event) {
    var t = event.target;
    if (t && (t.tagName === 'SCRIPT' || (t.tagName === 'LINK' && /preload/.test(t.rel)))) {
      fail('One of its files did not load (' + (t.src || t.href || 'the start-up script') + ').', retry);
    } else if (event.message) {
      // The loader's top-level await rejected: reported as an error on the window.
      fail('Its WebAssembly module did not load or run (' + event.message + ').', retry);
    }
  }, true);
  setTimeout(function () {
    var b = box();
    if (!started && b && !b.dataset.failed) {
      var p = document.createElement('p');
      p.textContent = 'Still loading: a slow connection can take a while the first time; later visits are quick.';
      b.append(p);
    }
  }, 15000);
})();
