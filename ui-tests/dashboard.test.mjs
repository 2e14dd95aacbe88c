// The dashboard in headless Chromium against a running server (UI_TEST_ENDPOINT, mock backend is
// enough: the page shows what the API answers). Run by .ci/ui.sh.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const endpoint = process.env.UI_TEST_ENDPOINT || 'http://127.0.0.1:4750';
const shots = process.env.UI_TEST_SCREENSHOTS; // a directory: the docs' pictures are taken there
const region = 'us-east-1';
let browser;
let page;

// An API call as any SDK makes it; the server (without --strict-auth) reads the scope, not the
// signature.
async function call(service, version, action, params = {}) {
  const body = new URLSearchParams({ Action: action, Version: version, ...params });
  const r = await fetch(endpoint + '/', {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      authorization: `AWS4-HMAC-SHA256 Credential=AKIDUITEST/20261203/${region}/${service}/aws4_request, SignedHeaders=host, Signature=00`,
    },
    body,
  });
  return { status: r.status, xml: await r.text() };
}
const ec2 = (action, params) => call('ec2', '2016-11-15', action, params);
const elb = (action, params) => call('elasticloadbalancing', '2015-12-01', action, params);
function field(xml, name) {
  const m = xml.match(new RegExp(`<${name}>([^<]*)</${name}>`));
  assert.ok(m, `no <${name}> in ${xml}`);
  return m[1];
}

const world = {};

before(async () => {
  const vpc = await ec2('CreateVpc', { CidrBlock: '10.42.0.0/16', 'TagSpecification.1.ResourceType': 'vpc',
    'TagSpecification.1.Tag.1.Key': 'Name', 'TagSpecification.1.Tag.1.Value': 'ui-test' });
  world.vpc = field(vpc.xml, 'vpcId');
  world.subnets = [];
  for (const [i, zone] of ['us-east-1a', 'us-east-1b'].entries()) {
    const s = await ec2('CreateSubnet', { VpcId: world.vpc, CidrBlock: `10.42.${i}.0/24`, AvailabilityZone: zone });
    world.subnets.push(field(s.xml, 'subnetId'));
  }
  const ami = field((await ec2('DescribeImages', { 'Filter.1.Name': 'name', 'Filter.1.Value.1': 'debian-12-amd64' })).xml, 'imageId');
  world.instances = [];
  for (const [i, subnet] of world.subnets.entries()) {
    const r = await ec2('RunInstances', { ImageId: ami, MinCount: '1', MaxCount: '1', InstanceType: 't3.micro',
      SubnetId: subnet, UserData: Buffer.from(`#!/bin/sh\necho web-${i + 1}\n`).toString('base64'),
      'TagSpecification.1.ResourceType': 'instance', 'TagSpecification.1.Tag.1.Key': 'Name',
      'TagSpecification.1.Tag.1.Value': `web-${i + 1}` });
    world.instances.push(field(r.xml, 'instanceId'));
  }
  const tg = await elb('CreateTargetGroup', { Name: 'ui-test-web', Protocol: 'HTTP', Port: '80', VpcId: world.vpc });
  world.tg = field(tg.xml, 'TargetGroupArn');
  const lb = await elb('CreateLoadBalancer', { Name: 'ui-test-alb', 'Subnets.member.1': world.subnets[0],
    'Subnets.member.2': world.subnets[1] });
  world.lb = field(lb.xml, 'LoadBalancerArn');
  await elb('CreateListener', { LoadBalancerArn: world.lb, Protocol: 'HTTP', Port: '80',
    'DefaultActions.member.1.Type': 'forward', 'DefaultActions.member.1.TargetGroupArn': world.tg });
  await elb('RegisterTargets', { TargetGroupArn: world.tg, 'Targets.member.1.Id': world.instances[0],
    'Targets.member.2.Id': world.instances[1] });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  page.on('pageerror', (e) => { throw e; });
  await page.goto(`${endpoint}/_ec2double/ui/`);
});

