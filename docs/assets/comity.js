// Comity: cooperation heatmaps and the explorer. Both read precomputed JSON from api/v1/; no rule
// is re-implemented here. All corpus text is inserted with textContent, never as HTML.
(function () {
  "use strict";

  // N: conditional only because facts not yet researched could add conditions (no known bar).
  var ICON = { P: "✓", C: "◑", N: "◔", B: "✕", U: "?" };
  var WORD = { P: "Possible", C: "Conditional", N: "No known bar", B: "Blocked", U: "Unknown" };
  var BY_OUTCOME = { possible: "P", conditional: "C", blocked: "B", unknown: "U" };
  // A source's kind, in the words of generator/render/serialize.py SOURCE_KIND_WORDS.
  var KIND_WORDS = { official: "official text", secondary: "secondary source",
                     unofficial_copy: "unofficial copy" };

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

  // Files every verdict needs, loaded once per page.
  var cache = {};
  function once(key, load) {
    if (!cache[key]) cache[key] = load();
    return cache[key];
  }

  // Only the answer to the latest question may be shown. Each change of a form starts a new
  // question; an earlier one whose files arrive later (another state's files may take longer)
  // must not replace the answer shown under the new question. latest(name) numbers the new
  // question and returns a test: is it still the latest of that form?
  var asked = {};
  function latest(name) {
    var number = (asked[name] || 0) + 1;
    asked[name] = number;
    return function () { return asked[name] === number; };
  }

  // ------------------------------------------------------------------------------------------
  // Heatmaps
  // ------------------------------------------------------------------------------------------

  // The reason a cell shows: the rules that decided it (matrix "reasons", indexed per cell by
  // one character of "why", see generator/render/data.py _why).
  var WHY = "";
  for (var c = 35; c < 127; c++) { if (c !== 92) WHY += String.fromCharCode(c); }

  function cellReason(data, index) {
    if (!data.why || !data.reasons) return "";
    var reason = data.reasons[WHY.indexOf(data.why.charAt(index))];
    return reason ? "decided by: " + reason : "";
  }

  // What every cell link of a matrix shares, computed once: the explorer address without the
  // pair, and the codes as they appear in it (a grid has tens of thousands of cells).
  function linkParts(box, root, data) {
    var rest = ["offence", "measure", "person"].map(function (k) {
      var value = box.getAttribute("data-" + k);
      return value ? "&" + k + "=" + encodeURIComponent(value) : "";
    }).join("");
    return {
      base: root + "generated/explorer/#from=", rest: rest,
      codes: data.codes.map(function (code) { return encodeURIComponent(code.toLowerCase()); })
    };
  }

  function cellLink(parts, data, i, j) {
    var index = i * data.codes.length + j;
    var code = data.cells.charAt(index);
    var reason = cellReason(data, index);
    var label = WORD[code] + ": " + data.names[i] + " → " + data.names[j] + (reason ? " (" + reason + ")" : "");
    var link = document.createElement("a");
    link.href = parts.base + parts.codes[i] + "&to=" + parts.codes[j] + parts.rest;
    link.setAttribute("aria-label", label);
    link.title = label;
    link.textContent = ICON[code];
    return link;
  }

  // The whole grid: names in the column headers (code in the tooltip), a link to skip past it,
  // and a details line that says, for the cell under the pointer or the keyboard focus, the
  // verdict and the rules that decided it (no hover needed).
  function gridTable(box, parts, data) {
    var n = data.codes.length;
    var table = el("table", { "class": "cy-grid" });
    table.appendChild(el("caption", { "class": "md-visually-hidden" }, box.getAttribute("data-caption")));
    var head = el("thead");
    var headRow = el("tr");
    headRow.appendChild(el("th", { scope: "col" }, "Requesting ↓ / requested →"));
    data.codes.forEach(function (code, j) {
      var th = el("th", { scope: "col", title: data.names[j] + " (" + code + ")", "class": "cy-col" });
      th.appendChild(el("span", {}, data.names[j]));
      headRow.appendChild(th);
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
        var td = document.createElement("td");
        td.className = "cy-cell-" + code;
        td.appendChild(cellLink(parts, data, i, j));
        row.appendChild(td);
      }
      body.appendChild(row);
    }
    table.appendChild(body);
    return table;
  }

  // One requesting state at a time, as a list (fits a phone; also a plain reading order).
  function rowList(parts, data, i) {
    var list = el("ul", { "class": "cy-rowlist" });
    data.codes.forEach(function (code, j) {
      if (i === j) return;
      var cell = data.cells.charAt(i * data.codes.length + j);
      var item = el("li", { "class": "cy-cell-" + cell });
      var link = cellLink(parts, data, i, j);
      link.textContent = ICON[cell] + " " + WORD[cell] + " — " + data.names[j];
      item.appendChild(link);
      var reason = cellReason(data, i * data.codes.length + j);
      if (reason) item.appendChild(el("span", { "class": "cy-rowlist-why" }, " " + reason));
      list.appendChild(item);
    });
    return list;
  }

  var heatmapCount = 0;

  // A grid of every state takes the browser a second or more to lay out, so a matrix is
  // drawn when it comes near the screen, or when the page is printed (`drawAll`).
  var undrawn = [];
  function whenNear(box, draw) {
    if (!("IntersectionObserver" in window)) { draw(); return; }
    var observer = new IntersectionObserver(function (entries) {
      if (entries.some(function (entry) { return entry.isIntersecting; })) run();
    }, { rootMargin: "100px 0px" });
    function run() { observer.disconnect(); draw(); }
    observer.observe(box);
    undrawn.push(run);
  }
  function drawAll() {
    undrawn.splice(0).forEach(function (run) { run(); });
  }

  function drawHeatmap(box) {
    var root = box.getAttribute("data-root");
    var number = ++heatmapCount;
    getJSON(root + box.getAttribute("data-matrix")).then(function (data) {
      var parts = linkParts(box, root, data);
      var after = "cy-after-" + number;
      var pick = el("select", { id: "cy-pick-" + number });
      pick.appendChild(el("option", { value: "" }, "Every requesting state (grid)"));
      var order = data.codes.map(function (code, i) { return i; })
        .sort(function (x, y) { return data.names[x].localeCompare(data.names[y]); });
      order.forEach(function (i) { pick.appendChild(el("option", { value: String(i) }, data.names[i])); });
      var controls = el("p", { "class": "cy-heatmap-controls" });
      var label = el("label", { "for": "cy-pick-" + number }, "Show: ");
      controls.appendChild(label);
      controls.appendChild(pick);
      controls.appendChild(document.createTextNode(" "));
      controls.appendChild(el("a", { href: "#" + after, "class": "cy-skip" }, "Skip past this matrix"));
      // Until drawn, the view holds the height the grid will take (no jump when it arrives).
      var view = el("div", { "class": "cy-heatmap-view cy-pending" }, "Drawing the matrix…");
      var detail = el("p", { "class": "cy-detail", "aria-live": "polite" },
        "Point at or focus a cell to read its verdict and the rules that decided it; open it for the full trace.");
      var end = el("span", { id: after, tabindex: "-1" });
      var drawn = false;
      function show() {
        drawn = true;
        view.classList.remove("cy-pending");
        view.textContent = "";
        view.appendChild(pick.value === "" ? gridTable(box, parts, data) : rowList(parts, data, Number(pick.value)));
      }
      pick.addEventListener("change", show);
      function describe(event) {
        var target = event.target.closest ? event.target.closest("a[aria-label]") : null;
        if (target) detail.textContent = target.getAttribute("aria-label");
      }
      view.addEventListener("focusin", describe);
      view.addEventListener("mouseover", describe);
      box.textContent = "";
      box.appendChild(controls);
      box.appendChild(view);
      box.appendChild(detail);
      box.appendChild(end);
      whenNear(box, function () { if (!drawn) show(); });
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
    extra.push(KIND_WORDS[citation.kind] || "kind not stated");
    extra.push("confidence " + citation.confidence);
    if (citation.verified) extra.push("verified " + citation.verified);
    span.appendChild(document.createTextNode(", " + extra.join(", ")));
    var official = safeUrl(citation.official_url);
    if (official) {
      span.appendChild(document.createTextNode(" ("));
      span.appendChild(el("a", { href: official, rel: "noopener noreferrer nofollow" }, "official text"));
      span.appendChild(document.createTextNode(")"));
    }
    return span;
  }

  function badge(outcome) {
    var code = BY_OUTCOME[outcome];
    var span = el("span", { "class": "cy-v cy-" + outcome });
    span.appendChild(el("span", { "aria-hidden": "true" }, ICON[code]));
    span.appendChild(document.createTextNode(" " + WORD[code]));
    return span;
  }

  // A verdict is a list of step kinds (shared by every pair with the same inputs); a kind's
  // texts name the two states as {a} and {b}, and its slots say which facts it read. Binding a
  // kind to a pair, as generator/analysis/results.py Step does: fill the names, quote values,
  // cite the facts read.
  function fill(template, names, values, terms) {
    var text = template.split("{a}").join(names[0]).split("{b}").join(names[1]);
    ["{o}", "{offence}", "{category}"].forEach(function (marker, i) {
      if (terms && terms[i] !== undefined) text = text.split(marker).join(terms[i]);
    });
    (values || []).forEach(function (value, i) {
      text = text.split("{value:" + i + "}").join(String(value));
    });
    return text;
  }

  function readSlot(slot, data) {
    var owner = slot[0], path = slot[1].split("{o}").join(data.terms[0] || ""), found;
    if (owner === "a" || owner === "b") {
      var file = data.facts[owner];
      found = file.facts[path];
      return { value: found ? found[0] : "unknown",
               citation: found && found[1] !== null ? file.citations[found[1]] : null };
    }
    var key = owner.replace(/^relation:/, "") + "/" +
      path.split("{a}").join(data.codes[0]).split("{b}").join(data.codes[1]);
    found = data.relations.facts[key];
    return { value: found ? found[0] : "unknown",
             citation: found && found[1] !== null ? data.relations.citations[found[1]] : null };
  }

  function bindStep(kind, data) {
    // kind columns: rule, outcome, reason, slots, provision, assurance, unblock, extra citations,
    // confidence, best, worst
    var reads = kind[3].map(function (slot) { return readSlot(slot, data); });
    var citations = [];
    reads.forEach(function (r) { if (r.citation && citations.indexOf(r.citation) < 0) citations.push(r.citation); });
    kind[7].forEach(function (i) { citations.push(data.kinds.citations[i]); });
    var pinpoints = [];
    reads.forEach(function (r) {
      if (r.citation && r.citation.pinpoint && pinpoints.indexOf(r.citation.pinpoint) < 0) pinpoints.push(r.citation.pinpoint);
    });
    var rule = data.rules[kind[0]] || { title: kind[0], provisions: [] };
    return {
      rule: kind[0], title: rule.title, outcome: kind[1], confidence: kind[8],
      reason: fill(kind[2], data.names, reads.map(function (r) { return r.value; }), data.terms),
      provision: kind[4] || pinpoints.join("; ") || rule.provisions.join("; "),
      citations: citations, assurance: fill(kind[5], data.names, [], data.terms),
      unblock: fill(kind[6], data.names, [], data.terms),
      best: kind[9], worst: kind[10]
    };
  }

  // What the unknown facts leave open, in the words of generator/app/explain.py `bounds_lines`.
  function boundsText(entry, steps) {
    var best = entry[2], worst = entry[3];
    if (best === worst) return "";
    var open = steps.filter(function (s) { return s.outcome === "unknown"; }).length;
    var facts = open + " step" + (open === 1 ? "" : "s") + " with facts not yet researched";
    if (entry[0] === "conditional") {
      return "No known bar; " + facts + " could add conditions (best case: " + best +
        ", worst case: " + worst + ").";
    }
    return "Unknown: between " + best + " (best case) and " + worst + " (worst case); " +
      facts + " decide it.";
  }

  function renderVerdict(result, entry, steps, alternatives, question, basis) {
    // entry: [verdict, confidence, best, worst]
    result.textContent = "";
    result.appendChild(el("h2", { id: "verdict" }, question));
    var line = el("p", { "class": "cy-verdict" });
    line.appendChild(document.createTextNode("Verdict: "));
    line.appendChild(badge(entry[0]));
    line.appendChild(document.createTextNode(" · confidence: " + entry[1] +
      (basis ? " · legal basis: " + basis : "")));
    result.appendChild(line);
    var open = boundsText(entry, steps);
    if (open) result.appendChild(el("p", { "class": "cy-bounds" }, open));
    var list = el("ol", { "class": "cy-trace" });
    steps.forEach(function (s) {
      var item = el("li", { "class": "cy-" + s.outcome });
      var head = el("p");
      head.appendChild(el("strong", {}, s.title + ": "));
      head.appendChild(badge(s.outcome));
      if (s.outcome === "unknown" && s.best) {
        head.appendChild(document.createTextNode(" (could be " + s.best + " to " + s.worst + ")"));
      }
      item.appendChild(head);
      item.appendChild(el("p", {}, s.reason));
      if (s.provision) item.appendChild(el("p", {}, "Provision: " + s.provision));
      s.citations.forEach(function (c) {
        var p = el("p", {}, "Source: ");
        p.appendChild(citationNode(c));
        item.appendChild(p);
      });
      if (s.assurance) item.appendChild(el("p", {}, "Needs: " + s.assurance));
      if (s.unblock) item.appendChild(el("p", {}, "Would unblock: " + s.unblock));
      item.appendChild(el("p", { "class": "cy-rule" }, "Rule: " + s.rule + " · step confidence: " + s.confidence));
      list.appendChild(item);
    });
    result.appendChild(list);
    if (alternatives.length) {
      result.appendChild(el("h3", {}, "Alternatives"));
      var alts = el("ul");
      alternatives.forEach(function (a) { alts.appendChild(el("li", {}, a)); });
      result.appendChild(alts);
    }
    result.appendChild(el("p", {}, "Cite this verdict with the address of this page. Research material, not legal advice."));
    var pair = readState();
    if (pair.from && pair.to) {
      var brief = el("p");
      brief.appendChild(el("a", { href: "../briefing/#a=" + encodeURIComponent(pair.from) + "&b=" + encodeURIComponent(pair.to) },
                           "Printable briefing for this pair, both directions"));
      result.appendChild(brief);
    }
  }

  function explore(form, result) {
    var current = latest("explorer");
    var state = formState(form);
    var root = form.getAttribute("data-root");
    if (!state.from || !state.to) return;
    if (state.from === state.to) { result.textContent = "Choose two different states."; return; }
    if (!state.offence && !state.measure) { result.textContent = "Choose an offence or a measure."; return; }
    var api = root + "api/v1/explorer/";
    Promise.all([
      getGzipJSON(api + "from/" + state.from + ".json.gz"),
      once("rules", function () { return getJSON(api + "rules.json"); }),
      once("kinds", function () { return getGzipJSON(api + "kinds.json.gz"); }),
      once("relations", function () { return getGzipJSON(api + "relations.json.gz"); }),
      once("facts:" + state.from, function () { return getGzipJSON(api + "facts/" + state.from + ".json.gz"); }),
      once("facts:" + state.to, function () { return getGzipJSON(api + "facts/" + state.to + ".json.gz"); })
    ]).then(function (loaded) {
      if (!current()) return;
      var shard = loaded[0], kinds = loaded[2], requested = state.to.toUpperCase();
      var b = shard.codes.indexOf(requested), a = shard.codes.indexOf(shard.requesting);
      var names = [shard.names[a], shard.names[b]];
      var family = state.measure ? "mla" : "extradition";
      var grid = shard[family];
      var column = grid.columns.indexOf(state.measure || state.offence);
      var person = state.measure ? 0 : grid.persons.indexOf(state.person || "other");
      if (b < 0 || b === a || column < 0 || person < 0) { result.textContent = "No verdict for this choice."; return; }
      // flat arrays indexed [requested][column][person] (steps: [...][rule])
      var cell = (b * grid.columns.length + column) * grid.persons.length + person;
      var rules = grid.rules.length;
      var entry = [shard.outcomes[grid.verdicts[cell]], shard.confidences[grid.confidences[cell]],
                   shard.outcomes[grid.best[cell]], shard.outcomes[grid.worst[cell]]];
      var ids = grid.steps.slice(cell * rules, (cell + 1) * rules).filter(function (id) { return id; });
      var question = state.measure
        ? names[0] + " asks " + names[1] + " for " + form.elements.measure.selectedOptions[0].textContent
        : names[0] + " asks " + names[1] + " to extradite a person (" +
          (state.person === "national" ? "a national of " + names[1] : "not a national of " + names[1]) +
          ") for " + form.elements.offence.selectedOptions[0].textContent.toLowerCase();
      var terms = state.measure ? [] : (kinds.offences[state.offence] || []);
      var data = { names: names, codes: [shard.requesting, requested], rules: loaded[1].rules, terms: terms,
                   kinds: kinds, relations: loaded[3], facts: { a: loaded[4], b: loaded[5] } };
      var steps = ids.map(function (id) { return bindStep(kinds.kinds[family][id], data); });
      var alternatives = (kinds.alternatives[family][grid.alternatives[cell]] || []).map(function (t) { return fill(t, names); });
      var basis = kinds.labels[family][grid.labels[b * grid.columns.length + column]];
      renderVerdict(result, entry, steps, alternatives, question, basis);
    }).catch(function (error) {
      if (current()) result.textContent = "Could not load the verdict (" + error.message + ").";
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

  // ------------------------------------------------------------------------------------------
  // Pair briefing: both directions of one pair on one printable page
  // ------------------------------------------------------------------------------------------

  // The step a reader must look at first: one whose outcome is the verdict, else an open one.
  function decidingStep(steps, verdict) {
    return steps.filter(function (s) { return s.outcome === verdict; })[0] ||
      steps.filter(function (s) { return s.outcome === "unknown"; })[0] || null;
  }

  function briefingCell(data, family, grid, shard, b, column, person, sources) {
    var cell = (b * grid.columns.length + column) * grid.persons.length + person;
    var rules = grid.rules.length;
    var verdict = shard.outcomes[grid.verdicts[cell]];
    var ids = grid.steps.slice(cell * rules, (cell + 1) * rules).filter(function (id) { return id; });
    var steps = ids.map(function (id) { return bindStep(data.kinds.kinds[family][id], data); });
    var td = el("td");
    td.appendChild(badge(verdict));
    var step = decidingStep(steps, verdict);
    if (step && verdict !== "possible") {
      td.appendChild(el("span", { "class": "cy-brief-why" }, " " + step.title + ": " + step.reason));
      step.citations.forEach(function (c) { if (sources.indexOf(c) < 0) sources.push(c); });
    }
    return td;
  }

  function briefingDirection(container, loaded, from, to, terms, sources) {
    var shard = loaded.shard, kinds = loaded.kinds;
    var a = shard.codes.indexOf(from.toUpperCase()), b = shard.codes.indexOf(to.toUpperCase());
    var names = [shard.names[a], shard.names[b]];
    var base = { names: names, codes: [from.toUpperCase(), to.toUpperCase()], rules: loaded.rules,
                 kinds: kinds, relations: loaded.relations, facts: { a: loaded.factsA, b: loaded.factsB } };
    container.appendChild(el("h2", {}, names[0] + " asks " + names[1]));
    var grid = shard.extradition;
    var table = el("table", { "class": "cy-brief" });
    var head = el("tr");
    ["Offence", "Legal basis", "Person not a national of " + names[1], "A national of " + names[1]]
      .forEach(function (h) { head.appendChild(el("th", { scope: "col" }, h)); });
    table.appendChild(el("thead")).appendChild(head);
    var body = el("tbody");
    grid.columns.forEach(function (offence, column) {
      var row = el("tr");
      var data = Object.assign({}, base, { terms: kinds.offences[offence] || [] });
      row.appendChild(el("th", { scope: "row" }, (kinds.offences[offence] || [offence, offence])[1]));
      row.appendChild(el("td", {}, kinds.labels.extradition[grid.labels[b * grid.columns.length + column]] || "—"));
      ["other", "national"].forEach(function (person) {
        row.appendChild(briefingCell(data, "extradition", grid, shard, b, column,
                                     grid.persons.indexOf(person), sources));
      });
      body.appendChild(row);
    });
    table.appendChild(body);
    container.appendChild(table);
    var mla = shard.mla;
    var assist = el("table", { "class": "cy-brief" });
    var mhead = el("tr");
    ["Assistance measure", "Verdict and what decides it"].forEach(function (h) { mhead.appendChild(el("th", { scope: "col" }, h)); });
    assist.appendChild(el("thead")).appendChild(mhead);
    var mbody = el("tbody");
    mla.columns.forEach(function (measure, column) {
      var row = el("tr");
      row.appendChild(el("th", { scope: "row" }, measure.split("_").join(" ")));
      row.appendChild(briefingCell(Object.assign({}, base, { terms: [] }), "mla", mla, shard, b, column, 0, sources));
      mbody.appendChild(row);
    });
    assist.appendChild(mbody);
    container.appendChild(el("h3", {}, "Mutual legal assistance: " + names[0] + " asks " + names[1]));
    container.appendChild(assist);
  }

  function renderBriefing(form, result) {
    var current = latest("briefing");
    var state = {};
    ["a", "b"].forEach(function (name) { state[name] = form.elements[name].value; });
    if (!state.a || !state.b || state.a === state.b) { result.textContent = "Choose two different states."; return; }
    var root = form.getAttribute("data-root"), api = root + "api/v1/explorer/";
    var common = [
      once("rules", function () { return getJSON(api + "rules.json"); }),
      once("kinds", function () { return getGzipJSON(api + "kinds.json.gz"); }),
      once("relations", function () { return getGzipJSON(api + "relations.json.gz"); }),
      once("facts:" + state.a, function () { return getGzipJSON(api + "facts/" + state.a + ".json.gz"); }),
      once("facts:" + state.b, function () { return getGzipJSON(api + "facts/" + state.b + ".json.gz"); }),
      getGzipJSON(api + "from/" + state.a + ".json.gz"),
      getGzipJSON(api + "from/" + state.b + ".json.gz")
    ];
    Promise.all(common).then(function (loaded) {
      if (!current()) return;
      result.textContent = "";
      var sources = [];
      var shared = { rules: loaded[0].rules, kinds: loaded[1], relations: loaded[2] };
      briefingDirection(result, Object.assign({ shard: loaded[5], factsA: loaded[3], factsB: loaded[4] }, shared),
                        state.a, state.b, [], sources);
      briefingDirection(result, Object.assign({ shard: loaded[6], factsA: loaded[4], factsB: loaded[3] }, shared),
                        state.b, state.a, [], sources);
      result.appendChild(el("h2", {}, "Sources of the deciding steps"));
      var list = el("ul");
      sources.forEach(function (c) { var li = el("li"); li.appendChild(citationNode(c)); list.appendChild(li); });
      result.appendChild(list);
      result.appendChild(el("p", { "class": "cy-brief-stamp" }, "Comity pair briefing, " + location.href +
        " · printed " + new Date().toISOString().slice(0, 10) + " · research material, not legal advice."));
    }).catch(function (error) {
      if (current()) result.textContent = "Could not load the briefing (" + error.message + ").";
    });
  }

  function startBriefing(form) {
    var result = document.getElementById("cy-briefing");
    var initial = readState();
    ["a", "b"].forEach(function (name) {
      var select = form.elements[name];
      if (initial[name] && Array.prototype.some.call(select.options, function (o) { return o.value === initial[name]; })) {
        select.value = initial[name];
      }
    });
    form.addEventListener("change", function () {
      history.replaceState(null, "", "#a=" + form.elements.a.value + "&b=" + form.elements.b.value);
      renderBriefing(form, result);
    });
    renderBriefing(form, result);
  }

  // A verdict map (render/maps.py): each state's shape carries one letter per offence in
  // data-v; the select (shown only when this script runs) picks the offence, and the legend's
  // counts follow. Without the script the map shows the first offence, as the caption says.
  var MAP_KEYS = { P: "possible", C: "conditional", U: "unknown", B: "blocked", S: "self" };
  function startMap(controls) {
    var box = document.getElementById(controls.getAttribute("data-map"));
    var select = controls.querySelector("select");
    if (!box || !select) return;
    controls.hidden = false;
    select.addEventListener("change", function () {
      var index = select.selectedIndex, counts = {}, seen = {};
      Array.prototype.forEach.call(box.querySelectorAll("[data-v]"), function (shape) {
        var key = MAP_KEYS[shape.getAttribute("data-v").charAt(index)] || "none";
        var code = shape.getAttribute("data-code");
        shape.setAttribute("class", "k-" + key);
        if (!seen[code]) { seen[code] = true; counts[key] = (counts[key] || 0) + 1; }
      });
      Array.prototype.forEach.call(box.querySelectorAll("text[data-key]"), function (text) {
        var key = text.getAttribute("data-key");
        text.textContent = text.getAttribute("data-label") + " (" + (counts[key] || 0) + ")";
      });
      var caption = document.getElementById(controls.getAttribute("data-map") + "-offence");
      if (caption) caption.textContent = select.options[index].text;
    });
  }

  // A question page's table sorts by any column (progressive enhancement: without the
  // script the rows stay sorted by state name). Headers become buttons, aria-sort says how.
  function makeSortable(table) {
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(heads, function (th, index) {
      var button = el("button", { type: "button", "class": "cy-sort" }, th.textContent);
      th.textContent = "";
      th.appendChild(button);
      th.setAttribute("aria-sort", index === 0 ? "ascending" : "none");
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (x, y) {
          var order = x.cells[index].textContent.trim().localeCompare(
            y.cells[index].textContent.trim(), undefined, { numeric: true, sensitivity: "base" });
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function start() {
    if (document.querySelector(".cy-sortable")) {
      Array.prototype.forEach.call(document.querySelectorAll("article table:not(.cy-matrix)"), makeSortable);
    }
    Array.prototype.forEach.call(document.querySelectorAll(".cy-heatmap[data-matrix]"), drawHeatmap);
    Array.prototype.forEach.call(document.querySelectorAll(".cy-map-controls[data-map]"), startMap);
    var form = document.getElementById("cy-explorer");
    if (form) startExplorer(form);
    var brief = document.getElementById("cy-briefing-form");
    if (brief) startBriefing(brief);
  }

  // Paper: a table kept in a closed <details> (the data behind a map) prints open, and every
  // matrix is drawn.
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details.cy-print-open"), function (d) { d.open = true; });
    drawAll();
  });

  // Material's instant navigation is off, so a plain load event is enough.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
