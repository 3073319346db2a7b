// Runs before the page is drawn (a small blocking script in <head>; a file, so that a strict
// Content-Security-Policy allows it). It marks that the app is on its way: the stylesheet then
// keeps the app's <main> hidden, laid out under the prerendered first screen, until the app has
// drawn the same (app::reveal). It applies the render flags at once, and a page opened on
// another view, language or selection shows a skeleton instead of the prerendered overview.
(function () {
  var root = document.documentElement;
  var q = new URLSearchParams(location.search);
  var on = function (name) { return q.has(name) && q.get(name) !== '0' && q.get(name) !== 'false'; };
  root.setAttribute('data-js', '');
  root.setAttribute('data-booting', '');
  var dark = q.get('dark');
  if (dark === 'true' || dark === '1') root.setAttribute('data-theme', 'dark');
  if (dark === 'false' || dark === '0') root.setAttribute('data-theme', 'light');
  ['plain', 'static'].forEach(function (flag) { if (on(flag)) root.setAttribute('data-' + flag, ''); });
  var view = q.get('view') || 'overview';
  if (view !== 'overview' || q.get('lang') === 'en' || q.has('loc') || q.has('bundle') || on('present')) {
    root.setAttribute('data-boot', 'skeleton');
  }
  // Should the app never arrive (a script blocked by the host), the prerendered page is shown.
  setTimeout(function () {
    if (root.hasAttribute('data-booting')) root.removeAttribute('data-boot');
  }, 8000);
})();
