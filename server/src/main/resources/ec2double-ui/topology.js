// The picture of one account and region: VPCs (and their peerings), subnets by zone, instances;
// load balancers, listeners, rules, target groups and the targets' health; Auto Scaling groups.
import { h, list, tag, badge } from './dom.js';

export function renderTopology(root, place, onInstance) {
  root.replaceChildren();
  if (!place) return;
  // the user's networks first, the default VPC (six empty subnets, often) after them
  const vpcs = [...list(place.vpcs)].sort((a, b) => (a.isDefault === 'true') - (b.isDefault === 'true'));
  const subnets = list(place.subnets);
  const instances = list(place.instances);
  const groups = new Map(list(place.securityGroups).map((g) => [g.groupId, g]));
  if (!vpcs.length && !instances.length && !list(place.loadBalancers).length) {
    root.append(h('p', { class: 'empty' }, 'Nothing here yet: create a VPC or run an instance.'));
    return;
  }
  const network = h('div', { class: 'vpcs' });
  for (const vpc of vpcs) {
    network.append(vpcCard(vpc, place, subnets, instances, groups, onInstance));
  }
  const loose = instances.filter((i) => !vpcs.some((v) => v.vpcId === i.vpcId));
  if (loose.length) {
    network.append(h('div', { class: 'vpc' }, h('h3', {}, 'Outside any VPC'),
      h('div', { class: 'instances' }, loose.map((i) => instanceCard(i, groups, onInstance)))));
  }
  root.append(h('h2', {}, 'Networks'), network);
  const lbs = list(place.loadBalancers);
  if (lbs.length || list(place.targetGroups).length) {
    root.append(h('h2', {}, 'Load balancers'), loadBalancers(place, instances));
  }
  const asgs = list(place.autoScalingGroups);
  if (asgs.length) {
    root.append(h('h2', {}, 'Auto Scaling groups'), h('div', { class: 'asgs' }, asgs.map(asgCard)));
  }
}

function vpcCard(vpc, place, subnets, instances, groups, onInstance) {
  const mine = subnets.filter((s) => s.vpcId === vpc.vpcId);
  const zones = [...new Set(mine.map((s) => s.availabilityZone))].sort();
  const peerings = list(place.peerings).filter((p) =>
    [p.requesterVpcInfo?.vpcId, p.accepterVpcInfo?.vpcId].includes(vpc.vpcId)
    && !['deleted', 'rejected', 'expired', 'failed'].includes(p.status?.code));
  const nats = list(place.natGateways).filter((n) => n.vpcId === vpc.vpcId && n.state !== 'deleted');
  const name = tag(vpc, 'Name');
  return h('div', { class: 'vpc', 'data-testid': 'vpc', 'data-vpc-id': vpc.vpcId },
    h('h3', {},
      h('span', { class: 'id' }, vpc.vpcId), ' ', h('span', { class: 'cidr' }, vpc.cidrBlock),
      name ? h('span', { class: 'name' }, name) : null,
      vpc.isDefault === 'true' ? badge('default', 'muted') : null),
    peerings.length ? h('div', { class: 'peerings' }, peerings.map((p) => {
      const other = p.requesterVpcInfo?.vpcId === vpc.vpcId ? p.accepterVpcInfo?.vpcId : p.requesterVpcInfo?.vpcId;
      return h('span', { class: 'peering', 'data-testid': 'peering' },
        `⇄ ${other} `, badge(p.status?.code || '?'), ` ${p.vpcPeeringConnectionId}`);
    })) : null,
    nats.length ? h('div', { class: 'peerings' }, nats.map((n) =>
      h('span', { class: 'peering' }, `NAT ${n.natGatewayId} in ${n.subnetId} `, badge(n.state)))) : null,
    h('div', { class: 'zones' }, zones.map((z) => h('div', { class: 'zone' },
      h('h4', {}, z),
      mine.filter((s) => s.availabilityZone === z).map((s) => h('div', { class: 'subnet', 'data-subnet-id': s.subnetId },
        h('h5', {}, h('span', { class: 'id' }, s.subnetId), ' ', h('span', { class: 'cidr' }, s.cidrBlock),
          tag(s, 'Name') ? h('span', { class: 'name' }, tag(s, 'Name')) : null,
          s.mapPublicIpOnLaunch === 'true' ? badge('public', 'muted') : null),
        h('div', { class: 'instances' },
          instances.filter((i) => i.subnetId === s.subnetId).map((i) => instanceCard(i, groups, onInstance)))))))));
}

function instanceCard(i, groups, onInstance) {
  const state = i.instanceState?.name || '?';
  const name = tag(i, 'Name');
  return h('button', {
    class: `instance ${state}`, 'data-testid': 'instance', 'data-instance-id': i.instanceId,
    'data-state': state, onclick: () => onInstance(i),
  },
  h('div', { class: 'row' }, h('span', { class: 'id' }, i.instanceId), badge(state)),
  name ? h('div', { class: 'name' }, name) : null,
  h('div', { class: 'facts' }, `${i.instanceType} · ${i.privateIpAddress || 'no address'}`
    + (i.ipAddress ? ` · ${i.ipAddress}` : '')),
  h('div', { class: 'groups' }, list(i.groupSet).map((g) =>
    h('span', { class: 'sg', title: g.groupId }, g.groupName || groups.get(g.groupId)?.groupName || g.groupId))));
}

