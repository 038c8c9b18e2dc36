/** unknown-kind's did-you-mean stays within the API group of the object. */
import { describe, expect, it } from 'vitest';
import { lintText } from '../src/lint.js';

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: { kind: Widget, plural: widgets, singular: widget, listKind: WidgetList }
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema: { type: object, x-kubernetes-preserve-unknown-fields: true }
`;

function messages(text: string): string[] {
  const results = lintText(text, { filePath: 'x.yaml', rules: { 'unknown-kind': 'warning' } });
  return results.files.flatMap((f) => f.findings.filter((x) => x.ruleId === 'unknown-kind').map((x) => `${x.line} ${x.message}`));
}

describe('unknown-kind did-you-mean', () => {
  it('suggests a close kind of the same group, in another version too', () => {
    const text = `${CRD}---\napiVersion: example.com/v2\nkind: Widgit\nmetadata: {name: a}\n---\napiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: b}\n`;
    expect(messages(text)).toEqual([
      '17 unknown kind "Widgit" in example.com/v2 (did you mean "Widget" in example.com/v1?)',
      '21 unknown kind "Deploymnet" in apps/v1 (did you mean "Deployment"?)',
    ]);
  });

  it('never suggests a kind of another group', () => {
    const text = `${CRD}---\napiVersion: ray.io/v1\nkind: RayService\nmetadata: {name: a}\n---\napiVersion: other.io/v1\nkind: Widgit\nmetadata: {name: b}\n`;
    expect(messages(text)).toEqual([
      '17 no schema for ray.io/v1 RayService: pass its CustomResourceDefinition with --crd or a schema folder with --schemas, or use --ignore-missing-schemas',
      '21 no schema for other.io/v1 Widgit: pass its CustomResourceDefinition with --crd or a schema folder with --schemas, or use --ignore-missing-schemas',
    ]);
  });
});
