import { describe, expect, it } from 'vitest';
import {
  findSecretsInArgs,
  findSecretsInText,
  findShapedSecrets,
  isLiteral,
  isSecretName,
  isSopsValue,
  maskSecret,
  nameWords,
  namedSecret,
  secretsInValue,
} from '../../src/k8s/secrets.js';

const kinds = (text: string): string[] => findShapedSecrets(text).map((m) => m.kind);

describe('maskSecret', () => {
  it('hides short secrets and their length entirely', () => {
    expect(maskSecret('hunter2')).toBe('****');
    expect(maskSecret('a-much-longer-password')).toBe('****');
  });
  it('keeps only a public prefix, and always hides at least four characters', () => {
    expect(maskSecret('AKIAZZZZ2222ZZZZ2222', 4)).toBe('AKIA****');
    expect(maskSecret('ghp_x', 4)).toBe('g****');
  });
});

describe('nameWords', () => {
  it('splits snake, kebab, dotted and camel case', () => {
    expect(nameWords('DB_PASSWORD')).toEqual(['DB', 'PASSWORD']);
    expect(nameWords('dbPassword')).toEqual(['DB', 'PASSWORD']);
    expect(nameWords('client-secret')).toEqual(['CLIENT', 'SECRET']);
    expect(nameWords('spring.datasource.password')).toEqual(['SPRING', 'DATASOURCE', 'PASSWORD']);
    expect(nameWords('APIKey')).toEqual(['API', 'KEY']);
  });
});

describe('isSecretName', () => {
  it.each([
    'PASSWORD',
    'DB_PASSWORD',
    'MYSQL_ROOT_PASSWORD',
    'dbPassword',
    'db_pwd',
    'DB_PASS',
    'PASSPHRASE',
    'API_TOKEN',
    'authToken',
    'REFRESH_TOKEN',
    'CLIENT_SECRET',
    'OAUTH2_PROXY_COOKIE_SECRET',
    'clientSecret',
    'API_KEY',
    'apiKey',
    'apikey',
    'AWS_SECRET_ACCESS_KEY',
    'MINIO_SECRET_KEY',
    'SECRET_KEY_BASE',
    'PRIVATE_KEY',
    'ENCRYPTION_KEY',
    'GOOGLE_CREDENTIALS',
    'Authorization',
    'requirepass',
    'secret-access-key',
  ])('%s names a secret', (name) => {
    expect(isSecretName(name)).toBe(true);
  });

  it.each([
    'DATABASE_URL',
    'PASSWORD_FILE',
    'POSTGRES_PASSWORD_FILE',
    'GF_SECURITY_ADMIN_PASSWORD__FILE',
    'KEY_FILE',
    'TLS_KEY_FILE',
    'TOKEN_URL',
    'OIDC_TOKEN_URL',
    'TOKEN_ENDPOINT',
    'SECRET_NAME',
    'METALLB_ML_SECRET_KEY_PATH',
    'TOKEN_TTL',
    'PASSWORD_MIN_LENGTH',
    'AWS_ACCESS_KEY_ID',
    'AUTH_ENABLED',
    'SUPERSET_SECRET_KEY_CMD',
    'PWD',
    'CASSANDRA_NUM_TOKENS',
    'CASSANDRA_KEYSPACE',
    'SORT_KEY',
    'CACHE_KEY',
    'KEY',
    'MONKEY',
    'BYPASS',
    'PASSTHROUGH',
    'TOKENIZER_MODEL',
    'PARSE_SERVER_MASTER_KEY_IPS',
    'CLIENT_ID',
    'USERNAME',
  ])('%s does not', (name) => {
    expect(isSecretName(name)).toBe(false);
  });
});