function loadBalancers(place, instances) {
  const listeners = list(place.listeners);
  const rules = list(place.rules);
  const tgs = list(place.targetGroups);
  const health = place.targetHealth || {};
  const names = new Map(instances.map((i) => [i.instanceId, tag(i, 'Name')]));
  const tgCard = (tg) => h('div', { class: 'tg', 'data-testid': 'target-group' },
    h('div', { class: 'row' }, h('strong', {}, tg.TargetGroupName), ` ${tg.Protocol || ''}:${tg.Port || ''} `,
      badge(tg.TargetType || 'instance', 'muted')),
    h('ul', { class: 'targets' }, list(health[tg.TargetGroupArn]).map((d) => {
      const state = d.TargetHealth?.State || '?';
      return h('li', { class: 'target', 'data-testid': 'target', 'data-health': state },
        `${d.Target?.Id}${names.get(d.Target?.Id) ? ` (${names.get(d.Target.Id)})` : ''}:${d.Target?.Port || ''} `,
        badge(state), d.TargetHealth?.Reason ? h('span', { class: 'reason' }, ` ${d.TargetHealth.Reason}`) : null);
    })));
  const used = new Set();
  const cards = list(place.loadBalancers).map((lb) => h('div', { class: 'lb', 'data-testid': 'load-balancer' },
    h('h3', {}, h('strong', {}, lb.LoadBalancerName), ' ', badge(lb.Type, 'muted'), ' ', badge(lb.State?.Code || '?'),
      ' ', badge(lb.Scheme, 'muted')),
    h('div', { class: 'dns' }, lb.DNSName),
    listeners.filter((l) => l.LoadBalancerArn === lb.LoadBalancerArn).map((l) => h('div', { class: 'listener' },
      h('div', { class: 'row' }, h('strong', {}, `${l.Protocol}:${l.Port}`)),
      h('ol', { class: 'rules' }, rules.filter((r) => r.ListenerArn === l.ListenerArn)
        .sort((a, b) => (a.Priority === 'default') - (b.Priority === 'default') || Number(a.Priority) - Number(b.Priority))
        .map((r) => h('li', {}, h('span', { class: 'prio' }, r.Priority), ' ', conditions(r), ' → ', actions(r, tgs)))),
      tgs.filter((tg) => forwardsTo(l, rules, tg.TargetGroupArn)).map((tg) => { used.add(tg.TargetGroupArn); return tgCard(tg); })))));
  const rest = tgs.filter((tg) => !used.has(tg.TargetGroupArn));
  return h('div', { class: 'lbs' }, cards,
    rest.length ? h('div', { class: 'lb' }, h('h3', {}, 'Target groups without a load balancer'), rest.map(tgCard)) : null);
}

function forwardsTo(listener, rules, arn) {
  const actions = [...list(listener.DefaultActions),
    ...rules.filter((r) => r.ListenerArn === listener.ListenerArn).flatMap((r) => list(r.Actions))];
  return actions.some((a) => a.TargetGroupArn === arn
    || list(a.ForwardConfig?.TargetGroups).some((t) => t.TargetGroupArn === arn));
}

function conditions(rule) {
  const cs = list(rule.Conditions);
  if (!cs.length) return h('span', { class: 'cond' }, 'anything');
  return h('span', { class: 'cond' }, cs.map((c) => {
    const config = Object.values(c).find((v) => v && typeof v === 'object' && !Array.isArray(v));
    const values = list(c.Values).length ? list(c.Values) : list(config?.Values);
    return `${c.Field} ${values.join(', ')}`;
  }).join(' and '));
}

function actions(rule, tgs) {
  return h('span', { class: 'act' }, list(rule.Actions).map((a) => {
    if (a.Type === 'forward') {
      const arns = a.TargetGroupArn ? [a.TargetGroupArn] : list(a.ForwardConfig?.TargetGroups).map((t) => t.TargetGroupArn);
      return `forward ${arns.map((arn) => tgs.find((t) => t.TargetGroupArn === arn)?.TargetGroupName || arn).join(', ')}`;
    }
    if (a.Type === 'redirect') return `redirect ${a.RedirectConfig?.Protocol || ''}:${a.RedirectConfig?.Port || ''} (${a.RedirectConfig?.StatusCode || ''})`;
    if (a.Type === 'fixed-response') return `fixed ${a.FixedResponseConfig?.StatusCode || ''}`;
    return a.Type;
  }).join('; '));
}

function asgCard(g) {
  return h('div', { class: 'asg', 'data-testid': 'auto-scaling-group' },
    h('h3', {}, h('strong', {}, g.AutoScalingGroupName), ` desired ${g.DesiredCapacity} (min ${g.MinSize}, max ${g.MaxSize})`),
    h('ul', {}, list(g.Instances).map((i) => h('li', {}, `${i.InstanceId} ${i.AvailabilityZone} `,
      badge(i.LifecycleState), ' ', badge(i.HealthStatus, 'muted')))));
}
