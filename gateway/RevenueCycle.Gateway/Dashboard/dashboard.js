// The dashboard shell: every number comes from the gateway's JSON routes, called with the same API key as any app,
// so a key's scopes decide what it shows. Charts are SVG rendered by the service: no library, no CDN.
"use strict";

const KEY = "rcm-api-key";
const TILES = [
  ["claims", "Claims in the cohort", f => String(f.claims), f => "original claims first submitted in the period"],
  ["cleanClaimScrubber", "Clean claim rate: scrubber", f => pct(f.cleanClaimScrubber), f => of(f.cleanClaimScrubber, "claims")],
  ["cleanClaimAcceptance", "Clean claim rate: accepted first time", f => pct(f.cleanClaimAcceptance), f => of(f.cleanClaimAcceptance, "claims")],
  ["cleanClaimFirstPassPaid", "Clean claim rate: paid on first pass", f => pct(f.cleanClaimFirstPassPaid), f => of(f.cleanClaimFirstPassPaid, "answered")],
  ["initialDenialClaims", "Initial denial rate: claims", f => pct(f.initialDenialClaims), f => of(f.initialDenialClaims, "answered")],
  ["initialDenialDollars", "Initial denial rate: dollars", f => pct(f.initialDenialDollars), f => money(f.initialDenialDollars.numerator) + " of " + money(f.initialDenialDollars.denominator)],
  ["initialDenialLines", "Initial denial rate: lines", f => pct(f.initialDenialLines), f => of(f.initialDenialLines, "lines")],
  ["touchlessClaims", "Touchless claim rate", f => pct(f.touchlessClaims), f => of(f.touchlessClaims, "answered")],
  ["daysEncounterToClaim", "Days from encounter to claim", f => f.daysEncounterToClaim.value.toFixed(1), f => f.daysEncounterToClaim.count + " claims"],
  ["netDaysInAr", "Net days in A/R", f => f.netDaysInAr.value.toFixed(1), f => "net A/R " + money(f.netArCents) + " on net revenue " + money(f.netPatientServiceRevenueCents)],
  ["arOver90Days", "A/R over 90 days", f => pct(f.arOver90Days), f => money(f.arOver90Days.numerator) + " of " + money(f.arOver90Days.denominator)],
  ["netCollectionRate", "Net collection rate", f => pct(f.netCollectionRate), f => money(f.netCollectionRate.numerator) + " of " + money(f.netCollectionRate.denominator)],
  ["finalDenialWriteOffs", "Final denial write-offs", f => pct(f.finalDenialWriteOffs), f => money(f.finalDenialWriteOffs.numerator) + " of net revenue"],
];

// A tile's trend: the same figure week by week (the KPI route sliced by=week), drawn as a small line; a rate's
// percent, an average's value. Built with DOM calls, so the page's CSP needs no inline script or style.
const SVG = "http://www.w3.org/2000/svg";
function trendValue(f, id) {
  const v = f[id];
  return typeof v === "object" && v !== null ? Number(v.percent ?? v.value ?? 0) : Number(v || 0);
}
function trend(weeks, id) {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("class", "trend");
  svg.setAttribute("viewBox", "0 0 100 24");
  const values = weeks.map(w => trendValue(w, id));
  svg.dataset.points = values.join(",");
  svg.dataset.weeks = weeks.map(w => w.slice).join(",");
  if (values.length < 2) return svg;
  const max = Math.max(...values), min = Math.min(...values), span = max - min || 1;
  const line = document.createElementNS(SVG, "polyline");
  line.setAttribute("points", values.map((v, i) => (i * 100 / (values.length - 1)).toFixed(1) + "," + (22 - (v - min) * 20 / span).toFixed(1)).join(" "));
  svg.append(line);
  return svg;
}