describe('isLiteral', () => {
  it.each(['hunter2', 'minio123', 'admin', '1234', 'changeme', 'c-krit', 'p@ss w0rd'])('"%s" is a literal value', (v) => {
    expect(isLiteral(v)).toBe(true);
  });
  it.each([
    '',
    '   ',
    '$(DB_PASSWORD)',
    'prefix-$(TOKEN)',
    '${DB_PASSWORD}',
    '$DB_PASSWORD',
    '{{ .Values.password }}',
    'ENC[AES256_GCM,data:abc,iv:def,tag:ghi,type:str]',
    'vault:secret/data/db#password',
    'ref+vault://secret/db#/password',
    'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db',
    'true',
    'no',
    'Disabled',
    '/var/run/secrets/token',
    './secret.txt',
    'jwt,priv-key=/opt/etcd/certs/jwt.pem,sign-method=RS256',
    'https://auth.example.com/oauth/token',
    '<Client Secret>',
    '********',
    'xxxxxx',
    'Bearer',
    'YOUR_API_KEY',
    'INSERT_ETCD_DISCOVERY_TOKEN',
    'your-token-here',
    'controller-password-placeholder',
    '`cat ${PASSWORD_FILE}`',
  ])('"%s" is not', (v) => {
    expect(isLiteral(v)).toBe(false);
  });
});

describe('shaped secrets', () => {
  describe('private key', () => {
    it('finds PEM private keys of every type, with a body', () => {
      for (const type of ['', 'RSA ', 'EC ', 'OPENSSH ', 'ENCRYPTED ']) {
        expect(kinds(`-----BEGIN ${type}PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END ${type}PRIVATE KEY-----\n`)).toEqual([
          'private-key',
        ]);
      }
      expect(kinds('-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBF0AAAABCADJQ9Z1m9XwK0y6q3S2\n')).toEqual(['private-key']);
      expect(kinds('"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n"')).toEqual(['private-key']);
    });
    it('ignores certificates, public keys and a bare header', () => {
      expect(kinds('-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBa\n')).toEqual([]);
      expect(kinds('-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n')).toEqual([]);
      expect(kinds('look for -----BEGIN PRIVATE KEY----- in the file')).toEqual([]);
    });
  });

  describe('AWS access key id', () => {
    it('finds AKIA/ASIA ids', () => {
      expect(kinds('AKIAZ7QX2MVB4KJ3NP6W')).toEqual(['aws-access-key-id']);
      expect(kinds('key=ASIAZ7QX2MVB4KJ3NP6W;')).toEqual(['aws-access-key-id']);
    });
    it('ignores AWS documentation examples, wrong lengths and ids inside longer words', () => {
      expect(kinds('AKIAIOSFODNN7EXAMPLE')).toEqual([]);
      expect(kinds('AKIAZ7QX2MVB4KJ3NP6')).toEqual([]);
      expect(kinds('XAKIAZ7QX2MVB4KJ3NP6W')).toEqual([]);
      expect(kinds('AKIAZ7QX2MVB4KJ3NP6WQ')).toEqual([]);
    });
  });

  describe('JWT', () => {
    const jwt =
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
    it('finds a JWT', () => {
      expect(kinds(jwt)).toEqual(['jwt']);
      expect(kinds(`Bearer ${jwt}`)).toContain('jwt');
    });
    it('ignores base64 that is not a JWT', () => {
      expect(kinds('eyJhbGciOiJIUzI1NiJ9')).toEqual([]);
      expect(kinds('eyJhbGciOiJIUzI1NiJ9.notjson.abc')).toEqual([]);
    });
  });

  describe('URL with a password', () => {
    it('finds user:password@ and :password@', () => {
      expect(kinds('postgresql://app:s3cr3t@db:5432/app')).toEqual(['url-password']);
      expect(kinds('redis://:s3cr3t@redis:6379/0')).toEqual(['url-password']);
      expect(kinds('amqp://guest:guest@rabbitmq')).toEqual(['url-password']);
    });
    it('ignores host:port, users without a password and references', () => {
      expect(kinds('postgresql://postgres:5432/myapp')).toEqual([]);
      expect(kinds('postgresql://app@db:5432/app')).toEqual([]);
      expect(kinds('postgresql://app:$(DB_PASSWORD)@db:5432/app')).toEqual([]);
      expect(kinds('mongodb://root:${MONGO_PASSWORD}@mongo:27017')).toEqual([]);
      expect(kinds('https://user:****@example.com')).toEqual([]);
    });
    it('masks only the password', () => {
      expect(findShapedSecrets('postgresql://app:s3cr3t@db:5432/app')[0]?.masked).toBe('postgresql://app:****@db:5432');
    });
  });

  describe('well-known tokens', () => {
    // Built at run time so that secret scanners do not flag this file.
    const token = (prefix: string, body: string): string => `${prefix}${body}`;
    it('finds GitHub, Slack, Google and Stripe tokens', () => {
      expect(kinds(token('ghp', '_abcdefghijklmnopqrstuvwxyz0123456789'))).toEqual(['github-token']);
      expect(kinds(token('github', '_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz'))).toEqual(['github-token']);
      expect(kinds(token('xox', 'b-123456789012-1234567890123-abcdefghij'))).toEqual(['slack-token']);
      expect(kinds(token('AI', 'zaSyA1234567890abcdefghijklmnopqrstuv'))).toEqual(['google-api-key']);
      expect(kinds(token('sk', '_live_abcdefghijklmnop1234'))).toEqual(['stripe-key']);
    });
    it('keeps the public prefix when masking', () => {
      expect(findShapedSecrets(token('ghp', '_abcdefghijklmnopqrstuvwxyz0123456789'))[0]?.masked).toBe('ghp_****');
      expect(findShapedSecrets('AKIAZ7QX2MVB4KJ3NP6W')[0]?.masked).toBe('AKIA****');
    });
    it('ignores near misses', () => {
      expect(kinds(token('ghp', '_short'))).toEqual([]);
      expect(kinds(token('xox', 'b-short'))).toEqual([]);
      expect(kinds(token('AI', 'zaTooShort'))).toEqual([]);
      expect(kinds(token('sk', '_test_abcdefghijklmnop1234'))).toEqual([]);
    });
  });

  describe('Authorization header', () => {
    it('finds a literal bearer or basic credential', () => {
      expect(kinds('Authorization: Bearer abcdef0123456789')).toEqual(['authorization-header']);
      expect(kinds('-H "Authorization: Basic dXNlcjpwYXNz"')).toEqual(['authorization-header']);
    });
    it('ignores variables', () => {
      expect(kinds('-H "Authorization: Bearer $TOKEN"')).toEqual([]);
      expect(kinds('Authorization: Bearer $(cat /var/run/secrets/token)')).toEqual([]);
    });
  });
});

