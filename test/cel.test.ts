/** The CEL environment (src/cel): the language, the Kubernetes libraries, limits, errors as values. */
import { describe, expect, it } from 'vitest';
import {
  celDouble,
  compileCel,
  escapeCelFieldName,
  evaluateCel,
  fromCelValue,
  runCel,
  unescapeCelFieldName,
  type CelEvalResult,
} from '../src/cel/index.js';
import { rewriteOptionalSyntax } from '../src/cel/optional-syntax.js';

function value(expression: string, self: unknown = {}): unknown {
  const r = runCel(expression, { self });
  if (!r.ok) throw new Error(`${expression}: ${r.error}`);
  return fromCelValue(r.value);
}

function failure(expression: string, self: unknown = {}): Extract<CelEvalResult, { ok: false }> {
  const r = runCel(expression, { self });
  if (r.ok) throw new Error(`${expression}: expected an error, got ${String(r.value)}`);
  return r;
}

const SELF = {
  replicas: 3,
  ratio: 0.5,
  name: 'web',
  ports: [
    { name: 'http', port: 80 },
    { name: 'https', port: 443 },
  ],
};

describe('the language', () => {
  it('reads YAML integers as int and fractions as double', () => {
    expect(value('self.replicas + 1', SELF)).toBe(4n);
    expect(value('type(self.replicas) == int && type(self.ratio) == double', SELF)).toBe(true);
    expect(value('self.replicas * 2.0', { replicas: celDouble(3) })).toBe(6);
    expect(failure('self.replicas * 2', { replicas: celDouble(3) }).error).toContain('no matching overload');
  });
  it('runs the standard macros and has()', () => {
    expect(value('self.ports.all(p, p.port > 0) && self.ports.exists_one(p, p.port == 80)', SELF)).toBe(true);
    expect(value('self.ports.filter(p, p.port > 100).map(p, p.name)', SELF)).toEqual(['https']);
    expect(value('has(self.name) && !has(self.missing)', SELF)).toBe(true);
  });
  it('gives errors as values: a missing field, a bad type, a division by zero', () => {
    expect(failure('self.missing == 1', SELF).error).toBe('field not found: missing');
    expect(failure('self.replicas / 0', SELF).kind).toBe('error');
    expect(failure('self.name + 1', SELF).kind).toBe('error');
  });
});

describe('compiling', () => {
  it('reports syntax errors, undeclared variables and unknown functions', () => {
    expect(compileCel('self.a ==', ['self'])).toMatchObject({ ok: false });
    expect(compileCel('other.a == 1', ['self'])).toEqual({ ok: false, error: "undeclared reference to 'other'" });
    expect(compileCel('self.a.frobnicate()', ['self'])).toEqual({
      ok: false,
      error: "undeclared reference to 'frobnicate' (in container '')",
    });
    expect(compileCel('format.nope().validate(self)', ['self'])).toMatchObject({ ok: false });
  });
  it('compiles once per expression and variables', () => {
    const a = compileCel('self.x > 1', ['self']);
    expect(compileCel('self.x > 1', ['self'])).toBe(a);
    expect(compileCel('self.x > 1', ['self', 'oldSelf'])).not.toBe(a);
  });
  it('lists the field references rooted at declared variables', () => {
    const c = compileCel("self.spec.ports.all(p, has(p.name) && p.port > 0) && self.metadata.labels['x'] == 'y'", ['self']);
    expect(c.ok && c.program.references.map((r) => `${r.path.join('.')}${r.has ? '?' : ''}`)).toEqual([
      'spec',
      'spec.ports',
      'spec.ports.[].name?',
      'spec.ports.[].port',
      'metadata',
      'metadata.labels',
      'metadata.labels.[]',
    ]);
  });
});

