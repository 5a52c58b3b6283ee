// Starts the heap widgets on pages that have a listing; other pages load nothing more.
(function () {
  "use strict";
  var roots = document.querySelectorAll(".wl-heap, .wl-exercise");
  if (roots.length === 0) {
    return;
  }
  var failed = function (error) {
    roots.forEach(function (root) {
      var box = document.createElement("p");
      box.className = "wl-error";
      box.setAttribute("role", "alert");
      box.textContent = "The interactive listing could not start: " + error;
      root.appendChild(box);
    });
  };
  // A page with widgets has started loading them early (see `with_early_start` in
  // crates/xtask/src/listings.rs): the whole page is read now, so every widget mounts.
  if (window.weaklinkEarly) {
    window.weaklinkEarly.mount().catch(failed);
    return;
  }
  // `path_to_root` is defined by mdbook on every page; it may be empty, and `import()` needs
  // a full URL rather than a bare name.
  var base = new URL(path_to_root + "widgets/", document.baseURI).href;
  // The wasm downloads while the glue module loads.
  var wasm = fetch(base + "weaklink_web_bg.wasm");
  var css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = base + "heap.css";
  document.head.appendChild(css);
  import(base + "weaklink_web.js")
    .then(function (bundle) {
      return bundle.default({ module_or_path: wasm });
    })
    .catch(failed);
})();
