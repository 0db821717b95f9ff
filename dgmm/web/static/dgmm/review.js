/* The review page: after an analyst check is autosaved, show the levels the answers now give.
 *
 * The server answers an autosave with every topic's level panel rendered again ({topic id: HTML},
 * from the same template as the page); each panel and the level in the topic index are replaced.
 */
(function () {
  "use strict";
  function sel(attr, id) { return "[" + attr + "='" + (window.CSS && CSS.escape ? CSS.escape(id) : id) + "']"; }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-review-levels]").forEach(function (form) {
      form.addEventListener("dgmm:saved", function (ev) {
        var levels = ev.detail && ev.detail.levels;
        if (!levels) return;
        Object.keys(levels).forEach(function (id) {
          var panel = document.querySelector(sel("data-level-panel", id));
          if (!panel) return;
          var fresh = document.createElement("template");
          fresh.innerHTML = levels[id];
          if (fresh.content.textContent === panel.textContent) return;  // unchanged: nothing to announce
          panel.replaceChildren(fresh.content);
          var cell = document.querySelector(sel("data-level-of", id));
          var now = panel.querySelector("[data-level]");
          if (cell && now) {
            var v = now.getAttribute("data-level");
            cell.textContent = v === "na" ? cell.getAttribute("data-na") : v === "none" ? "–" : v;
          }
        });
      });
    });
  });
})();
