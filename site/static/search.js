/* Offline search over window.CLAIMCHECK_SEARCH_INDEX (search-index.js): every word of
   the query must occur; results are built with textContent, never as HTML. */
(function () {
  "use strict";
  var index = window.CLAIMCHECK_SEARCH_INDEX || [];
  var input = document.getElementById("q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var LIMIT = 50;
  var rows = index.map(function (row) {
    return { type: row[0], title: row[1], text: row[2], url: row[3],
             hay: (row[0] + " " + row[1] + " " + row[2]).toLowerCase() };
  });
  function words(query) {
    return query.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 0; });
  }
  function run(query) {
    var terms = words(query);
    while (list.firstChild) { list.removeChild(list.firstChild); }
    if (!terms.length) { status.textContent = ""; return; }
    var hits = rows.filter(function (row) {
      return terms.every(function (t) { return row.hay.indexOf(t) !== -1; });
    });
    hits.sort(function (a, b) {
      var at = a.title.toLowerCase().indexOf(terms[0]) !== -1 ? 0 : 1;
      var bt = b.title.toLowerCase().indexOf(terms[0]) !== -1 ? 0 : 1;
      return at - bt;
    });
    status.textContent = hits.length + " result" + (hits.length === 1 ? "" : "s") +
      (hits.length > LIMIT ? ", showing the first " + LIMIT : "") + ".";
    hits.slice(0, LIMIT).forEach(function (row) {
      var item = document.createElement("li");
      item.className = "result result-" + row.type;
      var kind = document.createElement("span");
      kind.className = "result-type";
      kind.textContent = row.type;
      var link = document.createElement("a");
      link.href = row.url;
      link.textContent = row.title;
      var text = document.createElement("div");
      text.className = "muted";
      text.textContent = row.text;
      item.appendChild(kind);
      item.appendChild(document.createTextNode(" "));
      item.appendChild(link);
      item.appendChild(text);
      list.appendChild(item);
    });
  }
  var params = new URLSearchParams(window.location.search);
  var initial = params.get("q") || "";
  input.value = initial;
  run(initial);
  input.addEventListener("input", function () { run(input.value); });
  input.form.addEventListener("submit", function (event) {
    event.preventDefault();
    run(input.value);
  });
}());