// Each worklist: its route, the array in the answer, and the cells of a row (the claim id first). Ids, codes, dates and
// amounts only: no patient name or member id is shown, whatever the route returns.
const WORKLISTS = [
  ["coding", "Coding corrections", "/v1/coding/corrections", "tasks", t => [t.claimId, t.groupCode + "-" + t.reasonCode, t.procedureCode || ""]],
  ["front-end", "Front-end fixes", "/v1/eligibility/front-end-tasks", "tasks", t => [t.claimId, t.payerId, (t.status || "").replace("FRONT_END_TASK_STATUS_", "").toLowerCase()]],
  ["billing-denials", "Billing denials (appeal by)", "/v1/posting/denials/worklist/billing", "denials", d => [d.claimId, d.groupCode + "-" + d.reasonCode, d.appealDeadline ? day(d.appealDeadline) : ""]],
  ["rejections", "999 / 277CA rejections", "/v1/submission/claims?worklist=CLAIM_WORKLIST_REJECTED", "claims", c => [c.claimId, "version " + c.versions[0].versionNumber, ""]],
  ["filing-due", "Filing deadlines within 30 days", "/v1/submission/claims?worklist=CLAIM_WORKLIST_FILING_DUE", "claims", c => [c.claimId, c.filingDeadline ? c.filingDeadline.slice(0, 10) : "", ""]],
  ["unmatched", "Unmatched payments", "/v1/posting/unmatched", "items", u => [u.claimId, money(u.paidCents || 0), u.reason || ""]],
  ["underpayments", "Underpayments", "/v1/posting/underpayments", "items", u => [u.claimId, u.procedureCode || "", "short " + money(u.varianceCents || 0)]],
  // Files, not claims: answer files set aside (from the inbox or handed in; unreadable, an 835 not posted), by
  // the file id's first digits (rcm transmissions set-aside has the whole id), with the first reason: the 835's trace,
  // payer and amount, or an unreadable file's first located X12 error (these never quote the file's data).
  ["set-aside", "Answer files set aside", "/v1/submission/inbound/set-aside?pageSize=100", "files",
    f => [(f.fileId || "").slice(0, 12), (f.receivedAt || "").slice(0, 10),
      ((f.errors || [])[0] || f.kinds).replace(/^835 \d+ \(ST [^)]*\): not posted: /, "")],
    () => true, false],
  // Accounts, not claims: the patient-due balances the statement runs and the dunning cadence work (no claim to open).
  ["statements-due", "Patient balances due (statements)", "/v1/collections/accounts?pageSize=500", "accounts", a => [a.accountId, money(a.patientBalanceCents || 0), a.claims + " claims"],
    a => Number(a.patientBalanceCents || 0) > 0, false],
];

async function worklist([id, title, path, field, cells, keep = () => true, claims = true]) {
  const box = document.createElement("div");
  box.className = "worklist";
  box.dataset.worklist = id;
  const h = document.createElement("h3");
  box.append(h);
  try {
    const items = ((await (await call(path)).json())[field] || []).filter(keep).slice(0, 20);
    h.textContent = title + " (" + items.length + ")";
    const table = document.createElement("table");
    for (const item of items) {
      const [first, ...rest] = cells(item);
      const row = table.insertRow();
      if (claims) {
        const button = document.createElement("button");
        button.className = "claim"; button.type = "button"; button.textContent = first; button.dataset.claim = first;
        button.addEventListener("click", () => timeline(first));
        row.insertCell().append(button);
      } else {
        row.insertCell().textContent = first;
      }
      for (const text of rest) row.insertCell().textContent = text;
    }
    box.append(table);
  } catch (e) {
    h.textContent = title;
    box.append(document.createTextNode(e.message)); // e.g. the key may not call that service
  }
  return box;
}

async function timeline(claimId) {
  const claim = await (await call("/v1/submission/claims/" + encodeURIComponent(claimId))).json();
  document.getElementById("timeline-title").textContent = "Claim " + claim.claimId + (claim.payerClaimControlNumber ? " (payer ICN " + claim.payerClaimControlNumber + ")" : "");
  const rows = document.getElementById("timeline-rows");
  rows.replaceChildren();
  const events = claim.versions.flatMap(v => (v.history || []).map(h => [v.versionNumber, h.at || "", h.status || "", h.source, h.detail || ""]));
  events.sort((a, b) => a[1].localeCompare(b[1]));
  for (const [version, at, status, source, detail] of events) {
    const row = rows.insertRow();
    for (const text of [version, at.slice(0, 16).replace("T", " "), status.replace("CLAIM_STATUS_", "").toLowerCase(), source, detail]) row.insertCell().textContent = String(text);
  }
  // The patient only for a key with the "phi" scope (the gateway says which at /dashboard/session); never otherwise.
  const patient = document.getElementById("timeline-patient");
  const latest = claim.versions[0] && claim.versions[0].claim;
  patient.hidden = !(await session()).phi || !latest;
  patient.textContent = patient.hidden ? "" : "Patient " + [latest.patient?.name?.first, latest.patient?.name?.last].filter(Boolean).join(" ") +
    ", member id " + (latest.subscriber?.memberId || "");
  document.getElementById("timeline").hidden = false;
}

