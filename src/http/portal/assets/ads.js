/* Fills the page's ad zones after it has loaded: the page itself is the same with or without ads
   (it stays in the page cache). Same-site requests only, no cookies; a view is sent once the ad has
   been at least half visible for a second. Written for old phone browsers: no modules, no arrows. */
(function () {
  'use strict';
  var body = document.body;
  var site = body && body.getAttribute('data-ads');
  if (!site || !window.fetch) return;
  var zones = document.querySelectorAll('.ad-zone[data-zone]');
  var names = [];
  for (var i = 0; i < zones.length; i += 1) {
    var name = zones[i].getAttribute('data-zone');
    if (names.indexOf(name) < 0) names.push(name);
  }
  if (!names.length) return;
  var lang = document.documentElement.getAttribute('lang') === 'en' ? 'en' : 'vi';

  function beacon(id) {
    var url = '/ads/v?id=' + encodeURIComponent(id);
    if (navigator.sendBeacon) navigator.sendBeacon(url);
    else fetch(url, { method: 'POST', credentials: 'omit', keepalive: true });
  }

  function watch(box, id) {
    if (!('IntersectionObserver' in window)) return;
    var timer = null;
    var seen = new IntersectionObserver(function (entries) {
      var visible = entries[entries.length - 1].intersectionRatio >= 0.5;
      if (visible && timer === null) {
        timer = setTimeout(function () {
          seen.disconnect();
          beacon(id);
        }, 1000);
      } else if (!visible && timer !== null) {
        clearTimeout(timer);
        timer = null;
      }
    }, { threshold: [0, 0.5] });
    seen.observe(box);
  }

  function place(ad) {
    var zone = document.querySelector('.ad-zone[data-zone="' + ad.zone + '"]:empty');
    if (!zone) return;
    var box = document.createElement('aside');
    box.className = 'ad';
    box.setAttribute('aria-label', ad.label);
    var label = document.createElement('span');
    label.className = 'ad-label';
    label.textContent = ad.label;
    var link = document.createElement('a');
    link.href = ad.href;
    link.rel = 'sponsored noopener';
    var img = document.createElement('img');
    img.src = ad.img;
    img.alt = ad.alt;
    img.width = ad.width;
    img.height = ad.height;
    link.appendChild(img);
    var report = document.createElement('a');
    report.className = 'ad-report';
    report.href = ad.reportHref;
    report.textContent = ad.report;
    box.appendChild(label);
    if (!ad.fixed) {
      var close = document.createElement('button');
      close.type = 'button';
      close.className = 'ad-close';
      close.setAttribute('aria-label', ad.close);
      close.textContent = '\u00d7';
      close.addEventListener('click', function () {
        zone.removeChild(box);
        zone.hidden = true;
      });
      box.appendChild(close);
    }
    box.appendChild(link);
    box.appendChild(report);
    zone.appendChild(box);
    watch(box, ad.id);
  }

  fetch('/ads/zones?site=' + encodeURIComponent(site) + '&lang=' + lang + '&z=' + names.join(','), { credentials: 'omit' })
    .then(function (r) { return r.ok ? r.json() : { ads: [] }; })
    .then(function (data) { (data.ads || []).forEach(place); })
    .catch(function () { /* No ads is a page without ads. */ });
})();
