// Clerk workspace. Telegram opens the page with #tgWebAppData=<signed initData>&tgWebAppThemeParams=…;
// every API call sends that initData back (Authorization: tma …) and the server checks it.
"use strict";
(function () {
  const hash = new URLSearchParams(location.hash.slice(1));
  const initData = hash.get("tgWebAppData") || sessionStorage.getItem("initData") || "";
  if (hash.get("tgWebAppData")) sessionStorage.setItem("initData", initData);
  applyTheme(hash.get("tgWebAppThemeParams"));
  tellTelegram("web_app_ready", {});
  tellTelegram("web_app_expand", {});

  let T = {}, ME = null;
  const $ = (sel, root) => (root || document).querySelector(sel);
  const $$ = (sel, root) => Array.from((root || document).querySelectorAll(sel));
  const el = (tag, attrs, ...kids) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v; else if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else if (v !== null && v !== undefined && v !== false) e.setAttribute(k, v);
    }
    for (const kid of kids) if (kid !== null && kid !== undefined) e.append(kid);
    return e;
  };
  const t = (key) => T[key] || key;

  function applyTheme(raw) {
    if (!raw) return;
    try {
      const theme = JSON.parse(raw);
      document.documentElement.classList.add("tg");
      for (const [k, v] of Object.entries(theme)) document.documentElement.style.setProperty("--tg-theme-" + k.replace(/_/g, "-"), v);
    } catch (e) { /* no theme: the defaults of app.css */ }
  }
  function tellTelegram(type, data) {
    try {
      if (window.TelegramWebviewProxy) window.TelegramWebviewProxy.postEvent(type, JSON.stringify(data));
      else if (window.external && window.external.notify) window.external.notify(JSON.stringify({ eventType: type, eventData: data }));
      else if (window.parent !== window) window.parent.postMessage(JSON.stringify({ eventType: type, eventData: data }), "*");
    } catch (e) { /* outside Telegram */ }
  }

  class ApiError extends Error { constructor(status, message) { super(message); this.status = status; } }
  async function api(path, opts) {
    opts = opts || {};
    const headers = { Authorization: "tma " + initData };
    let body = opts.body;
    if (body && !(body instanceof FormData)) { headers["Content-Type"] = "application/json"; body = JSON.stringify(body); }
    const res = await fetch("/app/api/" + path, { method: opts.method || (body ? "POST" : "GET"), headers, body });
    if (opts.blob && res.ok) return res;
    let data = {};
    try { data = await res.json(); } catch (e) { data = { message: res.statusText }; }
    if (!res.ok) throw new ApiError(res.status, data.message || res.statusText);
    return data;
  }
  function notice(text, isError) {
    const n = $("#notice");
    n.textContent = text; n.hidden = false; n.className = isError ? "error" : "";
    clearTimeout(notice.timer);
    notice.timer = setTimeout(() => { n.hidden = true; }, 6000);
  }
  const fail = (e) => notice(e.message, true);
  async function download(path, fallbackName) {
    try {
      const res = await api(path, { blob: true });
      const m = /filename\*=UTF-8''([^;]+)/.exec(res.headers.get("Content-Disposition") || "");
      const a = el("a", { href: URL.createObjectURL(await res.blob()), download: m ? decodeURIComponent(m[1]) : fallbackName });
      document.body.append(a); a.click(); a.remove();
    } catch (e) { fail(e); }
  }
  function fatal(message) {
    document.body.replaceChildren(el("main", { class: "error-page" }, el("h1", { text: T["wa-error-title"] || "⚠️" }),
      el("p", { id: "error-message", text: message })));
  }

  // --- applications ------------------------------------------------------------------------
  const selected = new Set();
  async function loadApplications() {
    const q = new URLSearchParams({ status: $("#app-status").value, q: $("#app-search").value.trim() });
    let data;
    try { data = await api("applications?" + q); } catch (e) { return fail(e); }
    const body = $("#app-table tbody");
    body.replaceChildren();
    const visible = new Set(data.rows.map((r) => r.id));
    for (const id of Array.from(selected)) if (!visible.has(id)) selected.delete(id);
    for (const r of data.rows) {
      const box = el("input", { type: "checkbox", value: r.id, "aria-label": r.ref, onchange: (ev) => {
        ev.target.checked ? selected.add(r.id) : selected.delete(r.id); updateSelection(); } });
      box.checked = selected.has(r.id);
      body.append(el("tr", { "data-id": r.id },
        el("td", {}, box),
        el("td", {}, r.name, el("span", { class: "ref", text: r.ref + (r.unit ? " · " + r.unit : "") })),
        el("td", { text: r.doc }),
        el("td", {}, el("span", { class: "status " + r.status, text: t("card-st-" + r.status.replace(/_/g, "-")) }),
          r.reason && (r.status === "checked_fail" || r.status === "checked_ok") ? el("span", { class: "reason", text: r.reason_text || "" }) : null)));
    }
    $("#app-empty").hidden = data.rows.length > 0;
    $("#app-counts").replaceChildren(...Object.entries(data.counts).map(([s, n]) =>
      el("span", { class: "chip", text: t("card-st-" + s.replace(/_/g, "-")) + " " + n })));
    updateSelection();
  }
  function updateSelection() {
    $("#app-count").textContent = selected.size;
    $("#app-check").disabled = selected.size === 0;
    const boxes = $$("#app-table tbody input");
    $("#app-all").checked = boxes.length > 0 && boxes.every((b) => b.checked);
  }
  async function runCheck() {
    $("#app-check").disabled = true;
    try {
      const res = await api("applications/check", { body: { ids: Array.from(selected) } });
      notice(res.message);
      selected.clear();
      await loadApplications();
    } catch (e) { fail(e); updateSelection(); }
  }
  async function loadBatches() {
    let data;
    try { data = await api("batches"); } catch (e) { return fail(e); }
    $("#batch-outlet").replaceChildren(...data.outlets.map((o) => el("option", { value: o.id, text: o.district + " · " + o.branch + " · " + o.outlet })));
    $("#batch-sample").hidden = !data.sample;
    $("#batch-list").replaceChildren(...data.batches.map((b) => {
      const card = el("div", { class: "card batch", "data-id": b.id },
        el("b", { text: b.ref }), " ", el("span", { class: "muted", text: b.branch + " / " + b.outlet }),
        el("div", { class: "small", text: t("wa-batch-total") + " " + b.total + " · " + t("wa-batch-issued") + " " + b.issued }),
        el("div", { class: "bar" }, el("button", { text: t("wa-download-roster"), onclick: () => download("batches/" + b.id + "/roster", b.ref + ".xlsx") }),
          b.open ? el("button", { text: t("wa-result-title"), onclick: () => showResults(b, card) }) : null));
      return card;
    }));
  }
  async function showResults(batch, card) {
    let data;
    try { data = await api("applications?status=submitted"); } catch (e) { return fail(e); }
    const list = el("div", { class: "results" });
    for (const r of data.rows.filter((x) => x.batch_id === batch.id)) {
      const record = async (success) => {
        try { await api("applications/" + r.id + "/result", { body: { success } }); row.remove(); loadApplications(); } catch (e) { fail(e); }
      };
      const row = el("div", { class: "bar" }, el("span", { text: r.name + " " + r.doc }),
        el("button", { text: "✅ " + t("wa-result-ok"), onclick: () => record(true) }),
        el("button", { text: "❌ " + t("wa-result-fail"), onclick: () => record(false) }));
      list.append(row);
    }
    card.append(list);
  }
  async function submitBatch(ev) {
    ev.preventDefault();
    const f = new FormData(ev.target);
    try {
      const res = await api("batches", { body: { channel: f.get("channel"), outlet_id: Number(f.get("outlet_id")), contact: f.get("contact"), phone: f.get("phone") } });
      notice(res.message);
      ev.target.reset();
      loadApplications(); loadBatches();
    } catch (e) { fail(e); }
  }

  // --- roster ----------------------------------------------------------------------------------
  let roster = null;
  async function uploadRoster(ev) {
    ev.preventDefault();
    const file = $("#roster-file").files[0];
    const form = new FormData();
    if (file) form.append("file", file, file.name);
    form.append("kind", $("#roster-kind").value);
    $("#roster-summary").textContent = t("wa-loading");
    try {
      const res = await api("roster", { body: form });
      if (res.needs_kind) { $("#roster-summary").textContent = t("wa-roster-choose-kind"); return; }
      showRoster(res);
    } catch (e) { $("#roster-summary").textContent = ""; fail(e); }
  }
  function showRoster(r) {
    roster = r;
    $("#roster-summary").replaceChildren(el("div", { class: "card" },
      el("b", { text: r.name }), " · " + t("roster-kind-short-" + r.kind),
      el("div", { text: t("wa-roster-rows") + " " + r.rows + " · " + t("wa-roster-errors") + " " + r.errors + " · " + t("wa-roster-warnings") + " " + r.warnings }),
      r.problems.length === 0 && r.file_issues.length === 0 ? el("div", { text: t("wa-roster-clean") }) : null,
      r.file_issues.length ? el("div", {}, el("b", { text: t("wa-roster-file-issues") }),
        ...r.file_issues.map((i) => el("p", { class: "issue " + i.severity, text: i.message }))) : null));
    $("#roster-sev").replaceChildren(el("option", { value: "", text: t("wa-roster-all") }),
      el("option", { value: "error", text: t("wa-sev-error") }), el("option", { value: "warning", text: t("wa-sev-warning") }));
    $("#roster-code").replaceChildren(el("option", { value: "", text: t("wa-roster-all") }),
      ...r.rules.map((x) => el("option", { value: x.code, text: x.label + " (" + x.count + ")" })));
    $("#roster-filters").hidden = r.problems.length === 0;
    $("#roster-downloads").hidden = false;
    $("#roster-fixed").hidden = r.fixed_parts === 0;
    renderRosterRows();
  }
  function renderRosterRows() {
    if (!roster) return;
    const sev = $("#roster-sev").value, code = $("#roster-code").value;
    const out = [];
    for (const p of roster.problems) {
      const issues = p.issues.filter((i) => (!sev || i.severity === sev) && (!code || i.code === code));
      if (!issues.length) continue;
      const marks = {};
      for (const i of issues) if (i.column && marks[i.column] !== "error") marks[i.column] = i.severity;
      const head = el("tr", {}, el("th", { text: "" }), ...p.columns.map((c, j) => {
        const full = (roster.header[j] || "").replace(/[*＊\s]/g, "");
        return el("th", { title: full, text: c + " " + (full.length > 6 ? full.slice(0, 5) + "…" : full) });
      }));
      const cells = el("tr", {}, el("td", { text: p.row }), ...p.cells.map((v, j) =>
        el("td", { class: marks[p.columns[j]] ? "hl-" + marks[p.columns[j]] : null, "data-col": p.columns[j], text: v })));
      out.push(el("div", { class: "card roster-row", "data-row": p.row },
        el("b", { text: t("wa-roster-row") + " " + p.row }),
        el("div", { class: "cells" }, el("table", {}, el("thead", {}, head), el("tbody", {}, cells))),
        ...issues.map((i) => el("p", { class: "issue " + i.severity, "data-code": i.code },
          (i.column ? i.column + ": " : "") + i.message,
          el("span", { class: "fix", text: t("wa-roster-fix") + ": " + i.fix + (i.fixed_to ? " · " + t("wa-roster-fixed-to") + " " + i.fixed_to : "") })))));
    }
    $("#roster-rows").replaceChildren(...out);
  }
  async function loadLatestRoster() {
    try { showRoster(await api("roster")); } catch (e) { if (e.status !== 404) fail(e); }
  }

  // --- deadlines ----------------------------------------------------------------------------
  let calYear, calMonth;
  async function loadCalendar() {
    const prog = $("#cal-program").value;
    const q = new URLSearchParams({ year: calYear, month: calMonth, programs: prog });
    let data, year;
    try { [data, year] = await Promise.all([api("calendar?" + q), api("calendar/year?year=" + calYear)]); } catch (e) { return fail(e); }
    $("#cal-label").textContent = calYear + "-" + String(calMonth).padStart(2, "0");
    const grid = $("#cal-grid");
    grid.replaceChildren(...t("wa-cal-weekdays").split(",").map((d) => el("div", { class: "wd", text: d })));
    const first = new Date(Date.UTC(calYear, calMonth - 1, 1));
    const days = new Date(Date.UTC(calYear, calMonth, 0)).getUTCDate();
    for (let i = 0; i < (first.getUTCDay() + 6) % 7; i++) grid.append(el("div", {}));
    const byDay = {};
    for (const it of data.items) (byDay[it.due.slice(0, 10)] = byDay[it.due.slice(0, 10)] || []).push(it);
    for (let d = 1; d <= days; d++) {
      const key = calYear + "-" + String(calMonth).padStart(2, "0") + "-" + String(d).padStart(2, "0");
      const cell = el("div", { class: "day" + (key === ME.today ? " today" : ""), "data-day": key }, el("div", { class: "n", text: d }));
      for (const it of byDay[key] || []) cell.append(el("span", { class: "dot p-" + it.program + (it.own ? " own" : "") + (it.done ? " done" : ""), title: it.title }));
      for (const ev of data.events.filter((e) => e.at.slice(0, 10) === key)) cell.append(el("span", { title: t("wa-cal-event"), text: "✓" }));
      grid.append(cell);
    }
    const list = $("#cal-list");
    list.replaceChildren(...data.items.map((it) => el("li", { class: it.done ? "done" : "" },
      el("span", { class: "dot p-" + it.program + (it.own ? " own" : "") }),
      it.due.slice(5, 16).replace("T", " ") + " · " + t("dl-prog-" + it.program.replace(/_/g, "-")) + " · " + it.title
        + (it.own ? " (" + t("wa-cal-own") + ")" : "") + (it.kind === "opens" ? " (" + t("wa-cal-opens") + ")" : "") + (it.done ? " ✓ " + t("wa-cal-done") : ""))));
    if (!data.items.length) list.append(el("li", { class: "muted", text: t("wa-cal-nothing") }));
    $("#cal-year").replaceChildren(yearPlot(year));
  }
  const SVG = "http://www.w3.org/2000/svg";
  const svg = (tag, attrs, ...kids) => { const e = document.createElementNS(SVG, tag); for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v); kids.forEach((k) => e.append(k)); return e; };
  function yearPlot(data) {
    const progs = data.programs.filter((p) => data.items.some((i) => i.program === p));
    const W = 600, left = 110, rowH = 22, H = 24 + rowH * Math.max(progs.length, 1);
    const start = Date.UTC(data.year, 0, 1), end = Date.UTC(data.year + 1, 0, 1);
    const x = (iso) => left + (W - left - 6) * Math.min(Math.max((Date.parse(iso) - start) / (end - start), 0), 1);
    const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", role: "img", "aria-label": t("wa-cal-year-plot") });
    for (let m = 0; m < 12; m++) {
      const mx = x(new Date(Date.UTC(data.year, m, 1)).toISOString());
      root.append(svg("line", { x1: mx, x2: mx, y1: 12, y2: H, class: "axis" }), svg("text", { x: mx + 2, y: 10 }, document.createTextNode(String(m + 1))));
    }
    progs.forEach((p, row) => {
      const y = 16 + row * rowH;
      root.append(svg("text", { x: 0, y: y + 12 }, document.createTextNode(t("dl-prog-" + p.replace(/_/g, "-")))));
      for (const it of data.items.filter((i) => i.program === p)) {
        const x1 = x(it.starts || it.due), x2 = x(it.due);
        const shape = svg("rect", { x: Math.min(x1, x2 - 3), y: y + 2, width: Math.max(x2 - x1, 3), height: rowH - 8, rx: 2, class: "bar-p p-" + p, opacity: it.own ? 0.6 : 1 });
        shape.append(svg("title", {}, document.createTextNode(it.title + " " + it.due.slice(0, 16).replace("T", " "))));
        root.append(shape);
      }
    });
    return root;
  }

  // --- units below ------------------------------------------------------------------------
  const chosenUnits = new Set();
  async function loadUnits() {
    const q = new URLSearchParams({ program: $("#units-program").value });
    if ($("#units-year").value) q.set("year", $("#units-year").value);
    let data;
    try { data = await api("units?" + q); } catch (e) { return fail(e); }
    $("#units-year").value = data.year;
    chosenUnits.clear();
    const body = $("#units-table tbody");
    body.replaceChildren(...data.units.map((u) => {
      const box = el("input", { type: "checkbox", value: u.id, "aria-label": u.name, disabled: u.late ? null : "disabled",
        onchange: (ev) => { ev.target.checked ? chosenUnits.add(u.id) : chosenUnits.delete(u.id); $("#units-send").disabled = chosenUnits.size === 0; } });
      const steps = Object.entries(u.steps).map(([k, d]) => t("ev-" + k.replace(/_/g, "-")) + " " + d.slice(5)).join("; ") || t("wa-units-no-steps");
      const next = u.next ? u.next.title + " " + u.next.due.slice(0, 10) : (u.last_passed ? t("wa-units-passed") : "—");
      return el("tr", { class: u.late ? "late" : "", "data-id": u.id }, el("td", {}, box),
        el("td", {}, u.name, el("span", { class: "reason", text: u.late ? t("wa-units-late") : t("wa-units-ontrack") })),
        el("td", { text: steps }), el("td", { text: next }));
    }));
    $("#units-empty").hidden = data.units.length > 0;
    $("#units-send").disabled = true;
    $("#units-chart").replaceChildren(progressChart(data));
  }
  function progressChart(data) {
    const W = 600, H = 160, pad = 28, s = data.series;
    const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", role: "img", "aria-label": t("wa-units-progress") });
    if (!s.length) return root;
    const max = Math.max(data.total, 1);
    const x = (i) => pad + (W - pad * 2) * (s.length > 1 ? i / (s.length - 1) : 0);
    const y = (n) => H - pad - (H - pad * 2) * n / max;
    root.append(svg("line", { x1: pad, x2: W - pad, y1: H - pad, y2: H - pad, class: "axis" }), svg("line", { x1: pad, x2: pad, y1: pad, y2: H - pad, class: "axis" }));
    root.append(svg("text", { x: 2, y: y(max) + 4 }, document.createTextNode(String(max))), svg("text", { x: 2, y: H - pad + 4 }, document.createTextNode("0")));
    root.append(svg("text", { x: pad, y: H - 8 }, document.createTextNode(s[0].day)), svg("text", { x: W - pad - 60, y: H - 8 }, document.createTextNode(s[s.length - 1].day)));
    root.append(svg("polyline", { class: "line", points: s.map((p, i) => x(i) + "," + y(p.units)).join(" ") }));
    return root;
  }
  async function sendNudge() {
    $("#units-send").disabled = true;
    try {
      const res = await api("units/nudge", { body: { program: $("#units-program").value, year: Number($("#units-year").value), units: Array.from(chosenUnits) } });
      notice(res.message);
      $("#units-log").replaceChildren(el("h2", { text: t("wa-units-log") }), ...res.results.map((r) => el("div", { class: "card log", "data-unit": r.unit },
        el("b", { text: r.name }), " · " + t("wa-log-sent") + " " + (r.log.sent || 0) + " · " + t("wa-log-failed") + " " + (r.log.failed || 0))));
    } catch (e) { fail(e); $("#units-send").disabled = chosenUnits.size === 0; }
  }

  // --- start ------------------------------------------------------------------------------
  function showTab(name) {
    for (const b of $$("#tabs button")) b.classList.toggle("on", b.dataset.tab === name);
    for (const p of $$(".page")) p.hidden = p.id !== "page-" + name;
    if (name === "deadlines") loadCalendar();
    if (name === "units") loadUnits();
    if (name === "roster" && !roster) loadLatestRoster();
  }
  async function start() {
    try { ME = await api("me"); } catch (e) { return fatal(e.message); }
    T = ME.texts;
    document.documentElement.lang = ME.lang;
    document.title = t("wa-title");
    $("#title").textContent = t("wa-title");
    $("#who").textContent = ME.unit ? ME.unit.name : "";
    for (const e of $$("[data-t]")) e.textContent = t(e.dataset.t);
    $("#app-search").placeholder = t("wa-search");
    $("#app-status").replaceChildren(el("option", { value: "", text: t("wa-filter-all") }),
      ...ME.statuses.map((s) => el("option", { value: s, text: t("card-st-" + s.replace(/_/g, "-")) })));
    $("#roster-kind").replaceChildren(el("option", { value: "", text: t("wa-roster-kind-auto") }),
      ...ME.kinds.map((k) => el("option", { value: k, text: t("roster-kind-short-" + k) })));
    const progOptions = () => ME.programs.map((p) => el("option", { value: p, text: t("dl-prog-" + p.replace(/_/g, "-")) }));
    $("#cal-program").replaceChildren(el("option", { value: "", text: t("wa-roster-all") }), ...progOptions());
    $("#units-program").replaceChildren(...progOptions());
    $("#units-program").value = "mutual_aid";
    $('#tabs [data-tab="units"]').hidden = !ME.below;
    [calYear, calMonth] = ME.today.split("-").map(Number);
    $("#tabs").addEventListener("click", (ev) => { if (ev.target.dataset.tab) showTab(ev.target.dataset.tab); });
    $("#app-status").addEventListener("change", loadApplications);
    let timer;
    $("#app-search").addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(loadApplications, 250); });
    $("#app-all").addEventListener("change", (ev) => {
      for (const b of $$("#app-table tbody input")) { b.checked = ev.target.checked; ev.target.checked ? selected.add(Number(b.value)) : selected.delete(Number(b.value)); }
      updateSelection();
    });
    $("#app-check").addEventListener("click", runCheck);
    $("#batch-form").addEventListener("submit", submitBatch);
    $("#roster-form").addEventListener("submit", uploadRoster);
    $("#roster-sev").addEventListener("change", renderRosterRows);
    $("#roster-code").addEventListener("change", renderRosterRows);
    $("#roster-report").addEventListener("click", () => download("roster/report", "report.xlsx"));
    $("#roster-fixed").addEventListener("click", () => download("roster/fixed?part=1", "fixed.xlsx"));
    $("#cal-prev").addEventListener("click", () => { calMonth--; if (calMonth < 1) { calMonth = 12; calYear--; } loadCalendar(); });
    $("#cal-next").addEventListener("click", () => { calMonth++; if (calMonth > 12) { calMonth = 1; calYear++; } loadCalendar(); });
    $("#cal-program").addEventListener("change", loadCalendar);
    $("#units-program").addEventListener("change", () => { $("#units-year").value = ""; loadUnits(); });
    $("#units-year").addEventListener("change", loadUnits);
    $("#units-send").addEventListener("click", sendNudge);
    document.body.dataset.ready = "1";
    await Promise.all([loadApplications(), loadBatches()]);
  }
  start();
})();