describe('namedSecret and secretsInValue', () => {
  it('reports a literal under a secret name, masked', () => {
    const match = namedSecret('DB_PASSWORD', 'hunter2');
    expect(match).toEqual({ kind: 'named-value', label: 'a literal password', masked: '****' });
    expect(namedSecret('API_TOKEN', 'abc123def456')?.label).toBe('a literal token');
    expect(namedSecret('STRIPE_API_KEY', 'abc123def456')?.label).toBe('a literal key');
    expect(namedSecret('CLIENT_SECRET', 'abc123def456')?.label).toBe('a literal secret');
  });
  it('labels header credentials', () => {
    expect(namedSecret('Authorization', 'Basic dXNlcjpwYXNz')?.label).toBe('a literal credential');
  });
  it('takes a dashed lowercase name under a "...Secret" key for the name of a Secret object', () => {
    expect(namedSecret('servingCertificateSecret', 'pinniped-concierge-serving-cert')).toBeUndefined();
    expect(namedSecret('existingSecret', 'db-credentials')).toBeUndefined();
    expect(namedSecret('CLIENT_SECRET', '3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b')?.label).toBe('a literal secret');
    expect(namedSecret('CLIENT_SECRET', 'Xk9fP2qLm7Rt')?.label).toBe('a literal secret');
    expect(namedSecret('DB_PASSWORD', 'correct-horse-battery-staple')?.label).toBe('a literal password');
  });
  it('knows identifiers that are called tokens', () => {
    expect(namedSecret('ETCD_INITIAL_CLUSTER_TOKEN', 'etcd-cluster-k8s')).toBeUndefined();
    expect(namedSecret('initial-cluster-token', 'etcd-cluster-1')).toBeUndefined();
  });
  it('ignores non-secret names and non-literal values', () => {
    expect(namedSecret('DB_HOST', 'hunter2')).toBeUndefined();
    expect(namedSecret('DB_PASSWORD', '')).toBeUndefined();
    expect(namedSecret('DB_PASSWORD', '$(DB_PASS)')).toBeUndefined();
    expect(namedSecret('KEY_FILE', '/etc/key.pem')).toBeUndefined();
  });
  it('finds shaped secrets whatever the name', () => {
    expect(secretsInValue('DATABASE_URL', 'postgresql://app:s3cr3t@db/app').map((m) => m.kind)).toEqual(['url-password']);
    expect(secretsInValue('DATABASE_URL', 'postgresql://postgres:5432/myapp')).toEqual([]);
  });
});

