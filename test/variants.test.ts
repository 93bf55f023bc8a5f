// The variant matrix (src/targets/families.ts) on the facts it was built from: each family's settings
// plugin, per release. Each case is a namespace a node of that variant and release accepts or rejects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText } from './helpers.js';
import { familyAccepts, inferFamily, variantAvailability } from '../src/targets/availability.js';
import { parseVariant } from '../src/targets/variant-name.js';

function accepts(variant: string, namespace: string, release: string): boolean {
  const v = parseVariant(variant);
  assert.ok(v, variant);
  return familyAccepts(v.family, namespace, release, v);
}

test('variant names resolve to their family, whatever the flavour', () => {
  assert.deepEqual(
    [
      'aws-k8s-1.31',
      'aws-k8s-1.31-fips',
      'aws-k8s-1.31-nvidia-fips',
      'vmware-k8s-1.33-fips',
      'aws-ecs-2-nvidia',
      'aws-ecs-4',
      'aws-mantle-1-fips',
      'metal-dev',
      'aws-k8s',
    ].map((n) => parseVariant(n)?.family.id),
    ['aws-k8s', 'aws-k8s', 'aws-k8s-nvidia', 'vmware-k8s', 'aws-ecs-2', 'aws-ecs-4', 'aws-mantle-1', 'metal-dev', 'aws-k8s'],
  );
  assert.equal(parseVariant('vmware-k8s-1.31-nvidia'), undefined);
  assert.equal(parseVariant('aws-ecs-5'), undefined);
});

test('namespaces per family follow the settings plugins', () => {
  assert.equal(accepts('aws-k8s-1.31', 'ecs', '1.66.0'), false);
  assert.equal(accepts('aws-ecs-2', 'kubernetes', '1.66.0'), false);
  assert.equal(accepts('aws-ecs-1', 'boot', '1.40.0'), false);
  assert.equal(accepts('aws-ecs-1', 'oci-defaults', '1.14.0'), false);
  assert.equal(accepts('aws-ecs-1', 'oci-defaults', '1.15.0'), true);
  assert.equal(accepts('aws-k8s-1.31', 'nvidia-container-runtime', '1.66.0'), false);
  assert.equal(accepts('aws-k8s-1.31-nvidia', 'kubelet-dra-drivers', '1.66.0'), true);
  assert.equal(accepts('aws-k8s-1.28-nvidia', 'container-runtime', '1.19.0'), false);
  assert.equal(accepts('aws-k8s-1.28-nvidia', 'container-runtime', '1.20.0'), true);
  assert.equal(accepts('metal-dev', 'aws', '1.20.0'), false);
  assert.equal(accepts('vmware-k8s-1.24', 'aws', '1.10.0'), false);
  assert.equal(accepts('vmware-k8s-1.24', 'aws', '1.11.0'), true);
  assert.equal(accepts('aws-dev', 'cloudformation', '1.66.0'), true);
  assert.equal(accepts('aws-dev', 'updates', '1.55.0'), true);
  assert.equal(accepts('aws-dev', 'updates', '1.56.0'), false);
  assert.equal(accepts('aws-k8s-1.22', 'boot', '1.14.0'), false);
  assert.equal(accepts('aws-k8s-1.23', 'boot', '1.14.0'), true);
  assert.equal(accepts('aws-k8s-1.22', 'boot', '1.15.0'), true);
  assert.equal(accepts('aws-mantle-1', 'kubernetes', '1.66.0'), false);
  assert.equal(accepts('aws-mantle-1', 'updates', '1.66.0'), false);
  assert.equal(accepts('aws-ecs-4', 'image-verifier-plugins', '1.66.0'), true);
});

test('inference picks the first family that accepts every namespace; none for kubernetes with ecs', () => {
  assert.equal(inferFamily(['kubernetes', 'kernel'], '1.66.0')?.id, 'aws-k8s');
  assert.equal(inferFamily(['kubernetes', 'kubelet-device-plugins'], '1.66.0')?.id, 'aws-k8s-nvidia');
  assert.equal(inferFamily(['ecs'], '1.66.0')?.id, 'aws-ecs-2');
  assert.equal(inferFamily(['ecs', 'measurement'], '1.66.0')?.id, 'aws-ecs-3');
  assert.equal(inferFamily(['kubernetes', 'ecs'], '1.66.0'), undefined);
  const r = checkText('x.toml', '[settings.kubernetes]\ncluster-name = "a"\n[settings.ecs]\ncluster = "b"\n');
  assert.deepEqual(
    r.diagnostics.map((d) => [d.ruleId, d.line]),
    [['target/no-variant', 1]],
  );
  assert.match(r.diagnostics[0].message, /kubernetes is for Kubernetes variants and ecs for ECS variants/);
});

test('a concrete variant that did not exist in the release is a warning', () => {
  assert.match(variantAvailability(parseVariant('aws-k8s-1.31')!, '1.21.0') ?? '', /first shipped in Bottlerocket 1\.22\.0/);
  assert.match(variantAvailability(parseVariant('aws-ecs-1')!, '1.50.0') ?? '', /removed in Bottlerocket 1\.44\.0/);
  assert.match(
    variantAvailability(parseVariant('aws-k8s-1.28-fips')!, '1.26.0') ?? '',
    /FIPS variants first shipped in Bottlerocket 1\.27\.0/,
  );
  assert.equal(variantAvailability(parseVariant('aws-k8s-1.33')!, '1.66.0'), undefined);
  const r = checkText('x.toml', '[settings]\nmotd = "x"\n', { variant: 'metal-k8s-1.29', osVersion: '1.30.0' });
  assert.deepEqual(
    r.diagnostics.map((d) => [d.ruleId, d.severity]),
    [['target/variant-unavailable', 'warning']],
  );
});
