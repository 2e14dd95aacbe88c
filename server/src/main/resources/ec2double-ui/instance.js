// One instance in a side panel: its facts, metadata options, volumes, user data, and its console
// output, which follows as it grows while the panel is open.
import { h, list, tag, badge, getJson } from './dom.js';

let following = null;

export function closeInstance(panel) {
  clearInterval(following);
  following = null;
  panel.hidden = true;
  panel.replaceChildren();
}

export function showInstance(panel, place, i) {
  closeInstance(panel);
  const q = `instance=${encodeURIComponent(i.instanceId)}&account=${encodeURIComponent(place.account)}`
    + `&region=${encodeURIComponent(place.region)}`;
  const consoleOut = h('pre', { class: 'console', 'data-testid': 'console' }, '…');
  const userData = h('pre', { class: 'userdata', 'data-testid': 'user-data' }, '…');
  const m = i.metadataOptions || {};
  panel.append(
    h('div', { class: 'panel-head' },
      h('h3', {}, i.instanceId, ' ', badge(i.instanceState?.name || '?')),
      h('button', { class: 'close', 'aria-label': 'close', onclick: () => closeInstance(panel) }, '×')),
    tag(i, 'Name') ? h('p', { class: 'name' }, tag(i, 'Name')) : null,
    facts([
      ['type', i.instanceType], ['image', i.imageId], ['zone', i.placement?.availabilityZone],
      ['VPC', i.vpcId], ['subnet', i.subnetId], ['private IP', i.privateIpAddress],
      ['public IP', i.ipAddress], ['private DNS', i.privateDnsName], ['key pair', i.keyName],
      ['launched', i.launchTime], ['role', i.iamInstanceProfile?.arn],
      ['security groups', list(i.groupSet).map((g) => `${g.groupName} (${g.groupId})`).join(', ')],
      ['lifecycle', i.instanceLifecycle],
    ]),
    h('h4', {}, 'Metadata options'),
    facts([['tokens', m.httpTokens], ['endpoint', m.httpEndpoint], ['hop limit', m.httpPutResponseHopLimit],
      ['tags in metadata', m.instanceMetadataTags]]),
    h('h4', {}, 'Volumes'),
    h('ul', { class: 'volumes' }, list(i.blockDeviceMapping).map((b) =>
      h('li', {}, `${b.deviceName} ${b.ebs?.volumeId || ''} `, badge(b.ebs?.status || '?', 'muted')))),
    h('h4', {}, 'User data'), userData,
    h('h4', {}, 'Console output'), consoleOut);
  panel.hidden = false;
  getJson(`api/user-data?${q}`).then((r) => { userData.textContent = r.userData || '(none)'; })
    .catch((e) => { userData.textContent = e.message; });
  const follow = async () => {
    try {
      const r = await getJson(`api/console?${q}`);
      const atEnd = consoleOut.scrollTop + consoleOut.clientHeight >= consoleOut.scrollHeight - 4;
      if (consoleOut.textContent !== (r.output || '(nothing yet)')) {
        consoleOut.textContent = r.output || '(nothing yet)';
        if (atEnd) consoleOut.scrollTop = consoleOut.scrollHeight;
      }
    } catch (e) {
      consoleOut.textContent = e.message;
    }
  };
  follow();
  following = setInterval(follow, 2000);
}

function facts(rows) {
  return h('dl', { class: 'facts' }, rows.filter(([, v]) => v !== undefined && v !== '')
    .flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, String(v))]));
}
