/**
 * A placeholder in each category of value check is not judged, and counted; the same manifest
 * with the placeholders substituted by bad values gets a finding in every category, so each
 * silence below is the placeholder's doing.
 */
import { describe, expect, it } from 'vitest';
import { lintText } from '../src/lint.js';
import type { LintResults } from '../src/types.js';

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: \${NAME}
spec:
  replicas: \${REPLICAS}
  selector:
    matchLabels:
      app: \${SELECTED}
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:\${TAG}
          ports:
            - name: http
              containerPort: \${PORT}
          readinessProbe:
            httpGet:
              port: \${PROBE_PORT}
          resources:
            requests:
              cpu: \${CPU}
          env:
            - name: DB_PASSWORD
              value: \${PASSWORD}
          envFrom:
            - configMapRef:
                name: \${CONFIG}
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: \${SERVICE_APP}
  ports:
    - port: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web-grpc
spec:
  selector:
    app: web
  ports:
    - port: 81
      targetPort: \${TARGET_PORT}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: \${TARGET}
  minReplicas: 2
  maxReplicas: 4
---
apiVersion: v1
kind: Secret
metadata:
  name: db
stringData:
  password: \${SECRET}
`;

/** Bad values: each makes its rule fire. */
const BAD = {
  NAME: 'Web',
  REPLICAS: 'many',
  SELECTED: 'other',
  TAG: 'latest',
  PORT: 'eighty',
  PROBE_PORT: 'admin',
  CPU: 'lots',
  PASSWORD: 'hunter2hunter2',
  CONFIG: 'missing-settings',
  SERVICE_APP: 'api',
  TARGET_PORT: 'grpc',
  TARGET: 'api',
  SECRET: 'hunter2hunter2',
};

const CHECKS = [
  'dangling-reference',
  'hpa-target',
  'image-tag',
  'inline-secret',
  'invalid-name',
  'plaintext-secret',
  'probe-port',
  'schema',
  'selector-mismatch',
  'service-selector',
  'service-target-port',
];

function lintWith(vars?: Record<string, string>): LintResults {
  return lintText(MANIFEST, { filePath: 'all.yaml', extends: 'all', ...(vars ? { vars } : {}) });
}

function byRule(results: LintResults): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const f of results.files.flatMap((file) => file.findings)) {
    if (!CHECKS.includes(f.ruleId)) continue;
    out.set(f.ruleId, [...(out.get(f.ruleId) ?? []), f.line]);
  }
  return out;
}

describe('placeholders in every value check', () => {
  it('are reported once substituted by bad values', () => {
    const results = lintWith(BAD);
    expect(Object.fromEntries([...byRule(results)].sort())).toEqual({
      'dangling-reference': [32],
      'hpa-target': [63],
      'image-tag': [17],
      'inline-secret': [29],
      'invalid-name': [4],
      'plaintext-secret': [71],
      'probe-port': [23],
      schema: [6, 20, 26], // replicas (an integer), containerPort (an integer), cpu (a quantity)
      'selector-mismatch': [7],
      'service-selector': [39],
      'service-target-port': [53],
    });
    expect(results.summary.unjudgedValues).toBe(0);
  });

  it('are not judged, and counted, while unresolved', () => {
    const results = lintWith();
    expect([...byRule(results)]).toEqual([]);
    expect(results.summary.unjudgedValues).toBe(Object.keys(BAD).length);
  });

  it('are not judged when a variable is given but not this one', () => {
    const results = lintWith({ UNRELATED: 'x' });
    expect([...byRule(results)]).toEqual([]);
    expect(results.summary.unjudgedValues).toBe(Object.keys(BAD).length);
  });
});
