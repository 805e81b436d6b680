// The operators' console. It reads the switch's events (GET /v1/events, API.md) and calls the issuer's API
// (GET /v1/alerts, POST /v1/alerts/{id}/resolve, the unfreeze routes) through the gateway's relay at api/v1/…, which
// signs each call as the console's issuer channel once the operator is let in. Its only live feed is GET /v1/events.
"use strict";
(() => {
  const FEED_ROWS = 50, ALERT_ROWS = 50, WINDOW_S = 120, RATE_S = 10;
  const $ = (id) => document.getElementById(id);
  const seen = new Set();                 // event ids: delivery is at least once
  const perSecond = new Map();            // unix second -> [approved, declined]
  const reasons = new Map();
  const alerts = new Map();               // alertId -> alert
  let approved = 0, declined = 0, lastEventId = null;

  const status = (state, text) => { const s = $("status"); s.dataset.state = state; s.textContent = text; };
  const cell = (row, text, cls) => { const td = row.insertCell(); td.textContent = text ?? ""; if (cls) td.className = cls; return td; };
  const money = (m) => m ? (m.amount / 100).toFixed(2) + " " + m.currency : "";
  const time = (t) => t ? new Date(t).toLocaleTimeString() : "";
  const key = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");

  // --- chart -------------------------------------------------------------------------------------------------
  const chart = new uPlot({
    width: Math.max(300, $("chart").clientWidth), height: 200,
    scales: { x: { time: true } },
    series: [{}, { label: "approved", stroke: "#1a7f37", width: 2 }, { label: "declined", stroke: "#cf222e", width: 2 }],
    axes: [{}, { label: "per second" }],
  }, [[], [], []], $("chart"));

  function redraw() {
    const now = Math.floor(Date.now() / 1000), xs = [], ok = [], no = [];
    for (let t = now - WINDOW_S; t <= now; t++) { const v = perSecond.get(t) || [0, 0]; xs.push(t); ok.push(v[0]); no.push(v[1]); }
    for (const t of perSecond.keys()) if (t < now - WINDOW_S) perSecond.delete(t);
    chart.setData([xs, ok, no]);
    let recent = 0;
    for (let t = now - RATE_S + 1; t <= now; t++) { const v = perSecond.get(t); if (v) recent += v[0] + v[1]; }
    $("rate").textContent = (recent / RATE_S).toFixed(1);
  }
  setInterval(redraw, 1000);
  window.addEventListener("resize", () => chart.setSize({ width: Math.max(300, $("chart").clientWidth), height: 200 }));

  // --- decisions ---------------------------------------------------------------------------------------------
  function onDecision(e, d) {
    // Rates count arrivals at this page: live traffic, whatever clock the decision carries.
    const second = Math.floor(Date.now() / 1000);
    const slot = perSecond.get(second) || [0, 0];
    if (d.decision === "approved") { approved++; slot[0]++; } else { declined++; slot[1]++; reasons.set(d.reason || "unknown", (reasons.get(d.reason || "unknown") || 0) + 1); }
    perSecond.set(second, slot);
    $("approved").textContent = approved; $("declined").textContent = declined;
    const body = $("feed").tBodies[0], row = body.insertRow(0);
    row.dataset.authorizationId = d.authorizationId;
    cell(row, time(e.at)); cell(row, d.authorizationId); cell(row, e.accountId); cell(row, d.channel);
    cell(row, d.merchantId ?? d.merchant?.id); cell(row, money(d.amount), "num"); cell(row, d.decision, d.decision);
    const fired = (d.firings || []).map((f) => f.kind + (f.mode === "shadow" ? " (shadow)" : "")).join(", ");
    cell(row, [d.reason, fired].filter(Boolean).join(" · "));
    while (body.rows.length > FEED_ROWS) body.deleteRow(-1);
    const rb = $("reasons").tBodies[0]; rb.replaceChildren();
    [...reasons.entries()].sort((a, b) => b[1] - a[1]).forEach(([r, n]) => { const tr = rb.insertRow(); cell(tr, r); cell(tr, String(n), "num"); });
  }

  // --- alerts ------------------------------------------------------------------------------------------------
  function onAlert(a) { alerts.set(a.alertId, a); drawAlerts(); }
  function drawAlerts() {
    const body = $("alerts").tBodies[0]; body.replaceChildren();
    const list = [...alerts.values()].sort((a, b) => (b.createdAt > a.createdAt ? 1 : -1)).slice(0, ALERT_ROWS);
    $("alert-count").textContent = list.filter((a) => !a.outcome).length;
    for (const a of list) {
      const row = body.insertRow(); row.dataset.alertId = a.alertId;
      cell(row, time(a.createdAt)); cell(row, a.kind); cell(row, a.severity); cell(row, a.accountId); cell(row, a.cardId);
      cell(row, a.action); cell(row, a.outcome);
      const act = cell(row, "");
      if (!a.outcome) {
        button(act, "fraud", () => call("POST", `api/v1/alerts/${a.alertId}/resolve`, { outcome: "fraud" }).then(onAlert));
        button(act, "legitimate", () => call("POST", `api/v1/alerts/${a.alertId}/resolve`, { outcome: "legitimate" }).then(onAlert));
      }
      if (a.action === "card_frozen" && a.cardId) button(act, "unfreeze card", () => call("POST", `api/v1/cards/${a.cardId}/unfreeze`, {}));
      if (a.action === "account_frozen" && a.accountId) button(act, "unfreeze account", () => call("POST", `api/v1/accounts/${a.accountId}/unfreeze`, {}));
      if (a.action === "grant_suspended" && a.grantId) button(act, "resume grant", () => call("POST", `api/v1/grants/${a.grantId}/resume`, {}));
    }
  }
  function button(parent, text, onClick) { const b = document.createElement("button"); b.textContent = text; b.addEventListener("click", onClick); parent.appendChild(b); }

  async function call(method, path, body) {
    const headers = { "Content-Type": "application/json" };
    if (method !== "GET") headers["Idempotency-Key"] = key();
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    const answer = text ? JSON.parse(text) : {};
    $("action-result").textContent = response.ok ? `${method} ${path.replace("api", "")}: ${response.status}` : `${path.replace("api", "")}: ${response.status} ${answer.code || ""}`;
    if (!response.ok) throw new Error(answer.code || String(response.status));
    return answer;
  }

  $("unfreeze").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const form = new FormData(ev.target), target = form.get("target"), id = form.get("id");
    call("POST", `api/v1/${target}/${encodeURIComponent(id)}/${target === "grants" ? "resume" : "unfreeze"}`, {}).catch(() => {});
  });

  // --- events ------------------------------------------------------------------------------------------------
  function onEvent(type, id, data) {
    if (type !== "decision" && type !== "alert") return;
    if (id) { if (seen.has(id)) return; seen.add(id); lastEventId = id; }
    const e = JSON.parse(data);
    if (type === "decision") onDecision(e, e.decision ?? e); else onAlert(e.alert ?? e);
  }

  // SSE over fetch (so an error status is visible and Last-Event-ID can be sent on reconnect).
  async function followApi() {
    const headers = { Accept: "text/event-stream" };
    if (lastEventId) headers["Last-Event-ID"] = lastEventId;
    const response = await fetch("api/v1/events", { headers });
    if (!response.ok || !response.body) throw new Error(String(response.status));
    status("live", "live");
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error("closed");
      buffer += value;
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end); buffer = buffer.slice(end + 2);
        let type = "message", id = null; const data = [];
        for (const line of block.split("\n")) {
          if (line.startsWith("event:")) type = line.slice(6).trim();
          else if (line.startsWith("id:")) id = line.slice(3).trim();
          else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
        }
        if (data.length) onEvent(type, id, data.join("\n"));
      }
    }
  }

  async function loadAlerts() {
    const response = await fetch("api/v1/alerts?limit=" + ALERT_ROWS);
    if (response.ok) ((await response.json()).alerts || []).forEach((a) => alerts.set(a.alertId, a));
    drawAlerts();
  }

  async function follow() {
    loadAlerts().catch(() => {});
    for (;;) {
      try {
        await followApi();
      } catch {
        status("connecting", "reconnecting…");
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
  }
  redraw();
  follow();
})();