describe('findSecretsInText', () => {
  const labels = (text: string): string[] => findSecretsInText(text).map((m) => m.masked);

  it('finds assignments in properties, ini, YAML, JSON, shell and connection strings', () => {
    expect(labels('spring.datasource.password=hunter2\n')).toEqual(['spring.datasource.password=****']);
    expect(labels('[security]\nadmin_password = hunter2\n')).toEqual(['admin_password=****']);
    expect(labels('auth:\n  password: hunter2\n')).toEqual(['password: ****']);
    expect(labels('{"user":"app","password":"hunter2"}')).toEqual(['password: ****']);
    expect(labels('export PGPASSWORD=hunter2; psql -h db')).toEqual(['PGPASSWORD=****']);
    expect(labels("user=postgres password='hunter2' host=db")).toEqual(['password=****']);
    expect(labels('requirepass foobared\n')).toEqual(['requirepass ****']);
    expect(labels('mysql -uroot -phunter2 -e "select 1"')).toEqual(['-p****']);
    expect(labels('app --db-password hunter2 --verbose')).toEqual(['--db-password ****']);
  });

  it('ignores comments, references, files, code and host:port', () => {
    expect(labels('# password=hunter2\n; admin_password = admin\n# requirepass foobared\n')).toEqual([]);
    expect(labels('password: ${DB_PASSWORD}\npassword_file: /etc/secret\n')).toEqual([]);
    expect(labels('export PGPASSWORD="$(< $PASSWORD_FILE)"\npassword_aux="${ROOT_PASSWORD:-}"\n')).toEqual([]);
    expect(labels('SECRET_KEY = os.environ["SECRET_KEY"]\n')).toEqual([]);
    expect(labels('url: postgresql://postgres:5432/myapp\nhost: db:5432\n')).toEqual([]);
    expect(labels('mysql -h db -p 3306')).toEqual([]);
    expect(labels('redis-cli -a "$REDIS_PASSWORD" ping')).toEqual([]);
    expect(labels('max_tokens: 256\ntoken_url: https://example.com/token\n')).toEqual([]);
    expect(labels('curl -H "Authorization: Bearer $(cat /var/run/secrets/token)" http://svc')).toEqual([]);
    expect(labels('password_aux=`cat ${PASSWORD_FILE}`\n')).toEqual([]);
  });
});

describe('findSecretsInArgs', () => {
  const found = (argv: string[]): [number, string][] => findSecretsInArgs(argv).map((a) => [a.index, a.match.masked]);

  it('finds --flag=value, --flag value, single-dash flags, mysql -p and scripts', () => {
    expect(found(['app', '--password=hunter2'])).toEqual([[1, '--password=****']]);
    expect(found(['app', '--password', 'hunter2'])).toEqual([[2, '--password ****']]);
    expect(found(['-admin.client.s3.secret-access-key=supersecret'])).toEqual([[0, '-admin.client.s3.secret-access-key=****']]);
    expect(found(['mysql', '-uroot', '-phunter2'])).toEqual([[2, '-p****']]);
    expect(found(['sh', '-c', 'curl -u admin:x -H "Authorization: Bearer abcdef0123456789" http://svc'])).toEqual([
      [2, 'Authorization: ****'],
    ]);
  });

  it('ignores files, names, references, empty values and -p for other programs', () => {
    expect(found(['--tls-private-key-file=/certs/tls.key', '--secret-name=webhook', '--token', '$(TOKEN)', '-pass='])).toEqual([]);
    expect(found(['--requirepass', '$(REDIS_PASSWORD)'])).toEqual([]);
    expect(found(['python', 'serve.py', '-p', '8080', '-p8080'])).toEqual([]);
    expect(found(['--password', '--verbose'])).toEqual([]);
    expect(found(['--backend-store-uri=postgresql://bn:$(DB_PASSWORD)@db:5432/app'])).toEqual([]);
  });
});

describe('isSopsValue', () => {
  it('recognises SOPS-encrypted values', () => {
    expect(isSopsValue('ENC[AES256_GCM,data:Zm9v,iv:YmFy,tag:YmF6,type:str]')).toBe(true);
    expect(isSopsValue('c2VjcmV0')).toBe(false);
    expect(isSopsValue(42)).toBe(false);
  });
});
