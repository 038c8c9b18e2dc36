/** inline-secret must never print the secret it found: every message shows it masked. */
import { describe, expect, it } from 'vitest';
import { lintText } from '../src/lint.js';

const SECRETS = [
  'hunter2',
  's3cr3t-pw',
  'tok-12345-abcde',
  '8f14e45fceea167a5a36dedd4bea2543',
  'Z7QX2MVB4KJ3NP6W',
  'abcdef0123456789abcdef',
  'dXNlcjpodW50ZXIy',
  'MIIEfakeFAKE',
];

const MANIFESTS = `
apiVersion: v1
kind: Pod
metadata:
  name: leaky
spec:
  containers:
    - name: app
      image: app:1.0
      command: [app, --token]
      args: [tok-12345-abcde, --db-password=hunter2, "mysql -uroot -phunter2"]
      env:
        - name: DB_PASSWORD
          value: hunter2
        - name: DATABASE_URL
          value: postgresql://app:s3cr3t-pw@db:5432/app
        - name: API_KEY
          value: 8f14e45fceea167a5a36dedd4bea2543
        - name: AWS_ACCESS_KEY_ID
          value: AKIAZ7QX2MVB4KJ3NP6W
      readinessProbe:
        httpGet:
          path: /
          port: 8080
          httpHeaders:
            - name: Authorization
              value: Bearer abcdef0123456789abcdef
      livenessProbe:
        exec:
          command: [sh, -c, 'curl -H "Authorization: Basic dXNlcjpodW50ZXIy" localhost']
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: leaky
data:
  PASSWORD: hunter2
  app.properties: |
    db.password=hunter2
  key.pem: |
    -----BEGIN PRIVATE KEY-----
    MIIEfakeFAKEfakeFAKEfakeFAKEfakeFAKE
    -----END PRIVATE KEY-----
`;

describe('inline-secret masking', () => {
  it('reports every secret without printing it', () => {
    const results = lintText(MANIFESTS, { config: { extends: 'all', rules: {} }, rules: { 'inline-secret': 'error' } });
    const findings = results.files.flatMap((f) => f.findings).filter((f) => f.ruleId === 'inline-secret');
    expect(findings).toHaveLength(12);
    for (const finding of findings) {
      for (const secret of SECRETS) expect(finding.message, finding.message).not.toContain(secret);
      expect(finding.message).toContain('****');
    }
  });
});