describe('limits', () => {
  const runaway = `[0,1,2,3,4,5,6,7,8,9].all(a, [0,1,2,3,4,5,6,7,8,9].all(b, [0,1,2,3,4,5,6,7,8,9].all(c,
    [0,1,2,3,4,5,6,7,8,9].all(d, [0,1,2,3,4,5,6,7,8,9].all(e, [0,1,2,3,4,5,6,7,8,9].all(f,
    [0,1,2,3,4,5,6,7,8,9].all(g, [0,1,2,3,4,5,6,7,8,9].all(h, [0,1,2,3,4,5,6,7,8,9].all(i, true)))))))))`;
  it('stops a runaway comprehension at its step budget', () => {
    const c = compileCel(runaway, ['self']);
    if (!c.ok) throw new Error(c.error);
    const started = Date.now();
    expect(evaluateCel(c.program, { self: {} }, { steps: 10_000 })).toEqual({
      ok: false,
      kind: 'limit',
      error: 'evaluation stopped after more than 10000 iterations',
    });
    expect(Date.now() - started).toBeLessThan(1000);
  });
  it('stops at its time budget', () => {
    const c = compileCel(runaway, ['self']);
    if (!c.ok) throw new Error(c.error);
    const started = Date.now();
    expect(evaluateCel(c.program, { self: {} }, { steps: 1e12, ms: 50 })).toEqual({
      ok: false,
      kind: 'limit',
      error: 'evaluation stopped after its time budget',
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });
  it('stops even when the runaway part sits under an || that absorbs errors', () => {
    expect(runCel(`(${runaway}) || true`, { self: {} }, { steps: 1000 })).toMatchObject({ ok: false, kind: 'limit' });
  });
  it('counts steps per evaluation, not per run', () => {
    const c = compileCel('[1,2,3].all(x, x > 0)', ['self']);
    if (!c.ok) throw new Error(c.error);
    for (let i = 0; i < 5; i++) expect(evaluateCel(c.program, { self: {} }, { steps: 3 })).toEqual({ ok: true, value: true });
  });
});

describe('Kubernetes libraries', () => {
  it('lists', () => {
    expect(value('self.ports.map(p, p.port).sum()', SELF)).toBe(523n);
    expect(value('[1.5, 2.0].sum()')).toBe(3.5);
    expect(value("['a','b','c'].isSorted() && ![2,1].isSorted()")).toBe(true);
    expect(value('[3,1,2].min() + [3,1,2].max()')).toBe(4n);
    expect(value('[1,2,1].indexOf(1) + [1,2,1].lastIndexOf(1) + [1].indexOf(5)')).toBe(1n);
    expect(failure('[].min()').error).toBe('min called on empty list');
  });
  it('sets', () => {
    expect(value('sets.contains([1,2,3],[2,3]) && !sets.contains([1],[2])')).toBe(true);
    expect(value('sets.equivalent([1,2,2],[2,1]) && sets.intersects([1,2],[2,9])')).toBe(true);
  });
  it('regex', () => {
    expect(value("'abc 123'.find('[0-9]+')")).toBe('123');
    expect(value("'abc'.find('[0-9]+')")).toBe('');
    expect(value("'1, 2, 3, 4'.findAll('[0-9]+').map(x, int(x)).sum()")).toBe(10n);
    expect(value("'a1b2c3'.findAll('[0-9]', 2)")).toEqual(['1', '2']);
    expect(value("'ABC'.matches('(?i)^abc$')")).toBe(true);
    expect(failure("'a'.find('(')").kind).toBe('error');
  });
  it('URLs', () => {
    const u = "url('https://user@example.com:8080/a b?x=1&x=2&y')";
    expect(value(`${u}.getScheme()`)).toBe('https');
    expect(value(`${u}.getHost()`)).toBe('example.com:8080');
    expect(value(`${u}.getHostname()`)).toBe('example.com');
    expect(value(`${u}.getPort()`)).toBe('8080');
    expect(value(`${u}.getEscapedPath()`)).toBe('/a%20b');
    expect(value(`${u}.getQuery()`)).toEqual({ x: ['1', '2'], y: [''] });
    expect(value("url('https://[::1]:80/').getHostname()")).toBe('::1');
    expect(value("isURL('/path') && !isURL('example.com') && isURL('mailto:a@b')")).toBe(true);
    expect(failure("url('example.com')").error).toContain('invalid URI for request');
  });
  it('quantity', () => {
    expect(value("quantity('50k').add(20).sub(quantity('100k')).sub(-50000).asInteger()")).toBe(20n);
    expect(value("quantity('200M').compareTo(quantity('0.2G'))")).toBe(0n);
    expect(value("quantity('150Mi').isGreaterThan(quantity('100Mi')) && quantity('50M').isLessThan(quantity('100M'))")).toBe(true);
    expect(value("quantity('0.1').add(quantity('0.2')).compareTo(quantity('300m'))")).toBe(0n);
    expect(value("quantity('500m').isInteger() || quantity('-1').sign() != -1")).toBe(false);
    expect(value("quantity('1.5Gi').asApproximateFloat()")).toBe(1.5 * 2 ** 30);
    expect(value("isQuantity('1e3') && !isQuantity('1 Gi')")).toBe(true);
    expect(failure("quantity('500m').asInteger()").error).toBe('cannot convert value to integer');
    expect(failure("quantity('9999999999999999999999').asInteger()").kind).toBe('error');
  });
  it('IP and CIDR', () => {
    expect(value("ip('10.0.0.1').family() == 4 && ip('fe80::1').family() == 6")).toBe(true);
    expect(value("string(ip('2001:db8:0:0:0:0:0:1'))")).toBe('2001:db8::1');
    expect(value("ip.isCanonical('2001:db8::1') && !ip.isCanonical('2001:DB8::1')")).toBe(true);
    expect(value("isIP('1.2.3.4') && !isIP('01.2.3.4') && !isIP('fe80::1%eth0') && !isIP('::ffff:1.2.3.4')")).toBe(true);
    expect(value("ip('127.0.0.1').isLoopback() && ip('::1').isLoopback() && ip('169.254.1.1').isLinkLocalUnicast()")).toBe(true);
    expect(value("ip('224.0.0.1').isLinkLocalMulticast() && ip('ff02::1').isLinkLocalMulticast() && ip('0.0.0.0').isUnspecified()")).toBe(
      true,
    );
    expect(value("ip('10.0.0.1').isGlobalUnicast() && !ip('255.255.255.255').isGlobalUnicast()")).toBe(true);
    expect(value("cidr('10.0.0.0/8').containsIP('10.1.2.3') && !cidr('10.0.0.0/8').containsIP(ip('11.0.0.1'))")).toBe(true);
    expect(value("cidr('10.0.0.0/8').containsCIDR('10.1.0.0/16') && !cidr('10.0.0.0/16').containsCIDR(cidr('10.0.0.0/8'))")).toBe(true);
    expect(value("string(cidr('192.168.1.5/24').masked()) + ' ' + string(cidr('192.168.1.5/24').ip())")).toBe('192.168.1.0/24 192.168.1.5');
    expect(value("cidr('::1/128').prefixLength()")).toBe(128n);
    expect(value("isCIDR('10.0.0.0/33') || isCIDR('10.0.0.0')")).toBe(false);
  });
  it('semver', () => {
    expect(value("semver('1.2.3').isLessThan(semver('1.10.0')) && semver('1.0.0-alpha').isLessThan(semver('1.0.0'))")).toBe(true);
    expect(value("semver('1.0.0-alpha.2').compareTo(semver('1.0.0-alpha.10'))")).toBe(-1n);
    expect(value("semver('v1.2', true).minor() + semver('1.2.3').patch()")).toBe(5n);
    expect(value("isSemver('1.2.3-rc.1+build.5') && !isSemver('1.2') && isSemver('v01.2', true)")).toBe(true);
  });
  it('format', () => {
    expect(value("format.dns1123Label().validate('abc') == null")).toBe(true);
    expect(value("format.dns1123Label().validate('Abc').value()")).toEqual([
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-'",
    ]);
    expect(value("format.named('uuid').value().validate('not-a-uuid').hasValue() && !format.named('nope').hasValue()")).toBe(true);
    expect(value("format.labelValue().validate('ok_value') == null && format.qualifiedName().validate('a/b/c').hasValue()")).toBe(true);
    expect(value("format.dns1123LabelPrefix().validate('web-') == null && format.date().validate('2024-02-30') == null")).toBe(true);
  });
  it('strings extension', () => {
    expect(value("'Web'.lowerAscii() + 'x'.upperAscii() + 'a,b'.split(',')[1] + ['p','q'].join('-') + ' t '.trim()")).toBe('webXbp-qt');
    expect(value("'hello'.substring(1, 3) + 'hello'.charAt(0) + string('hello'.indexOf('l')) + 'a.b'.replace('.', '_')")).toBe('elh2a_b');
  });
  it('optionals, and the optional syntax', () => {
    const self = { log: { path: '/volumes/x' }, items: [{ a: 1 }, {}], m: { 'log-path': 'x' } };
    expect(value('self.?log.path.hasValue() && !self.?nope.path.hasValue()', self)).toBe(true);
    expect(value("self.?log.path.orValue('') + self.?x.orValue('-')", self)).toBe('/volumes/x-');
    expect(value("self.m[?'log-path'].value() + string(self.items[?5].hasValue())", self)).toBe('xfalse');
    expect(value('self.items.all(i, i.?a.optMap(v, v > 0).orValue(true))', self)).toBe(true);
    expect(value('!has(self.?log.level) && optional.of(1).value() == 1 && !optional.none().hasValue()', self)).toBe(true);
    expect(rewriteOptionalSyntax("a ? 'x.?y' : b.?c")).toBe('a ? \'x.?y\' : __opt_select__(b, ["c"])');
  });
});

describe('field names', () => {
  it('escapes and unescapes as apiextensions does', () => {
    expect(escapeCelFieldName('namespace')).toBe('__namespace__');
    expect(escapeCelFieldName('x-kubernetes.io/a__b')).toBe('x__dash__kubernetes__dot__io__slash__a__underscores__b');
    expect(escapeCelFieldName('has space')).toBeUndefined();
    expect(unescapeCelFieldName('x__dash__kubernetes__dot__io__slash__a__underscores__b')).toBe('x-kubernetes.io/a__b');
    expect(unescapeCelFieldName('__namespace__')).toBe('namespace');
  });
});
