// kiyaku's site search: reads window.kiyakuSearch (assets/search-index.js)
// and lists the sections that contain every term typed, with a snippet.
// Without JavaScript the search form stays hidden; the index page works as is.
(function () {
  "use strict";
  var form = document.getElementById("kiyaku-search");
  var data = window.kiyakuSearch;
  if (!form || !data) return;
  var input = form.querySelector("input");
  var list = document.getElementById("kiyaku-search-results");
  var status = document.getElementById("kiyaku-search-status");
  // Full-width letters and digits to ASCII, and case folded: 「ＳＬＡ」 finds "sla".
  function fold(s) {
    return (s.normalize ? s.normalize("NFKC") : s).toLowerCase();
  }
  var folded = data.sections.map(function (s) { return fold(s.title + " " + s.text); });
  function snippet(text, term) {
    var at = fold(text).indexOf(term);
    if (at < 0) return text.slice(0, 80);
    var start = Math.max(0, at - 30);
    return (start > 0 ? "…" : "") + text.slice(start, at + term.length + 50) + "…";
  }
  function mark(li, text, term) {
    var at = fold(text).indexOf(term);
    if (at < 0) { li.appendChild(document.createTextNode(text)); return; }
    li.appendChild(document.createTextNode(text.slice(0, at)));
    var m = document.createElement("mark");
    m.textContent = text.slice(at, at + term.length);
    li.appendChild(m);
    li.appendChild(document.createTextNode(text.slice(at + term.length)));
  }
  function search() {
    var terms = fold(input.value).split(/\s+/).filter(Boolean);
    list.textContent = "";
    if (!terms.length) { status.textContent = ""; return; }
    var found = 0;
    for (var i = 0; i < data.sections.length && found < 50; i++) {
      if (!terms.every(function (t) { return folded[i].indexOf(t) >= 0; })) continue;
      found++;
      var s = data.sections[i];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = s.href;
      a.textContent = data.docs[s.doc].title + " — " + s.title;
      li.appendChild(a);
      var p = document.createElement("p");
      mark(p, snippet(s.text, terms[0]), terms[0]);
      li.appendChild(p);
      list.appendChild(li);
    }
    status.textContent = (found ? form.dataset.found : form.dataset.none).replace("{n}", found);
  }
  form.hidden = false;
  form.addEventListener("submit", function (e) { e.preventDefault(); search(); });
  input.addEventListener("input", search);
})();
