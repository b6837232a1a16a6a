// Comity: cooperation heatmaps and the explorer. Both read precomputed JSON from api/v1/; no rule
// is re-implemented here. All corpus text is inserted with textContent, never as HTML.
(function () {
  "use strict";

  var ICON = { P: "✓", C: "◑", B: "✕", U: "?" };
  var WORD = { P: "Possible", C: "Conditional", B: "Blocked", U: "Unknown" };
  var BY_OUTCOME = { possible: "P", conditional: "C", blocked: "B", unknown: "U" };

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function safeUrl(url) {
    try {
      var parsed = new URL(url);
      return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
    } catch (e) { return null; }
  }

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + url);
      return response.json();
    });
  }

  // Explorer shards are published gzip-compressed (*.json.gz). A server that already sent them
  // with Content-Encoding: gzip hands us plain JSON; otherwise the gzip magic bytes are there.
  function getGzipJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + url);
      return response.arrayBuffer();
    }).then(function (buffer) {
      var bytes = new Uint8Array(buffer);
      if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
        return JSON.parse(new TextDecoder().decode(bytes));
      }
      var stream = new Blob([buffer]).stream().pipeThrough(new DecompressionStream("gzip"));
      return new Response(stream).json();
    });
  }

  var rulesTitles = null;
  function getRules(root) {
    if (!rulesTitles) rulesTitles = getJSON(root + "api/v1/explorer/rules.json");
    return rulesTitles;
  }

  // ------------------------------------------------------------------------------------------
  // Heatmaps
  // ------------------------------------------------------------------------------------------

  function explorerLink(root, state) {
    var parts = Object.keys(state).filter(function (k) { return state[k]; })
      .map(function (k) { return k + "=" + encodeURIComponent(state[k]); });
    return root + "generated/explorer/#" + parts.join("&");
  }

  function drawHeatmap(box) {
    var root = box.getAttribute("data-root");
    getJSON(root + box.getAttribute("data-matrix")).then(function (data) {
      var n = data.codes.length;
      var table = el("table", { "class": "cy-grid" });
      table.appendChild(el("caption", { "class": "md-visually-hidden" }, box.getAttribute("data-caption")));
      var head = el("thead");
      var headRow = el("tr");
      headRow.appendChild(el("th", { scope: "col" }, "Requesting ↓ / requested →"));
      data.codes.forEach(function (code, j) {
        headRow.appendChild(el("th", { scope: "col", title: data.names[j] }, code));
      });
      head.appendChild(headRow);
      table.appendChild(head);
      var body = el("tbody");
      for (var i = 0; i < n; i++) {
        var row = el("tr");
        row.appendChild(el("th", { scope: "row" }, data.names[i] + " (" + data.codes[i] + ")"));
        for (var j = 0; j < n; j++) {
          var code = data.cells.charAt(i * n + j);
          if (code === "-") { row.appendChild(el("td", { "class": "cy-self" }, "—")); continue; }
          var td = el("td", { "class": "cy-cell-" + code });
          var label = WORD[code] + ": " + data.names[i] + " → " + data.names[j];
          var link = el("a", {
            href: explorerLink(root, {
              from: data.codes[i].toLowerCase(), to: data.codes[j].toLowerCase(),
              offence: box.getAttribute("data-offence") || "", measure: box.getAttribute("data-measure") || "",
              person: box.getAttribute("data-person") || ""
            }),
            "aria-label": label, title: label
          }, ICON[code]);
          td.appendChild(link);
          row.appendChild(td);
        }
        body.appendChild(row);
      }
      table.appendChild(body);
      box.textContent = "";
      box.appendChild(table);
    }).catch(function (error) {
      box.textContent = "Could not load the matrix (" + error.message + ").";
    });
  }

  // ------------------------------------------------------------------------------------------
  // Explorer
  // ------------------------------------------------------------------------------------------

  function readState() {
    var state = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      var kv = pair.split("=");
      if (kv[0]) state[decodeURIComponent(kv[0])] = decodeURIComponent(kv[1] || "");
    });
    return state;
  }

  function formState(form) {
    var state = {};
    ["from", "to", "offence", "measure", "person"].forEach(function (name) {
      state[name] = form.elements[name].value;
    });
    return state;
  }

  function setForm(form, state) {
    ["from", "to", "offence", "measure", "person"].forEach(function (name) {
      var select = form.elements[name];
      if (state[name] === undefined) return;
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === state[name]; });
      if (known) select.value = state[name];
    });
  }

  function citationNode(citation) {
    var span = el("span");
    var url = safeUrl(citation.url);
    var title = url ? el("a", { href: url, rel: "noopener noreferrer nofollow" }, citation.title)
                    : el("span", {}, citation.title);
    span.appendChild(title);
    var extra = [];
    if (citation.pinpoint) extra.push(citation.pinpoint);
    extra.push("confidence " + citation.confidence);
    if (citation.verified) extra.push("verified " + citation.verified);
    span.appendChild(document.createTextNode(", " + extra.join(", ")));
    return span;
  }

  function badge(outcome) {
    var code = BY_OUTCOME[outcome];
    var span = el("span", { "class": "cy-v cy-" + outcome });
    span.appendChild(el("span", { "aria-hidden": "true" }, ICON[code]));
    span.appendChild(document.createTextNode(" " + WORD[code]));
    return span;
  }

  function renderVerdict(result, shard, entry, question, titles) {
    result.textContent = "";
    result.appendChild(el("h2", { id: "verdict" }, question));
    var line = el("p", { "class": "cy-verdict" });
    line.appendChild(document.createTextNode("Verdict: "));
    line.appendChild(badge(entry.verdict));
    line.appendChild(document.createTextNode(" · confidence: " + entry.confidence +
      (entry.basis ? " · legal basis: " + entry.basis : "")));
    result.appendChild(line);
    var list = el("ol", { "class": "cy-trace" });
    entry.steps.forEach(function (index) {
      // step columns: rule, outcome, reason, provision, citations, confidence, assurance, unblock
      var s = shard.steps[index];
      var item = el("li", { "class": "cy-" + s[1] });
      var head = el("p");
      head.appendChild(el("strong", {}, (titles[s[0]] || s[0]) + ": "));
      head.appendChild(badge(s[1]));
      item.appendChild(head);
      item.appendChild(el("p", {}, s[2]));
      if (s[3]) item.appendChild(el("p", {}, "Provision: " + s[3]));
      s[4].forEach(function (ci) {
        var p = el("p", {}, "Source: ");
        p.appendChild(citationNode(shard.citations[ci]));
        item.appendChild(p);
      });
      if (s[6]) item.appendChild(el("p", {}, "Needs: " + s[6]));
      if (s[7]) item.appendChild(el("p", {}, "Would unblock: " + s[7]));
      item.appendChild(el("p", { "class": "cy-rule" }, "Rule: " + s[0] + " · step confidence: " + s[5]));
      list.appendChild(item);
    });
    result.appendChild(list);
    if (entry.alternatives.length) {
      result.appendChild(el("h3", {}, "Alternatives"));
      var alts = el("ul");
      entry.alternatives.forEach(function (a) { alts.appendChild(el("li", {}, shard.alternatives[a])); });
      result.appendChild(alts);
    }
    result.appendChild(el("p", {}, "Cite this verdict with the address of this page. Research material, not legal advice."));
  }

  function explore(form, result) {
    var state = formState(form);
    var root = form.getAttribute("data-root");
    if (!state.from || !state.to) return;
    if (state.from === state.to) { result.textContent = "Choose two different states."; return; }
    if (!state.offence && !state.measure) { result.textContent = "Choose an offence or a measure."; return; }
    var url = root + "api/v1/explorer/" + state.from + "/" + state.to + ".json.gz";
    Promise.all([getGzipJSON(url), getRules(root)]).then(function (loaded) {
      var shard = loaded[0], titles = loaded[1].titles;
      var a = shard.names[shard.requesting], b = shard.names[shard.requested];
      var entry, question;
      if (state.measure) {
        entry = shard.mla[state.measure];
        question = a + " asks " + b + " for " + form.elements.measure.selectedOptions[0].textContent;
      } else {
        entry = (shard.extradition[state.offence] || {})[state.person || "other"];
        question = a + " asks " + b + " to extradite a person (" +
          (state.person === "national" ? "a national of " + b : "not a national of " + b) +
          ") for " + form.elements.offence.selectedOptions[0].textContent.toLowerCase();
      }
      if (!entry) { result.textContent = "No verdict for this choice."; return; }
      renderVerdict(result, shard, entry, question, titles);
    }).catch(function (error) {
      result.textContent = "Could not load the verdict (" + error.message + ").";
    });
  }

  function startExplorer(form) {
    var result = document.getElementById("cy-result");
    setForm(form, readState());
    form.addEventListener("change", function (event) {
      if (event.target.name === "measure" && event.target.value) form.elements.offence.value = "";
      if (event.target.name === "offence" && event.target.value) form.elements.measure.value = "";
      var state = formState(form);
      var hash = "#" + Object.keys(state).filter(function (k) { return state[k]; })
        .map(function (k) { return k + "=" + encodeURIComponent(state[k]); }).join("&");
      history.replaceState(null, "", hash);
      explore(form, result);
    });
    window.addEventListener("hashchange", function () { setForm(form, readState()); explore(form, result); });
    explore(form, result);
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".cy-heatmap[data-matrix]"), drawHeatmap);
    var form = document.getElementById("cy-explorer");
    if (form) startExplorer(form);
  }

  // Material's instant navigation is off, so a plain load event is enough.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
