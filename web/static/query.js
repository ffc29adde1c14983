/* The /query page. With the bundled YASGUI: an editor whose endpoint is fixed to this server.
   Without it (a build with KG_SKIP_WEB_ASSETS=1): the plain form is made to run queries and show
   a table. The page's data come from <script type="application/json" id="query-page-data">. */
(function () {
  "use strict";

  var page = JSON.parse(document.getElementById("query-page-data").textContent);
  var cookbookById = {};
  page.cookbook.forEach(function (entry) { cookbookById[entry.id] = entry; });

  function markCurrent(id) {
    var links = document.querySelectorAll("#cookbook .cookbook-query");
    for (var i = 0; i < links.length; i++) {
      links[i].classList.toggle("current", links[i].getAttribute("data-query-id") === id);
    }
  }

  /* ---- YASGUI ------------------------------------------------------------------------- */
  function startYasgui(container) {
    var endpoint = page.endpoint;
    var yasgui = new window.Yasgui(container, {
      requestConfig: { endpoint: endpoint, method: "POST" },
      copyEndpointOnNewTab: false,
      // The page reads ?q= and ?query= itself: a link must not be able to change the endpoint.
      populateFromUrl: false,
      persistenceId: "kg-query",
      autofocus: false,
      autoAddOnInit: !page.preload,  // a first visit to /query?q=… opens just that query's tab
      endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; }, keys: [] },
      yasqe: {
        value: page.new_tab_query,
        // No class/property completion: those ask a remote service (LOV). Prefixes come from the bundled list.
        autocompleters: ["prefixes", "variables"],
        prefixCcApi: null
      }
    });
    // Tabs restored from localStorage keep the endpoint they were saved with: pin them to this server.
    yasgui.persistentConfig.getTabs().forEach(function (id) {
      var tab = yasgui.getTab(id);
      if (tab && tab.getEndpoint() !== endpoint) { tab.setEndpoint(endpoint); }
    });

    return {
      yasgui: yasgui,
      /* Show `query` in the tab called `title` (created if needed; a tab saved earlier under that
         name gets the query text back) and run it if asked. */
      open: function (title, query, run) {
        var tab = yasgui.tabNameTaken(title);
        if (tab) {
          yasgui.selectTabId(tab.getId());
        } else {
          tab = yasgui.addTab(true, { name: title, yasqe: { value: query } });
        }
        if (tab.getEndpoint() !== endpoint) { tab.setEndpoint(endpoint); }
        if (tab.getQuery() !== query) { tab.setQuery(query); }
        if (run) { tab.query().catch(function () { /* YASR shows the error */ }); }
        return tab;
      }
    };
  }

  /* ---- plain form --------------------------------------------------------------------- */
  function cell(term) {
    var td = document.createElement("td");
    if (!term) { return td; }
    if (term.type === "uri" && /^https?:\/\//i.test(term.value)) {
      var a = document.createElement("a");
      a.href = term.value;
      a.textContent = term.value;
      td.appendChild(a);
    } else {
      td.textContent = term.value;
      if (term["xml:lang"]) { td.lang = term["xml:lang"]; }
    }
    return td;
  }

  function resultsTable(data) {
    var vars = data.head.vars || [];
    var table = document.createElement("table");
    var head = table.createTHead().insertRow();
    vars.forEach(function (v) {
      var th = document.createElement("th");
      th.textContent = v;
      head.appendChild(th);
    });
    var body = table.createTBody();
    data.results.bindings.forEach(function (binding) {
      var tr = body.insertRow();
      vars.forEach(function (v) { tr.appendChild(cell(binding[v])); });
    });
    return table;
  }

  function startFallback(form) {
    var textarea = form.querySelector("textarea");
    var status = document.getElementById("query-status");
    var results = document.getElementById("fallback-results");

    function show(node, message) {
      results.textContent = "";
      if (node) { results.appendChild(node); }
      status.textContent = message;
    }

    function pre(text) {
      var node = document.createElement("pre");
      node.textContent = text;
      return node;
    }

    function run() {
      var body = new URLSearchParams();
      body.set("query", textarea.value);
      show(null, "Running…");
      var started = Date.now();
      fetch(page.endpoint, {
        method: "POST",
        body: body,
        headers: { Accept: "application/sparql-results+json, text/turtle;q=0.9, text/plain;q=0.5" }
      }).then(function (response) {
        return response.text().then(function (text) {
          var seconds = ((Date.now() - started) / 1000).toFixed(2) + " s";
          var type = response.headers.get("Content-Type") || "";
          if (!response.ok) {
            show(pre(text), "Error " + response.status + " after " + seconds);
          } else if (type.indexOf("json") >= 0) {
            var data = JSON.parse(text);
            if (typeof data.boolean === "boolean") {
              show(pre(String(data.boolean)), "Answer after " + seconds);
            } else {
              var n = data.results.bindings.length;
              show(resultsTable(data), n + (n === 1 ? " row" : " rows") + " in " + seconds);
            }
          } else {
            show(pre(text), "Result in " + seconds);
          }
        });
      }).catch(function (error) {
        show(null, "The request failed: " + error.message);
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      run();
    });
    return {
      open: function (title, query, runNow) {
        textarea.value = query;
        if (runNow) { run(); }
      }
    };
  }

  /* ---- page --------------------------------------------------------------------------- */
  var container = document.getElementById("yasgui");
  var form = document.getElementById("query-form");
  var editor = null;
  if (container && typeof window.Yasgui === "function") {
    editor = startYasgui(container);
  } else if (form) {
    editor = startFallback(form);
  }
  if (!editor) { return; }
  window.kgQueryEditor = editor;  // for tests and the browser console

  document.getElementById("cookbook").addEventListener("click", function (event) {
    var link = event.target.closest("a.cookbook-query");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return;  // a modified click opens /query?q=<id> in a new browser tab, as the link says
    }
    var entry = cookbookById[link.getAttribute("data-query-id")];
    if (!entry) { return; }
    event.preventDefault();
    editor.open(entry.title, entry.query, true);
    markCurrent(entry.id);
    window.history.replaceState(null, "", link.getAttribute("href"));
  });

  if (page.preload) {
    editor.open(page.preload.title, page.preload.query, page.preload.run);
    if (page.preload.id) { markCurrent(page.preload.id); }
  }
})();
