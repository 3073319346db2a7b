// Plan Atlas host script: sizes each Plan Atlas iframe on this page to its content.
// Add once, after the iframes:  <script src="https://…/embed.js" async></script>
// The widget posts {type: "plan-atlas:height", id, height} to its parent; this script matches
// the message to its iframe by event.source and ignores every other message.
(function () {
  'use strict';
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || data.type !== 'plan-atlas:height' || typeof data.height !== 'number' || !isFinite(data.height)) return;
    var frames = document.getElementsByTagName('iframe');
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        var height = Math.max(120, Math.min(20000, Math.ceil(data.height)));
        frames[i].style.height = height + 'px';
        frames[i].setAttribute('data-plan-atlas-id', String(data.id).slice(0, 64));
      }
    }
  });
})();
