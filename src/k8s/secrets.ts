/**
 * What a credential written into a manifest looks like: names that hold secrets (`DB_PASSWORD`,
 * `apiKey`, `--client-secret`), values that are secrets by their shape (private keys, AWS access
 * key ids, JWTs, URLs with a password, well-known token formats), and the values that only look
 * like secrets (references, paths, placeholders, flags). Also how to show a secret: masked.
 *
 * Every pattern here has true- and false-positive cases in test/k8s/secrets.test.ts.
 */

/** What kind of secret a match is, for messages. */
export type SecretKind =
  | 'private-key'
  | 'aws-access-key-id'
  | 'jwt'
  | 'url-password'
  | 'github-token'
  | 'slack-token'
  | 'google-api-key'
  | 'stripe-key'
  | 'authorization-header'
  | 'named-value';

export interface SecretMatch {
  kind: SecretKind;
  /** `a private key`, `a password in a URL`, ..., for messages. */
  label: string;
  /** A masked rendering safe to print (never the secret itself). */
  masked: string;
}

const MASK = '****';

/**
 * A secret made safe to print. Only a prefix that the format makes public (`AKIA`, `ghp_`, `eyJ`)
 * is kept; the rest, and its length, is hidden.
 */
export function maskSecret(secret: string, publicPrefix = 0): string {
  return `${secret.slice(0, Math.max(0, Math.min(publicPrefix, secret.length - 4)))}${MASK}`;
}

// ---------------------------------------------------------------------------------------------
// Values that are secrets by their shape.

interface ShapePattern {
  kind: SecretKind;
  label: string;
  pattern: RegExp;
  /** A cheap test that must pass before `pattern` is tried (most text holds no secret). */
  hint: RegExp;
  /** Characters of the match that are public (a format prefix) and may be shown. */
  publicPrefix: number;
  /** Further check on a match (e.g. documentation examples are not secrets). */
  accept?: (match: RegExpExecArray) => boolean;
  /** Masked rendering; defaults to the public prefix and a mask. */
  mask?: (match: RegExpExecArray) => string;
}