after(async () => {
  await browser?.close();
  for (const id of world.instances || []) await ec2('TerminateInstances', { 'InstanceId.1': id });
  if (world.lb) await elb('DeleteLoadBalancer', { LoadBalancerArn: world.lb });
});

test('the picture shows the VPC with its two instances and the ALB with both targets', async () => {
  const vpc = page.locator(`[data-testid=vpc][data-vpc-id="${world.vpc}"]`);
  await vpc.waitFor();
  await assertEventually(async () => assert.equal(await vpc.locator('[data-testid=instance]').count(), 2));
  assert.match(await vpc.locator('h3').innerText(), /10\.42\.0\.0\/16/);
  assert.match(await vpc.innerText(), /web-1/);
  assert.match(await vpc.innerText(), /us-east-1b/);
  const lb = page.locator('[data-testid=load-balancer]', { hasText: 'ui-test-alb' });
  await lb.waitFor();
  assert.match(await lb.innerText(), /HTTP:80/);
  assert.equal(await lb.locator('[data-testid=target]').count(), 2);
  await page.locator('[data-testid=live]', { hasText: 'live' }).waitFor();
  if (shots) await page.screenshot({ path: `${shots}/dashboard-topology.png`, fullPage: true });
});

test('a state change appears without a reload', async () => {
  await page.evaluate(() => { window.sameDocument = true; });
  const card = page.locator(`[data-testid=instance][data-instance-id="${world.instances[1]}"]`);
  assert.equal(await card.getAttribute('data-state'), 'running');
  const r = await ec2('StopInstances', { 'InstanceId.1': world.instances[1] });
  assert.equal(r.status, 200, r.xml);
  await page.locator(`[data-testid=instance][data-instance-id="${world.instances[1]}"][data-state=stopped]`)
    .waitFor({ timeout: 20_000 });
  assert.equal(await page.evaluate(() => window.sameDocument), true, 'the page was reloaded');
});

test('an instance shows its user data and console output', async () => {
  await page.locator(`[data-testid=instance][data-instance-id="${world.instances[0]}"]`).click();
  const panel = page.locator('[data-testid=instance-panel]');
  await panel.waitFor();
  await page.locator('[data-testid=user-data]', { hasText: 'echo web-1' }).waitFor();
  await assertEventually(async () =>
    assert.notEqual(await panel.locator('[data-testid=console]').innerText(), '…'));
  if (shots) await page.screenshot({ path: `${shots}/dashboard-instance.png` });
  await panel.locator('.close').click();
});

test('the request log lists calls live, failed ones with their code, bodies one click away', async () => {
  await page.locator('.tab[data-view=requests]').click();
  await page.locator('[data-testid=request-row][data-action=StopInstances]').first().waitFor();
  const bad = await ec2('TerminateInstances', { 'InstanceId.1': 'i-0000000000000dead' });
  assert.equal(bad.status, 400);
  const row = page.locator('[data-testid=request-row][data-action=TerminateInstances]', { hasText: 'InvalidInstanceID.NotFound' });
  await row.first().waitFor();
  await page.locator('[data-testid=filter-status]').selectOption('error');
  await assertEventually(async () => {
    const actions = await page.locator('[data-testid=request-row]').evaluateAll((rows) => rows.map((r) => r.dataset.action));
    assert.ok(actions.length > 0 && !actions.includes('StopInstances'), actions.join());
  });
  await row.first().click();
  await page.locator('[data-testid=request-parameters]', { hasText: 'i-0000000000000dead' }).waitFor();
  assert.match(await page.locator('[data-testid=request-response]').innerText(), /<Code>InvalidInstanceID\.NotFound<\/Code>/);
  if (shots) await page.screenshot({ path: `${shots}/dashboard-requests.png` });
});

async function assertEventually(check, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
