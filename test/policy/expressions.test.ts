/** What an expression reads, from its text: CEL variables, policy variables, the field of `object`. */
import { describe, expect, it } from 'vitest';
import { neededVariables, objectFieldOf, rootsOf, usesOf } from '../../src/policy/expressions.js';
import type { NamedExpression } from '../../src/policy/model.js';

const variables: NamedExpression[] = [
  { name: 'containers', expression: { text: 'object.spec.template.spec.containers', path: [] } },
  { name: 'images', expression: { text: 'variables.containers.map(c, c.image)', path: [] } },
  { name: 'env', expression: { text: "namespaceObject.metadata.labels['environment']", path: [] } },
];

describe('expressions', () => {
  it('finds the CEL variables used, not words inside strings', () => {
    expect([...usesOf('object.metadata.name == \'authorizer\' && request.operation == "CREATE"').roots].sort()).toEqual([
      'object',
      'request',
    ]);
    expect([...usesOf("authorizer.group('apps').check('create').allowed()").roots]).toEqual(['authorizer']);
    expect([...usesOf('x.object == 1').roots]).toEqual([]);
  });

  it('follows policy variables to the variables and CEL variables they use', () => {
    expect(neededVariables('variables.images.all(i, i.startsWith(variables.env))', variables)).toEqual(['containers', 'images', 'env']);
    expect([...rootsOf('variables.images.size() > 0', variables)].sort()).toEqual(['object', 'variables']);
    expect([...rootsOf('variables.env == "prod"', variables)].sort()).toEqual(['namespaceObject', 'variables']);
  });

  it('points at the longest field of object read, not at methods', () => {
    expect(objectFieldOf('object.spec.replicas <= params.maxReplicas', [])).toEqual(['spec', 'replicas']);
    expect(objectFieldOf("object.metadata.name.startsWith('demo')", [])).toEqual(['metadata', 'name']);
    expect(
      objectFieldOf(
        "has(object.metadata.labels) && 'owner' in object.metadata.labels && object.metadata.labels.owner.endsWith('.com')",
        [],
      ),
    ).toEqual(['metadata', 'labels', 'owner']);
    expect(objectFieldOf('variables.images.all(i, i != "")', variables)).toEqual(['spec', 'template', 'spec', 'containers']);
    expect(objectFieldOf('params.x > 1', variables)).toEqual([]);
  });
});
