// The dashboard: draws the state of the selected account and region, redraws it when the server
// says something changed (server-sent events), and keeps the request log live.
import { getJson } from './dom.js';
import { renderTopology } from './topology.js';
import { showInstance, closeInstance } from './instance.js';
import { RequestsView } from './requests.js';

const placeSelect = document.getElementById('place');
const topology = document.getElementById('topology');
const panel = document.getElementById('instance-panel');
const live = document.getElementById('live');
const requests = new RequestsView(document.getElementById('request-filter'),
  document.getElementById('request-rows'), document.getElementById('request-detail'),
  document.getElementById('request-count'));

let state = null;
let openInstance = null;
let loading = null;
let again = false;

function selected() {
  return state?.regions.find((r) => `${r.account}/${r.region}` === placeSelect.value) || state?.regions[0];
}

async function refresh() {
  if (loading) { again = true; return; }
  loading = getJson('api/state');
  try {
    state = await loading;
    const keep = placeSelect.value;
    placeSelect.replaceChildren(...state.regions.map((r) => new Option(`${r.account} / ${r.region}`, `${r.account}/${r.region}`)));
    if (state.regions.some((r) => `${r.account}/${r.region}` === keep)) placeSelect.value = keep;
    draw();
    document.body.dataset.changes = String(state.changes);
  } finally {
    loading = null;
    if (again) { again = false; refresh(); }
  }
}

function draw() {
  const place = selected();
  renderTopology(topology, place, (i) => { openInstance = i.instanceId; showInstance(panel, place, i); });
  if (openInstance && place) {
    const i = place.instances.find((x) => x.instanceId === openInstance);
    const badge = panel.querySelector('.panel-head .badge');
    if (i && badge) { badge.textContent = i.instanceState?.name; badge.className = `badge ${i.instanceState?.name}`; }
  }
}

placeSelect.addEventListener('change', () => { closeInstance(panel); openInstance = null; draw(); });

for (const tab of document.querySelectorAll('.tab')) {
  tab.addEventListener('click', () => {
    for (const t of document.querySelectorAll('.tab')) t.setAttribute('aria-selected', String(t === tab));
    for (const v of document.querySelectorAll('.view')) v.hidden = v.id !== tab.dataset.view;
    if (tab.dataset.view === 'requests') requests.reload();
  });
}

function connect() {
  const events = new EventSource('events');
  events.addEventListener('hello', () => { live.textContent = 'live'; live.classList.add('on'); refresh(); });
  events.addEventListener('state', () => refresh());
  events.addEventListener('request', (e) => requests.add(JSON.parse(e.data)));
  events.onerror = () => { live.textContent = 'reconnecting'; live.classList.remove('on'); };
}

refresh();
connect();