/** Exported for tests; use `findShapedSecrets`. */
export const SHAPE_PATTERNS: readonly ShapePattern[] = [
  {
    kind: 'private-key',
    label: 'a private key',
    // The header alone (in docs or a template) is not a key: require a body after it.
    pattern: /-----BEGIN (?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY(?: BLOCK)?-----(?:\\n|\s)*[A-Za-z0-9+/=:,\- \t\r\n\\]{20,}/,
    hint: /PRIVATE KEY/,
    publicPrefix: 0,
    mask: () => '-----BEGIN PRIVATE KEY-----****',
  },
  {
    kind: 'aws-access-key-id',
    label: 'an AWS access key id',
    // Key ids are 20 characters of base32 behind a type prefix; AWS's documentation examples end in EXAMPLE.
    pattern: /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Z0-9])/,
    hint: /A(?:KIA|SIA|BIA|CCA)/,
    publicPrefix: 4,
    accept: (m) => !m[0].endsWith('EXAMPLE'),
  },
  {
    kind: 'jwt',
    label: 'a JSON Web Token',
    // Header and payload are base64url JSON objects, so both start with `eyJ` (`{"`).
    pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/,
    hint: /eyJ/,
    publicPrefix: 3,
  },
  {
    kind: 'github-token',
    label: 'a GitHub token',
    pattern: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})/,
    hint: /gh[pousr]_|github_pat_/,
    publicPrefix: 4,
  },
  {
    kind: 'slack-token',
    label: 'a Slack token',
    pattern: /(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9-]{10,}/,
    hint: /xox/,
    publicPrefix: 5,
  },
  {
    kind: 'google-api-key',
    label: 'a Google API key',
    pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/,
    hint: /AIza/,
    publicPrefix: 4,
  },
  {
    kind: 'stripe-key',
    label: 'a Stripe live key',
    pattern: /(?<![A-Za-z0-9_])[sr]k_live_[0-9A-Za-z]{16,}/,
    hint: /k_live_/,
    publicPrefix: 8,
  },
  {
    kind: 'url-password',
    label: 'a password in a URL',
    // scheme://user:password@host. `postgres://db:5432/app` has a port, not a password: no `@`.
    pattern: /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:/?#@'"]*):([^\s/?#@'"]+)@([^\s/?#'"]*)/i,
    hint: /:\/\/[^\s/?#'"]*@/,
    publicPrefix: 0,
    accept: (m) => isLiteral(m[3] ?? ''),
    mask: (m) => `${m[1] ?? ''}${m[2] ?? ''}:${MASK}@${m[4] ?? ''}`,
  },
  {
    kind: 'authorization-header',
    label: 'an Authorization header',
    pattern: /\bAuthorization["']?\s*[:=]\s*["']?(?:Bearer|Basic|Token)\s+([A-Za-z0-9._~+/-]{8,}=*)/i,
    hint: /authorization/i,
    publicPrefix: 0,
    accept: (m) => isLiteral(m[1] ?? ''),
    mask: () => `Authorization: ${MASK}`,
  },
];

const GLOBAL_SHAPES = SHAPE_PATTERNS.map((p) => ({ ...p, global: new RegExp(p.pattern.source, `${p.pattern.flags}g`) }));

/** Secrets recognisable by their shape anywhere in `text`, at most one per pattern. */
export function findShapedSecrets(text: string): SecretMatch[] {
  const out: SecretMatch[] = [];
  for (const p of GLOBAL_SHAPES) {
    if (!p.hint.test(text)) continue;
    for (const m of text.matchAll(p.global)) {
      if (p.accept && !p.accept(m)) continue;
      out.push({ kind: p.kind, label: p.label, masked: p.mask ? p.mask(m) : maskSecret(m[0], p.publicPrefix) });
      break;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Names that hold secrets.

/** Words that name a secret on their own (`DB_PASSWORD`, `apiToken`, `client-secret`). */
const SECRET_WORDS = new Set([
  'PASSWORD',
  'PASSWORDS',
  'PASSWD',
  'PASSPHRASE',
  'PASS',
  'PWD',
  'SECRET',
  'TOKEN',
  'APIKEY',
  'CREDENTIAL',
  'CREDENTIALS',
  'CREDS',
  'AUTHORIZATION',
  'PRIVATEKEY',
  'REQUIREPASS',
  'MASTERAUTH',
]);

/** Run-together words that end a name and hold a secret (`dbpassword`, `secretkey`). */
const SECRET_SUFFIXES = ['PASSWORD', 'PASSWD', 'PASSPHRASE', 'SECRET', 'TOKEN', 'APIKEY', 'ACCESSKEY', 'SECRETKEY', 'PRIVATEKEY'];

/** `KEY` alone is too common (`SORT_KEY`, `CACHE_KEY`): it names a secret after one of these. */
const KEY_QUALIFIERS = new Set([
  'API',
  'ACCESS',
  'SECRET',
  'PRIVATE',
  'MASTER',
  'ENCRYPTION',
  'ENCRYPT',
  'SIGNING',
  'SIGN',
  'LICENSE',
  'LICENCE',
  'CLIENT',
  'APP',
  'ACCOUNT',
  'SHARED',
  'HMAC',
  'SESSION',
  'CRYPTO',
  'AUTH',
  'SERVICE',
  'STORAGE',
  'ADMIN',
  'ROOT',
  'JWT',
  'AES',
  'CIPHER',
  'WEBHOOK',
  'SSH',
  'GPG',
  'PGP',
  'FERNET',
  'INGEST',
  'WRITE',
  'READ',
  'DEPLOY',
  'SUBSCRIPTION',
]);

/**
 * Words that, after the secret word, make the name describe something else: where the secret
 * lives (`PASSWORD_FILE`, `TOKEN_URL`), what it is called (`SECRET_NAME`), how it behaves
 * (`TOKEN_TTL`), or whether it is used (`PASSWORD_ENABLED`).
 */
const DESCRIPTOR_WORDS = new Set([
  'FILE',
  'FILES',
  'FILENAME',
  'PATH',
  'DIR',
  'DIRECTORY',
  'FOLDER',
  'MOUNT',
  'LOCATION',
  'URL',
  'URI',
  'URLS',
  'ENDPOINT',
  'HOST',
  'HOSTS',
  'ADDR',
  'ADDRESS',
  'PORT',
  'IP',
  'IPS',
  'CIDR',
  'CIDRS',
  'NAME',
  'NAMES',
  'NAMESPACE',
  'REF',
  'KEYREF',
  'USER',
  'USERNAME',
  'ID',
  'IDS',
  'TYPE',
  'KIND',
  'LENGTH',
  'LEN',
  'SIZE',
  'BITS',
  'TTL',
  'LIFETIME',
  'EXPIRY',
  'EXPIRES',
  'EXPIRATION',
  'TIMEOUT',
  'INTERVAL',
  'DURATION',
  'PERIOD',
  'ENABLED',
  'ENABLE',
  'DISABLED',
  'DISABLE',
  'REQUIRED',
  'MODE',
  'POLICY',
  'FORMAT',
  'ALGORITHM',
  'ALG',
  'VERSION',
  'PREFIX',
  'SUFFIX',
  'LABEL',
  'HEADER',
  'FIELD',
  'PARAM',
  'COOKIE',
  'AUDIENCE',
  'ISSUER',
  'SCOPE',
  'SCOPES',
  'CLAIM',
  'CLAIMS',
  'PROVIDER',
  'SOURCE',
  'BACKEND',
  'STORE',
  'HASH',
  'CMD',
  'COMMAND',
  'COUNT',
  'LIMIT',
  'MIN',
  'MAX',
  'RETRIES',
  'METHOD',
  'STRATEGY',
  'ROTATION',
  'SEEDER',
]);

/**
 * Words that, before the secret word, make the name a switch about the secret rather than the
 * secret (`MYSQL_ALLOW_EMPTY_PASSWORD`, `MYSQL_RANDOM_ROOT_PASSWORD`, `SKIP_TOKEN`, `ENABLE_AUTH_TOKEN`).
 */
const SWITCH_WORDS = new Set([
  'ALLOW',
  'EMPTY',
  'RANDOM',
  'SKIP',
  'GENERATE',
  'ENABLE',
  'ENABLED',
  'DISABLE',
  'DISABLED',
  'REQUIRE',
  'REQUIRED',
  'IGNORE',
  'USE',
  'NO',
]);

/** `DB_PASSWORD`, `dbPassword`, `db-password`, `db.password` -> [DB, PASSWORD]. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w.toUpperCase());
}

function isSecretWord(words: readonly string[], index: number): boolean {
  const word = words[index] ?? '';
  if (word === 'KEY') return index > 0 && KEY_QUALIFIERS.has(words[index - 1] ?? '');
  if (SECRET_WORDS.has(word)) return !(word === 'PWD' && words.length === 1); // PWD alone is the working directory
  return SECRET_SUFFIXES.some((s) => word.length > s.length && word.endsWith(s));
}

/**
 * True when a variable, key or flag of this name holds a secret: it has a secret word
 * (password, token, secret, credential, api/access/secret/private key, ...), no descriptor
 * after it (`_FILE`, `_PATH`, `_URL`, `_NAME`, `_TTL`, `_ENABLED`, ...) and no switch word
 * before it (`ALLOW_`, `EMPTY_`, `RANDOM_`, `SKIP_`, ...).
 */
export function isSecretName(name: string): boolean {
  const words = nameWords(name);
  let last = -1;
  words.forEach((_, i) => {
    if (isSecretWord(words, i)) last = i;
  });
  if (last < 0) return false;
  if (words.slice(0, last).some((w) => SWITCH_WORDS.has(w))) return false;
  return !words.slice(last + 1).some((w) => DESCRIPTOR_WORDS.has(w));
}

// ---------------------------------------------------------------------------------------------
// Values that only look like secrets.

/** Switch values: booleans in every spelling, and `0`/`1` (`ALLOW_EMPTY_PASSWORD=1`). */
const BOOLEAN_WORDS = new Set([
  'true',
  'false',
  'yes',
  'no',
  'y',
  'n',
  'on',
  'off',
  'enabled',
  'disabled',
  'none',
  'null',
  'nil',
  '~',
  '0',
  '1',
]);

/** HTTP authentication schemes: `Authorization: Bearer $TOKEN` split at the space leaves just the scheme. */
const AUTH_SCHEMES = new Set(['bearer', 'basic', 'digest', 'negotiate']);

/** References into secret stores (bank-vaults, vals, AWS/GCP secret managers). */
const SECRET_STORE_REFERENCE =
  /^(?:vault:|ref\+[a-z0-9]+:\/\/|arn:aws[a-z-]*:secretsmanager:|gcp:secretmanager:|projects\/[^/]+\/secrets\/)/i;

/**
 * True when `value` could be a secret written out, false when it is empty, a reference filled
 * in later (`$(VAR)`, `${VAR}`, `$VAR`, `{{ .Values.x }}`, `ENC[...]`, a secret-store
 * reference), a boolean, an HTTP auth scheme alone (`Bearer`), a path, a URL without credentials, or a placeholder (`<token>`,
 * `****`, `YOUR_API_KEY`, `INSERT_TOKEN`, `password-placeholder`).
 */
export function isLiteral(value: string): boolean {
  const v = value.trim();
  if (v === '') return false;
  if (v.startsWith('$') || v.includes('$(') || v.includes('${') || v.includes('{{') || v.includes('%(') || v.includes('`')) return false;
  if (v.startsWith('ENC[') || SECRET_STORE_REFERENCE.test(v)) return false;
  if (BOOLEAN_WORDS.has(v.toLowerCase()) || AUTH_SCHEMES.has(v.toLowerCase())) return false;
  if (/^(?:\/|\.{1,2}\/|~\/|file:)/.test(v) || /[=,]\/[\w.-]+\//.test(v)) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v) && !/^[^/]*:\/\/[^/@\s]*:[^/@\s]+@/.test(v)) return false;
  if (/^<[^<>]*>$/.test(v) || /^\[[^[\]]*\]$/.test(v) || /^[*x•.#-]+$/i.test(v)) return false;
  if (/^(?:your|insert|replace|enter|put|add)[-_ ]/i.test(v) || /[-_ ]here$/i.test(v) || /placeholder/i.test(v)) return false;
  // A sed-style stand-in, upper-case words joined by underscores (`GOOGLE_API_KEY_VAL`, `DB_PASS`),
  // replaced by a deploy script: a credential is not written that way.
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(v)) return false;
  return true;
}

/** Names that contain a secret word but hold an identifier (etcd's cluster token is an id, not a credential). */
const NOT_SECRET_NAMES = [/(?:^|_)INITIAL_CLUSTER_TOKEN$/];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A Kubernetes object name (`tls-serving-certificate`): what a key ending in `Secret` holds when it
 * names a Secret object (`servingCertificateSecret`, `existingSecret`). Lowercase, dashed, made of
 * words; not a UUID.
 */
export function looksLikeObjectName(value: string): boolean {
  return /^[a-z][a-z0-9]*(?:-[a-z0-9]+)+(?:\.[a-z0-9-]+)*$/.test(value) && !UUID.test(value) && /[a-z]{3}/.test(value);
}

/** A literal secret held under a secret name (`DB_PASSWORD=hunter2`), or undefined. */
export function namedSecret(name: string, value: string): SecretMatch | undefined {
  if (!isSecretName(name) || !isLiteral(value)) return undefined;
  const words = nameWords(name);
  if (NOT_SECRET_NAMES.some((re) => re.test(words.join('_')))) return undefined;
  if (words.at(-1) === 'SECRET' && looksLikeObjectName(value.trim())) return undefined;
  const what = words.some((w) => w.includes('PASS') || w === 'PWD' || w === 'MASTERAUTH')
    ? 'password'
    : words.some((w) => w.includes('TOKEN'))
      ? 'token'
      : words.some((w) => w.includes('KEY'))
        ? 'key'
        : words.some((w) => w.startsWith('CRED') || w === 'AUTHORIZATION')
          ? 'credential'
          : 'secret';
  return { kind: 'named-value', label: `a literal ${what}`, masked: maskSecret(value) };
}

/** Every secret in a value held under `name`: by the name, else by the value's shape. */
export function secretsInValue(name: string, value: string): SecretMatch[] {
  const shaped = findShapedSecrets(value);
  if (shaped.length > 0) return shaped;
  const named = namedSecret(name, value);
  return named ? [named] : [];
}

// ---------------------------------------------------------------------------------------------
// Free text: scripts, command lines, connection strings, configuration files.

/**
 * `name=value`, `name: value`, `"name": "value"`, `--name=value`: an assignment inside text. A
 * colon counts only before a space or quote, so `host:5432` is not an assignment.
 */
const ASSIGNMENT =
  /(?:^|[\s;,&?'"{(])(?<dash>--?)?["']?(?<name>[A-Za-z_][A-Za-z0-9_.-]*)["']?[ \t]*(?<sep>=|:(?=[ \t"']))[ \t]*(?:"(?<dq>[^"\n]*)"|'(?<sq>[^'\n]*)'|(?<bare>[^\s"',;&)}]+))/g;

/** `--password hunter2`: a secret flag and its value as the next word. */
const FLAG_AND_WORD =
  /(?:^|\s)(?<dash>--?)(?<name>[A-Za-z][A-Za-z0-9_.-]*)(?<sep>[ \t]+)(?:"(?<dq>[^"\n]*)"|'(?<sq>[^'\n]*)'|(?<bare>[^\s"'-][^\s"']*))/g;

/** `requirepass foobared` in a redis/valkey configuration. */
const REDIS_DIRECTIVE = /^\s*(requirepass|masterauth)[ \t]+(?:"([^"\n]*)"|'([^'\n]*)'|(\S+))/i;

/** `mysql -uroot -phunter2`: MySQL clients take the password glued to `-p`. */
const MYSQL_PASSWORD = /\bmysql(?:dump|admin|import|show|check|slap)?\b[^\n|;&]*?\s-p(["']?)([^\s"'-][^\s"']*)\1/;

const COMMENT_LINE = /^\s*(?:#|;|\/\/|--\s|<!--)/;

/** Every secret name contains one of these (see SECRET_WORDS, SECRET_SUFFIXES, KEY_QUALIFIERS). */
const SECRET_HINT = /pass|pwd|secret|token|key|cred|auth/i;

/**
 * Name-service sources of nsswitch.conf: `passwd: files systemd` names the databases that user
 * accounts are looked up in, no password.
 */
const NSS_SOURCES = new Set([
  'files',
  'compat',
  'systemd',
  'ldap',
  'nis',
  'nisplus',
  'sss',
  'dns',
  'db',
  'winbind',
  'mymachines',
  'resolve',
  'myhostname',
  'hesiod',
  'cache',
  'extrausers',
  'altfiles',
  'usrfiles',
]);
const NSS_DATABASES = new Set(['passwd', 'shadow', 'gshadow']);

/** `passwd: files` of nsswitch.conf (see NSS_SOURCES). */
function isNsswitchLine(name: string, sep: string, value: string): boolean {
  return sep.startsWith(':') && NSS_DATABASES.has(name.toLowerCase()) && NSS_SOURCES.has(value.toLowerCase());
}

function assignmentSecrets(line: string, pattern: RegExp): SecretMatch[] {
  const out: SecretMatch[] = [];
  for (const m of line.matchAll(pattern)) {
    const { dash = '', name = '', sep = '=', dq, sq, bare = '' } = m.groups ?? {};
    const quoted = dq ?? sq;
    const value = quoted ?? bare;
    if (isNsswitchLine(name, sep, value)) continue;
    // An unquoted expression (`os.environ["X"]`, `get_secret()`) is code, not a value.
    if (quoted === undefined && /[([{]/.test(value)) continue;
    const named = namedSecret(name, value);
    if (named) out.push({ ...named, masked: `${dash}${name}${sep.startsWith(':') ? ': ' : sep.trim() === '' ? ' ' : sep}${named.masked}` });
  }
  return out;
}

/**
 * Secrets written into free text, line by line (comment lines skipped): shaped secrets
 * anywhere, and literal values assigned to secret names in any common syntax.
 */
export function findSecretsInText(text: string): SecretMatch[] {
  const out: SecretMatch[] = findShapedSecrets(text);
  const mysql = text.includes('mysql') ? MYSQL_PASSWORD.exec(text) : null;
  if (mysql?.[2] && isLiteral(mysql[2])) out.push({ kind: 'named-value', label: 'a literal password', masked: `-p${MASK}` });
  if (!SECRET_HINT.test(text)) return out;
  for (const line of text.split(/\r?\n/)) {
    if (!SECRET_HINT.test(line) || COMMENT_LINE.test(line)) continue;
    out.push(...assignmentSecrets(line, ASSIGNMENT), ...assignmentSecrets(line, FLAG_AND_WORD));
    const redis = REDIS_DIRECTIVE.exec(line);
    const value = redis ? (redis[2] ?? redis[3] ?? redis[4] ?? '') : '';
    if (redis && isLiteral(value)) out.push({ kind: 'named-value', label: 'a literal password', masked: `${redis[1] ?? ''} ${MASK}` });
  }
  return dedupe(out);
}

function dedupe(matches: SecretMatch[]): SecretMatch[] {
  const seen = new Set<string>();
  return matches.filter((m) => {
    const key = `${m.kind} ${m.masked}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export interface ArgSecret {
  /** Index in the argument list. */
  index: number;
  match: SecretMatch;
}

/**
 * Secrets in a container's command line (`command` then `args`, as one list): `--password=x`,
 * `--password x` across two arguments, `mysql -px`, shaped secrets, and secrets inside
 * `sh -c` scripts. One finding per argument at most.
 */
export function findSecretsInArgs(argv: readonly string[]): ArgSecret[] {
  const out: ArgSecret[] = [];
  const isMysql = argv.some((a) => /^(?:.*\/)?mysql(?:dump|admin|import|show|check|slap)?$/.test(a));
  argv.forEach((arg, index) => {
    const flag = /^--?([A-Za-z][A-Za-z0-9_.-]*)$/.exec(arg);
    const next = argv[index + 1];
    if (flag?.[1] && next !== undefined && !next.startsWith('-')) {
      const named = namedSecret(flag[1], next);
      if (named) {
        out.push({ index: index + 1, match: { ...named, masked: `${arg} ${named.masked}` } });
        return;
      }
    }
    if (isMysql && /^-p./.test(arg) && isLiteral(arg.slice(2))) {
      out.push({ index, match: { kind: 'named-value', label: 'a literal password', masked: `-p${MASK}` } });
      return;
    }
    const first = findSecretsInText(arg)[0];
    if (first && !out.some((o) => o.index === index)) out.push({ index, match: first });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Secret manifests.

/** True for a value SOPS (or helm-secrets, which uses SOPS) has encrypted: `ENC[AES256_GCM,...]`. */
export function isSopsValue(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith('ENC[');
}
