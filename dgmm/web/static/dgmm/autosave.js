/* Autosave for questionnaire pages (progressive enhancement: without it, the Save button posts the form).
 *
 * Each question is an element [data-field] inside form[data-autosave]. On change (and while typing,
 * after a pause) the question's own inputs are posted with its version to data-autosave-url. The
 * server answers with the new version, or 409 when someone else saved first: the user's input stays,
 * the saved value is shown, and the version moves on so that saving again is a deliberate overwrite.
 * Unsaved input is kept in localStorage until the server confirms it, so a closed tab loses nothing.
 */
(function () {
  "use strict";
  var DEBOUNCE = 900, RETRY = 30000;

  function init(form) {
    var url = form.getAttribute("data-autosave-url");
    var key = "dgmm:draft:" + form.getAttribute("data-draft-key") + ":";
    var live = document.getElementById("autosave-live");
    var timers = {}, pending = {}, failures = {}, revision = -1;

    function retryLater(el) {
      // 2 s, 4 s, 8 s ... at most 30 s between attempts
      var code = el.getAttribute("data-field");
      failures[code] = (failures[code] || 0) + 1;
      setTimeout(function () { save(el); }, Math.min(RETRY, 1000 * Math.pow(2, failures[code])));
    }
    form.classList.add("js-autosave");

    function fieldData(el) {
      var fd = new FormData();
      fd.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
      fd.append("code", el.getAttribute("data-field"));
      el.querySelectorAll("input, select, textarea").forEach(function (i) {
        if (!i.name || i.disabled) return;
        if ((i.type === "checkbox" || i.type === "radio") && !i.checked) return;
        if (i.type === "file") return;
        fd.append(i.name, i.value);
      });
      return fd;
    }
    function entries(fd) { var out = []; fd.forEach(function (v, k) { if (k !== "csrfmiddlewaretoken") out.push([k, v]); }); return out; }
    function versionInput(el) { return el.querySelector("input[name^='v-']"); }
    function state(el, text, kind) {
      var s = el.querySelector(".save-state");
      if (s) { s.textContent = text; s.className = "save-state" + (kind ? " " + kind : ""); }
      if (live && kind !== "ok") live.textContent = text;
    }
    function remember(el) {
      try { localStorage.setItem(key + el.getAttribute("data-field"),
        JSON.stringify({version: versionInput(el).value, data: entries(fieldData(el))})); } catch (e) { /* storage full or off */ }
    }
    function forget(el) { try { localStorage.removeItem(key + el.getAttribute("data-field")); } catch (e) {} }

    function save(el) {
      var code = el.getAttribute("data-field");
      if (pending[code]) { pending[code] = "again"; return; }
      pending[code] = true;
      state(el, form.getAttribute("data-msg-saving"), "");
      fetch(url, {method: "POST", body: fieldData(el), credentials: "same-origin", headers: {"Accept": "application/json"}})
        .then(function (r) {
          return r.json().then(function (body) { return {status: r.status, body: body}; },
            function () { return {status: r.status, body: {ok: false, error: form.getAttribute("data-msg-server")}}; });
        })
        .then(function (res) {
          var b = res.body;
          if (b.ok) {
            failures[code] = 0;
            versionInput(el).value = b.version;
            forget(el);
            el.classList.remove("has-error");
            if (pending[code] !== "again") state(el, form.getAttribute("data-msg-saved") + " " + b.saved_at, "ok");
            // pages that show more than the answer (the review page's levels) listen for this
            form.dispatchEvent(new CustomEvent("dgmm:saved", {detail: b}));
            // keep the topic state of the newest server state seen (responses may arrive out of order)
            var newest = typeof b.revision === "number" && b.revision >= revision;
            if (newest) revision = b.revision;
            var badge = newest ? document.querySelector("[data-topic-badge='" + b.topic + "']") : null;
            if (newest && b.not_applicable) {
              form.querySelectorAll("[data-field]").forEach(function (q) {
                var note = q.querySelector("[data-na-note]");
                if (note) note.hidden = b.not_applicable.indexOf(q.getAttribute("data-field")) < 0;
              });
            }
            if (badge && b.topic_badge) {
              badge.textContent = b.topic_badge;
              badge.className = "badge " + b.topic_badge_class;
            }
            var count = newest ? document.querySelector("[data-topic-answered]") : null;
            if (count && b.topic_summary) count.textContent = b.topic_summary;
          } else {
            el.classList.add("has-error");
            var msg = b.error || form.getAttribute("data-msg-failed");
            if (res.status === 409) {
              versionInput(el).value = b.current_version;
              msg += " " + form.getAttribute("data-msg-current") + " " + (b.current_display || "");
            }
            state(el, msg, "error");
            if (res.status >= 500) { remember(el); retryLater(el); }
          }
        })
        .catch(function () {
          remember(el);
          el.classList.add("has-error");
          state(el, form.getAttribute("data-msg-offline"), "error");
          retryLater(el);
        })
        .finally(function () {
          var again = pending[code] === "again";
          pending[code] = false;
          if (again) save(el);
        });
    }

    form.querySelectorAll("[data-field]").forEach(function (el) {
      if (el.getAttribute("data-editable") !== "1") return;
      el.addEventListener("change", function (ev) {
        if (ev.target.type === "file") return;
        var none = el.querySelector("input[data-none]");
        if (none && ev.target === none && none.checked) {
          el.querySelectorAll("input[type=checkbox]:not([data-none])").forEach(function (c) { c.checked = false; });
        } else if (none && ev.target.type === "checkbox" && ev.target !== none && ev.target.checked) {
          none.checked = false;
        }
        remember(el); clearTimeout(timers[el.getAttribute("data-field")]); save(el);
      });
      el.addEventListener("input", function (ev) {
        var t = ev.target.type;
        if (t === "checkbox" || t === "radio" || t === "file") return;
        remember(el);
        var code = el.getAttribute("data-field");
        clearTimeout(timers[code]);
        timers[code] = setTimeout(function () { save(el); }, DEBOUNCE);
      });
      // A draft from a closed tab: restore it if the answer has not changed on the server since.
      var raw = null;
      try { raw = localStorage.getItem(key + el.getAttribute("data-field")); } catch (e) {}
      if (!raw) return;
      var draft = JSON.parse(raw);
      if (String(draft.version) !== String(versionInput(el).value)) { forget(el); return; }
      var names = {};
      draft.data.forEach(function (kv) { (names[kv[0]] = names[kv[0]] || []).push(kv[1]); });
      el.querySelectorAll("input, select, textarea").forEach(function (i) {
        if (!i.name || i.name === "code" || i.name.indexOf("v-") === 0) return;
        var vals = names[i.name] || [];
        if (i.type === "checkbox" || i.type === "radio") i.checked = vals.indexOf(i.value) >= 0;
        else if (i.type !== "file") i.value = vals.length ? vals[0] : "";
      });
      state(el, form.getAttribute("data-msg-restored"), "");
      save(el);
    });
    window.addEventListener("online", function () {
      form.querySelectorAll("[data-field].has-error").forEach(function (el) { save(el); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-autosave]").forEach(init);
    var summary = document.getElementById("error-summary");
    if (summary) summary.focus();
    document.querySelectorAll("[data-live-rates]").forEach(function (el) {
      setInterval(function () {
        fetch(el.getAttribute("data-live-rates"), {credentials: "same-origin"}).then(function (r) { return r.json(); })
          .then(function (b) {
            if (!b.ok) return;
            var o = b.overall;
            el.querySelector("[data-rate=submitted]").textContent = o.submitted;
            el.querySelector("[data-rate=started]").textContent = o.started;
            el.querySelector("[data-rate=not_started]").textContent = o.not_started;
            el.querySelector("[data-rate=percent]").textContent = o.percent.toFixed(1);
          }).catch(function () {});
      }, 20000);
    });
  });
})();