let who = null;
async function session() {
  if (!who) who = await (await call("/dashboard/session")).json();
  return who;
}

function day(d) { return d.year + "-" + String(d.month).padStart(2, "0") + "-" + String(d.day).padStart(2, "0"); }
// From the exact ratio, not the rounded percent (rounding twice would show 46.1% for 6 of 13).
function pct(rate) { const d = Number(rate.denominator); return (d === 0 ? 0 : 100 * Number(rate.numerator) / d).toFixed(1) + "%"; }
function of(rate, what) { return rate.numerator + " of " + rate.denominator + " " + what; }
function money(cents) { return "$" + (Number(cents) / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }); }

async function call(path) {
  const response = await fetch(path, { headers: { "x-api-key": sessionStorage.getItem(KEY) || "" } });
  if (response.status === 401) {
    sessionStorage.removeItem(KEY);
    showLogin();
    throw new Error("The API key was not accepted.");
  }
  if (!response.ok) {
    let message = response.status + " " + response.statusText;
    try { message = (await response.json()).message || message; } catch (_) { /* not JSON */ }
    throw new Error(message);
  }
  return response;
}

function query() {
  const params = new URLSearchParams();
  for (const name of ["from", "to"]) {
    const value = document.getElementById(name).value;
    if (value) params.set(name, value);
  }
  return params;
}

function tile(id, title, value, detail) {
  const div = document.createElement("div");
  div.className = "tile";
  div.dataset.kpi = id;
  const h = document.createElement("h2"); h.textContent = title;
  const v = document.createElement("p"); v.className = "value"; v.textContent = value;
  const d = document.createElement("p"); d.className = "detail"; d.textContent = detail;
  div.append(h, v, d);
  return div;
}

async function chart(target, by, mine) {
  const params = query(); params.set("by", by);
  const svg = await (await call("/v1/collections/kpis/denial-pareto?" + params)).text();
  if (mine !== loads) return;
  const parsed = new DOMParser().parseFromString(svg, "image/svg+xml").documentElement;
  document.getElementById(target).replaceChildren(document.importNode(parsed, true));
}

let loads = 0;

async function load() {
  const error = document.getElementById("error");
  error.hidden = true;
  const mine = ++loads; // a slower earlier load must not overwrite a newer one
  try {
    const kpis = await (await call("/v1/collections/kpis?" + query())).json();
    if (mine !== loads) return;
    const all = kpis.figures[0];
    document.getElementById("cohort").textContent = "Claims first submitted " + day(kpis.from) + " to " + day(kpis.to);
    const byWeek = query(); byWeek.set("by", "week");
    const weeks = (await (await call("/v1/collections/kpis?" + byWeek)).json()).figures || [];
    if (mine !== loads) return;
    document.getElementById("tiles").replaceChildren(...TILES.map(([id, title, value, detail]) => {
      const t = tile(id, title, value(all), detail(all));
      if (id !== "claims") t.append(trend(weeks, id));
      return t;
    }));
    await Promise.all([chart("pareto-root-cause", "root_cause", mine), chart("pareto-carc", "carc", mine),
      Promise.all(WORKLISTS.map(worklist)).then(boxes => { if (mine === loads) document.getElementById("worklists").replaceChildren(...boxes); })]);
    if (mine === loads) document.body.dataset.loaded = "true";
  } catch (e) {
    error.textContent = e.message;
    error.hidden = false;
  }
}

function showLogin() {
  document.getElementById("login").hidden = false;
  document.getElementById("board").hidden = true;
}

function showBoard() {
  document.getElementById("login").hidden = true;
  document.getElementById("board").hidden = false;
  load();
}

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("key-form").addEventListener("submit", e => {
    e.preventDefault();
    sessionStorage.setItem(KEY, document.getElementById("api-key").value);
    who = null; // another key, another scope
    showBoard();
  });
  document.getElementById("period").addEventListener("submit", e => { e.preventDefault(); load(); });
  document.getElementById("find-claim").addEventListener("submit", e => {
    e.preventDefault();
    timeline(document.getElementById("claim-id").value.trim()).catch(err => {
      const error = document.getElementById("error"); error.textContent = err.message; error.hidden = false;
    });
  });
  if (sessionStorage.getItem(KEY)) showBoard(); else showLogin();
});
