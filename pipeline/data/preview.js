// The script `pipeline preview` adds to the HTML it serves (never to the files in dist/):
// a template, filled in by preview_script() in pipeline/preview.py.
(function () {
  var serial = %(serial)s, error = %(error)s, held = %(held)s;
  function notice() {  // translations the QA gate holds back: why the page shows them untranslated
    if (!held.length || document.getElementById("pipeline-preview-held")) return;
    var box = document.createElement("pre");
    box.id = "pipeline-preview-held";
    box.setAttribute("role", "status");
    box.title = "click to close";
    box.style.cssText = "position:fixed;z-index:2147483646;right:0;bottom:0;margin:0;max-width:48em;" +
      "max-height:40vh;overflow:auto;padding:.8em 1.2em;white-space:pre-wrap;font:13px/1.4 monospace;" +
      "background:#fffbe6;color:#543;border:2px solid #c90;cursor:pointer";
    box.textContent = held.length + (held.length === 1 ? " translation is" : " translations are") +
      " shown untranslated (marked with the original's language code): `pipeline check` found an error in " +
      (held.length === 1 ? "it" : "them") + ".\n\n" + held.join("\n");
    box.addEventListener("click", function () { box.remove(); });
    document.body.appendChild(box);
  }
  function overlay(text) {
    var box = document.getElementById("pipeline-preview-error");
    if (!text) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("pre");
      box.id = "pipeline-preview-error";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;z-index:2147483647;left:0;right:0;top:0;margin:0;" +
        "padding:1em 1.5em;max-height:60vh;overflow:auto;white-space:pre-wrap;font:14px/1.4 monospace;" +
        "background:#fff0f0;color:#600;border-bottom:3px solid #c00;box-shadow:0 2px 8px rgba(0,0,0,.3)";
      document.body.appendChild(box);
    }
    box.textContent = "The preview could not rebuild; the page shows the last good build.\n\n" + text;
  }
  function here() {
    var p = location.pathname;
    return p.charAt(p.length - 1) === "/" ? p + "index.html" : p;
  }
  function shown() { overlay(error); notice(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", shown); else shown();
  var source = new EventSource("%(events)s?since=" + serial);
  source.addEventListener("reload", function (e) {
    var data = JSON.parse(e.data);
    serial = data.serial;
    var mine = data.all || data.pages.some(function (p) {
      return p === here() || p.slice(-5) !== ".html";
    });
    if (!mine) { overlay(null); return; }
    source.close();
    if (data.all || data.pages.some(function (p) { return p.slice(-5) !== ".html"; })) {
      location.reload();  // a stylesheet or font changed, or the preview recovered from an error
    } else {
      refresh();
    }
  });
  // The rebuilt page replaces this one's body in place: no flash, the scroll position stays,
  // stylesheets and fonts are not fetched again.  Anything else differs: a full reload.
  function refresh() {
    fetch(location.href, {cache: "no-store"}).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.text();
    }).then(function (text) {
      var doc = new DOMParser().parseFromString(text, "text/html");
      var scripts = doc.body.querySelectorAll("script");
      var own = doc.body.querySelector("script[%(mark)s]");
      if (doc.head.innerHTML !== document.head.innerHTML || scripts.length !== 1 || !own ||
          doc.documentElement.lang !== document.documentElement.lang) {
        location.reload();
        return;
      }
      var x = window.scrollX, y = window.scrollY;
      document.title = doc.title;
      document.body.replaceWith(document.adoptNode(doc.body));
      window.scrollTo(x, y);
      var again = document.createElement("script");  // the new page's own copy of this script
      again.setAttribute("%(mark)s", "");
      again.textContent = own.textContent;
      document.body.querySelector("script[%(mark)s]").replaceWith(again);
    }).catch(function () { location.reload(); });
  }
  source.addEventListener("failed", function (e) {
    var data = JSON.parse(e.data);
    serial = data.serial;
    overlay(data.error);
  });
})();
