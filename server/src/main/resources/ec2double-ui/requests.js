// The request log: every API call with time, action, caller, status, error code and latency,
// filterable, with its parameters and answer one click away; new calls arrive live.
import { h, getJson } from './dom.js';

const MAX_ROWS = 500;

export class RequestsView {
  constructor(form, rows, detail, count) {
    this.form = form;
    this.rows = rows;
    this.detail = detail;
    this.count = count;
    form.addEventListener('input', () => this.reload());
    form.addEventListener('submit', (e) => e.preventDefault());
  }

  filters() {
    const f = new FormData(this.form);
    return { action: f.get('action').trim(), status: f.get('status'), service: f.get('service') };
  }

  matches(r) {
    const f = this.filters();
    if (f.action && !(r.action || '').toLowerCase().includes(f.action.toLowerCase())) return false;
    if (f.status === 'ok' && r.errorCode) return false;
    if (f.status === 'error' && !r.errorCode) return false;
    if (f.service && r.service !== f.service) return false;
    return true;
  }

  async reload() {
    const f = this.filters();
    const q = new URLSearchParams({ limit: String(MAX_ROWS) });
    if (f.status) q.set('status', f.status);
    if (f.service) q.set('service', f.service);
    const { requests } = await getJson(`../requests?${q}`);
    this.rows.replaceChildren(...requests.filter((r) => this.matches(r)).map((r) => this.row(r)));
    this.counted();
  }

  add(r) {
    if (!this.matches(r)) return;
    this.rows.prepend(this.row(r));
    while (this.rows.children.length > MAX_ROWS) this.rows.lastChild.remove();
    this.counted();
  }

  counted() {
    const n = this.rows.children.length;
    this.count.textContent = `${n} ${n === 1 ? 'call' : 'calls'}`;
  }

  row(r) {
    const time = new Date(r.time);
    return h('tr', {
      class: r.errorCode ? 'failed' : 'ok', 'data-testid': 'request-row', 'data-action': r.action || '',
      onclick: () => this.open(r.seq),
    },
    h('td', { title: r.time }, time.toLocaleTimeString([], { hour12: false }) + `.${String(time.getMilliseconds()).padStart(3, '0')}`),
    h('td', {}, r.action || '(none)'),
    h('td', { title: r.accessKey || '' }, r.account || r.accessKey || ''),
    h('td', {}, String(r.status)),
    h('td', {}, r.errorCode || ''),
    h('td', { class: 'num' }, r.latencyMs.toFixed(1)));
  }

  async open(seq) {
    this.detail.hidden = false;
    this.detail.replaceChildren(h('p', {}, 'loading…'));
    try {
      const r = await getJson(`../requests/${seq}`);
      this.detail.replaceChildren(
        h('div', { class: 'panel-head' }, h('h3', {}, `${r.action} `, h('small', {}, r.requestId)),
          h('button', { class: 'close', 'aria-label': 'close', onclick: () => { this.detail.hidden = true; } }, '×')),
        h('p', {}, `${r.time} · ${r.service} · ${r.region} · account ${r.account} · ${r.status}`
          + (r.errorCode ? ` ${r.errorCode}` : '') + ` · ${r.latencyMs} ms`),
        h('h4', {}, 'Parameters'),
        h('table', { class: 'params', 'data-testid': 'request-parameters' },
          Object.entries(r.parameters).map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, v)))),
        h('h4', {}, 'Response'),
        h('pre', { class: 'xml', 'data-testid': 'request-response' }, indent(r.response)));
    } catch (e) {
      this.detail.replaceChildren(h('p', {}, `${e.message} (the log keeps the newest calls only)`));
    }
  }
}

// The answer's XML laid out one element per line, as it is easier to read (the log keeps it as sent).
export function indent(xml) {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  if (doc.querySelector('parsererror')) return xml;
  const lines = [];
  const walk = (el, depth) => {
    const pad = '  '.repeat(depth);
    const kids = [...el.children];
    if (!kids.length) {
      lines.push(`${pad}<${el.tagName}>${el.textContent}</${el.tagName}>`);
      return;
    }
    lines.push(`${pad}<${el.tagName}>`);
    kids.forEach((k) => walk(k, depth + 1));
    lines.push(`${pad}</${el.tagName}>`);
  };
  walk(doc.documentElement, 0);
  return lines.join('\n');
}
