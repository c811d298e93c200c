// slant's teaching page: the explanation panel, the filters, and Space on a highlight.
// It reads and copies what the page already holds; it never builds markup from text.
(function () {
  'use strict';
  var sections = document.querySelectorAll('section.doc');
  for (var i = 0; i < sections.length; i++) setup(sections[i]);

  function setup(doc) {
    var panel = doc.querySelector('.explain');
    var body = panel.querySelector('.explain-body');
    var title = panel.querySelector('h3');
    var closer = panel.querySelector('.explain-close');
    var highlights = doc.querySelectorAll('.article a.hl');
    var notes = doc.querySelectorAll('.findings li.finding');
    var current = null;

    var hidden = doc.querySelectorAll('.js-only');
    for (var k = 0; k < hidden.length; k++) hidden[k].hidden = false;
    for (var h = 0; h < highlights.length; h++) {
      highlights[h].setAttribute('aria-controls', panel.id);
      highlights[h].setAttribute('aria-expanded', 'false');
    }

    // On a wide screen the panel stands beside the article from the start, with a hint.
    if (window.matchMedia && window.matchMedia('(min-width: 56rem)').matches) panel.hidden = false;

    function noteVisible(li) { return li && !li.hidden; }

    function open(hl) {
      var ids = (hl.getAttribute('data-f') || '').split(' ');
      while (body.firstChild) body.removeChild(body.firstChild);
      for (var n = 0; n < ids.length; n++) {
        var li = document.getElementById(ids[n]);
        if (!noteVisible(li)) continue;
        var copy = li.cloneNode(true);
        copy.removeAttribute('id');
        var withID = copy.querySelectorAll('[id]');
        for (var m = 0; m < withID.length; m++) withID[m].removeAttribute('id');
        var back = copy.querySelector('.back');
        if (back) back.parentNode.removeChild(back);
        body.appendChild(copy);
      }
      if (current && current !== hl) {
        current.classList.remove('active');
        current.setAttribute('aria-expanded', 'false');
      }
      current = hl;
      hl.classList.add('active');
      hl.setAttribute('aria-expanded', 'true');
      panel.hidden = false;
      title.focus();
    }

    function close() {
      panel.hidden = true;
      if (current) {
        current.classList.remove('active');
        current.setAttribute('aria-expanded', 'false');
        current.focus();
      }
    }

    doc.addEventListener('click', function (e) {
      var hl = e.target.closest ? e.target.closest('.article a.hl') : null;
      if (!hl) return;
      e.preventDefault();
      if (!hl.classList.contains('off')) open(hl);
    });
    doc.addEventListener('keydown', function (e) {
      var hl = e.target.closest ? e.target.closest('.article a.hl') : null;
      if (hl && (e.key === ' ' || e.key === 'Spacebar')) {
        e.preventDefault();
        if (!hl.classList.contains('off')) open(hl);
      } else if (e.key === 'Escape' && !panel.hidden) {
        e.preventDefault();
        close();
      }
    });
    closer.addEventListener('click', close);

    var boxes = doc.querySelectorAll('input[data-kind]');
    for (var b = 0; b < boxes.length; b++) boxes[b].addEventListener('change', filter);

    function filter() {
      var off = { cat: {}, sev: {}, voice: {}, origin: {} };
      for (var b = 0; b < boxes.length; b++) {
        if (!boxes[b].checked) off[boxes[b].getAttribute('data-kind')][boxes[b].value] = true;
      }
      for (var n = 0; n < notes.length; n++) {
        var d = notes[n].dataset;
        notes[n].hidden = !!(off.cat[d.cat] || off.sev[d.sev] || off.voice[d.voice] || off.origin[d.origin]);
      }
      for (var h = 0; h < highlights.length; h++) {
        var hl = highlights[h];
        var ids = (hl.getAttribute('data-f') || '').split(' ');
        var first = null;
        for (var k = 0; k < ids.length && !first; k++) {
          var li = document.getElementById(ids[k]);
          if (noteVisible(li)) first = li;
        }
        if (!hl.hasAttribute('data-cls0')) hl.setAttribute('data-cls0', hl.className);
        if (!hl.hasAttribute('data-href0')) hl.setAttribute('data-href0', hl.getAttribute('href'));
        if (!first) {
          hl.className = 'hl off';
          hl.setAttribute('tabindex', '-1');
          hl.setAttribute('aria-disabled', 'true');
          continue;
        }
        hl.removeAttribute('tabindex');
        hl.removeAttribute('aria-disabled');
        var original = hl.getAttribute('data-href0');
        if (original === '#' + first.id) {
          hl.className = hl.getAttribute('data-cls0');
        } else {
          hl.className = 'hl ' + first.getAttribute('data-cls') + ' s-' + first.getAttribute('data-sev');
        }
        hl.setAttribute('href', '#' + first.id);
      }
    }
  }
})();
