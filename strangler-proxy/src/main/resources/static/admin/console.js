// The migration console's script: polls the admin API and renders what it answers (every value escaped).
const csrf = {header: document.querySelector('meta[name=csrf-header]').content, token: document.querySelector('meta[name=csrf]').content};
let selected = null, routes = [];
const lagHistory = {}; // route id -> sync lag in seconds at each refresh (null: no sync status), newest last
const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]));
const pct = r => (r * 100).toFixed(2) + '%';
async function api(path, options = {}) {
  const headers = Object.assign({'Accept': 'application/json'}, options.headers || {});
  if (options.body) { headers['Content-Type'] = 'application/json'; headers[csrf.header] = csrf.token; }
  const response = await fetch('/admin/api' + path, Object.assign({}, options, {headers, credentials: 'same-origin'}));
  const body = response.headers.get('Content-Type')?.includes('json') ? await response.json() : await response.text();
  return {status: response.status, body};
}
function row(route) {
  const id = esc(route.id);
  return `<tr data-route="${id}" class="${route.id === selected ? 'selected' : ''}">
    <td><a href="#" class="select" data-route="${id}">${id}</a></td><td>${esc(route.module)}</td>
    <td><span class="mode ${esc(route.mode)}" data-mode>${esc(route.mode)}</span></td><td data-percent>${esc(route.percent)}</td>
    <td><span class="breaker ${esc(route.legacyBreaker)}" data-breaker>${esc(route.legacyBreaker)}</span></td>
    <td>${esc(new Date(route.updatedAt).toLocaleString())}<br><small>${esc(route.updatedBy)}</small></td>
    <td class="flip"><select name="mode"><option>LEGACY</option><option>SHADOW</option><option>CANARY</option><option>NEW</option></select>
      <input type="number" name="percent" min="0" max="100" step="0.01" placeholder="%">
      <input type="text" name="reason" placeholder="why (required)">
      <label><input type="checkbox" name="force"> force</label>
      <button class="apply" data-route="${id}">Apply</button>
      <button class="rollback" data-route="${id}" title="Everything back to legacy now">Back to LEGACY</button></td></tr>`;
}
async function loadRoutes() {
  const {status, body} = await api('/routes');
  if (status !== 200) return;
  routes = body; if (!selected && routes.length) selected = routes[0].id;
  const tbody = document.querySelector('#routes tbody');
  const editing = tbody.contains(document.activeElement);
  if (!editing) tbody.innerHTML = routes.map(row).join('');
  else routes.forEach(r => { const tr = tbody.querySelector(`tr[data-route="${CSS.escape(r.id)}"]`);
    if (tr) { tr.querySelector('[data-mode]').textContent = r.mode; tr.querySelector('[data-mode]').className = 'mode ' + r.mode; tr.querySelector('[data-percent]').textContent = r.percent;
      tr.querySelector('[data-breaker]').textContent = r.legacyBreaker; tr.querySelector('[data-breaker]').className = 'breaker ' + r.legacyBreaker; } });
  document.getElementById('selected-route').textContent = selected;
}
async function flip(routeId, change) {
  const message = document.getElementById('message');
  if (!change.reason) { message.className = 'bad'; message.textContent = 'A reason is required.'; return; }
  const {status, body} = await api('/routes/' + encodeURIComponent(routeId), {method: 'PUT', body: JSON.stringify(change)});
  if (status === 200) {
    message.className = 'ok'; message.textContent = `${routeId} is now ${body.mode}${body.mode === 'CANARY' ? ' ' + body.percent + '%' : ''}.`;
    document.querySelectorAll(`#routes tr[data-route="${CSS.escape(routeId)}"] input`).forEach(input => { if (input.type === 'checkbox') input.checked = false; else input.value = ''; });
    document.activeElement?.blur();
  }
  else { message.className = 'bad'; message.textContent = `${status}: ` + (body.failures ? body.failures.join('; ') : (body.detail || body.title || body)); }
  await refresh();
}
document.addEventListener('click', async event => {
  const target = event.target;
  if (target.classList.contains('select')) { event.preventDefault(); selected = target.dataset.route; document.getElementById('diff-viewer').innerHTML = ''; await refresh(); }
  if (target.classList.contains('apply')) {
    const tr = target.closest('tr');
    const percent = tr.querySelector('[name=percent]').value;
    await flip(target.dataset.route, {mode: tr.querySelector('[name=mode]').value, percent: percent === '' ? null : Number(percent),
      reason: tr.querySelector('[name=reason]').value.trim(), force: tr.querySelector('[name=force]').checked});
  }
  if (target.classList.contains('rollback')) {
    const reason = target.closest('tr').querySelector('[name=reason]').value.trim() || prompt('Why go back to LEGACY?');
    if (reason) await flip(target.dataset.route, {mode: 'LEGACY', reason, force: false});
  }
  if (target.classList.contains('show-diff')) showDiff(JSON.parse(target.dataset.sample));
});
function chart(title, series, max) {
  const w = 300, h = 90, points = series[0].values.length;
  const top = Math.max(max ?? 0, ...series.flatMap(s => s.values), 1e-9);
  const lines = series.map(s => `<polyline fill="none" stroke="${s.color}" stroke-width="1.5" points="${s.values.map((v, i) =>
    `${points < 2 ? 0 : (i * w / (points - 1)).toFixed(1)},${(h - 4 - v / top * (h - 8)).toFixed(1)}`).join(' ')}"/>`).join('');
  const legend = series.map(s => `<span style="color:${s.color}">■ ${esc(s.name)} ${s.format(s.values.at(-1) ?? 0)}</span>`).join('');
  return `<div class="chart"><h3>${esc(title)}</h3><svg viewBox="0 0 ${w} ${h}" preserveAspectRatio="none">${lines}</svg><div class="legend">${legend}</div></div>`;
}
async function loadCharts() {
  if (!selected) return;
  const {status, body} = await api('/routes/' + encodeURIComponent(selected) + '/traffic');
  if (status !== 200) return;
  const rps = v => v.toFixed(1) + '/s', ms = v => v.toFixed(1) + ' ms';
  document.getElementById('charts').innerHTML =
    chart('Requests per second', [{name: 'legacy', color: '#6e7781', values: body.map(p => p.legacyRps), format: rps},
                                  {name: 'new', color: '#1a7f37', values: body.map(p => p.newRps), format: rps}]) +
    chart('Error rate (5xx)', [{name: 'errors', color: '#b42318', values: body.map(p => p.errorRate), format: pct}], 0.05) +
    chart('p95 latency', [{name: 'p95', color: '#1f6feb', values: body.map(p => p.p95Ms), format: ms}]) +
    chart('Shadow difference rate', [{name: 'new vs legacy', color: '#bc4c00', values: body.map(p => p.shadowDifferenceRate), format: pct},
                                     {name: 'legacy noise', color: '#8250df', values: body.map(p => p.shadowNoiseRate), format: pct}], 0.05) +
    chart('Sync lag', [{name: (lagHistory[selected] ?? []).at(-1) == null ? 'no sync status' : 'lag', color: '#0a7d6e',
      values: (lagHistory[selected] ?? []).map(v => v ?? 0), format: v => v.toFixed(1) + ' s'}]);
}
async function loadSamples() {
  if (!selected) return;
  const {status, body} = await api('/routes/' + encodeURIComponent(selected) + '/shadow');
  if (status !== 200) return;
  document.querySelector('#samples tbody').innerHTML = body.samples.map(s => `<tr><td>${esc(new Date(s.at).toLocaleTimeString())}</td>
    <td>${esc(s.kind)}</td><td>${esc(s.method)} ${esc(s.legacyUrl)} → ${esc(s.newUrl)}</td><td>${esc(s.fields.map(f => f.field).join(', '))}</td>
    <td><button class="show-diff" data-sample="${esc(JSON.stringify(s))}">diff</button></td></tr>`).join('') ||
    '<tr><td colspan="5">No differing samples.</td></tr>';
}
function showDiff(sample) {
  const rows = sample.fields.map(f => `<tr data-field="${esc(f.field)}"><th>${esc(f.field)}</th>
    <td class="legacy"><pre>${esc(f.legacy)}</pre></td><td class="new"><pre>${esc(f.other)}</pre></td></tr>`).join('');
  document.getElementById('diff-viewer').innerHTML = `<h3>${esc(sample.method)} ${esc(sample.legacyUrl)} → ${esc(sample.newUrl)}:
    ${sample.fields.length} field(s) differ</h3>
    <table class="diff"><thead><tr><th>Field</th><th>legacy (${sample.legacyStatus})</th>
    <th>${sample.kind === 'noise' ? 'legacy again' : 'new'} (${sample.otherStatus})</th></tr></thead><tbody>${rows}</tbody></table>`;
}
async function loadHistory() {
  if (!selected) return;
  const {status, body} = await api('/routes/' + encodeURIComponent(selected) + '/history');
  if (status !== 200) return;
  document.querySelector('#history tbody').innerHTML = body.map(e => `<tr><td>${esc(new Date(e.at).toLocaleString())}</td>
    <td>${esc(e.actor)}${e.automatic ? ' (automatic)' : ''}</td><td>${esc(e.fromMode)} ${esc(e.fromPercent)}</td>
    <td>${esc(e.toMode)} ${esc(e.toPercent)}${e.forced ? ' (forced)' : ''}</td><td>${esc(e.reason)}</td></tr>`).join('');
}
async function loadMigration() {
  const {status, body} = await api('/migration');
  if (status !== 200) return;
  body.forEach(m => { const h = lagHistory[m.route] ??= []; h.push(m.syncLagSeconds); if (h.length > 120) h.shift(); });
  const reconciled = r => r ? `${new Date(r.at).toLocaleString()}: ${r.driftRows} drifting rows` : 'never';
  document.querySelector('#migration tbody').innerHTML = body.map(m => `<tr><td>${esc(m.module)}</td><td>${esc(m.mode)}</td>
    <td>${esc(m.systemOfRecord)}</td><td>${m.syncLagSeconds == null ? 'no sync status' : m.syncLagSeconds.toFixed(1) + ' s'}</td>
    <td>${esc(reconciled(m.lastReconciliation))}${m.lastReconciliation ? ` <a href="/admin/api/sync/${encodeURIComponent(m.module)}/reconciliation">report</a>` : ''}</td>
    <td>${m.shadowComparisons}</td><td>${pct(m.shadowDifferenceRate)}</td><td>${pct(m.shadowNoiseRate)}</td><td>${pct(m.shadowAdjustedDifferenceRate)}</td></tr>`).join('');
}
async function refresh() { await loadRoutes(); await Promise.all([loadCharts(), loadSamples(), loadHistory(), loadMigration()]); }
refresh(); setInterval(refresh, 3000);
