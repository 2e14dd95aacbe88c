// Small DOM helpers: every text goes in through textContent, never as markup.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

// AWS lists come as arrays; an empty one comes as "" (an empty element).
export function list(x) {
  return Array.isArray(x) ? x : [];
}

export function tag(resource, key) {
  const t = list(resource.tagSet || resource.Tags).find((t) => (t.key || t.Key) === key);
  return t ? t.value || t.Value : undefined;
}

export function badge(text, kind) {
  return h('span', { class: `badge ${kind || text}` }, text);
}

export async function getJson(url) {
  const r = await fetch(url, { headers: { accept: 'application/json' } });
  if (!r.ok) throw new Error(`${url}: ${r.status}`);
  return r.json();
}
