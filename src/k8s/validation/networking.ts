/**
 * The networking API group's validation (k8s.io/kubernetes/pkg/apis/networking/validation/
 * validation.go): Ingresses, IngressClasses and NetworkPolicies (networking.k8s.io/v1).
 */
import {
  type ApiFinding,
  dns1123SubdomainProblem,
  FieldPath,
  forbidden,
  int,
  invalid,
  isSet,
  list,
  MSG,
  notSupported,
  rec,
  required,
  str,
} from './field.js';
import { isPlaceholder } from '../placeholders.js';
import { isIP, validatePortNum } from './core.js';
import { validateLabelSelector } from './meta.js';

const WILDCARD = /^\*\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** The host checks of validateIngressRules and validateIngressTLS. */
function validateHost(host: string, p: FieldPath): ApiFinding[] {
  if (isPlaceholder(host)) return [];
  const out: ApiFinding[] = [];
  if (isIP(host) !== 0)
    out.push(invalid(p, host, 'must be a DNS name, not an IP address', 'use a DNS name, or leave host empty to match every host'));
  else if (host.includes('*')) {
    if (!WILDCARD.test(host) || host.length > 253)
      out.push(invalid(p, host, MSG.wildcardDns1123Subdomain, 'use a single leading "*." wildcard'));
  } else {
    const problem = dns1123SubdomainProblem(host);
    if (problem) out.push(invalid(p, host, problem, 'use a lowercase DNS name'));
  }
  return out;
}

/** validateIngressBackend */
function validateIngressBackend(backend: Record<string, unknown>, p: FieldPath): ApiFinding[] {
  const resource = isSet(backend.resource);
  const service = rec(backend.service);
  if (resource && service) return [invalid(p, '', 'cannot set both resource and service backends', 'keep one of them')];
  if (resource) return [];
  if (!service) return [invalid(p, '', 'resource or service backend is required', 'name a service (service.name and service.port)')];
  const out: ApiFinding[] = [];
  const name = str(service.name);
  if (name === '' || name === undefined) out.push(required(p.child('service', 'name'), '', 'name the Service'));
  const port = rec(service.port) ?? {};
  const hasName = typeof port.name === 'string' && port.name !== '';
  const number = int(port.number) ?? 0;
  if (hasName && number !== 0)
    out.push(invalid(p, '', 'cannot set both port name & port number', 'keep service.port.name or service.port.number'));
  else if (!hasName && number === 0)
    out.push(
      required(p.at(p.child('service', 'port').yaml), 'port name or number is required', 'set service.port.number or service.port.name'),
    );
  return out;
}

const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];
const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];

/** validateHTTPIngressPath */
function validateHTTPIngressPath(path: Record<string, unknown>, p: FieldPath): ApiFinding[] {
  const out: ApiFinding[] = [];
  const type = path.pathType;
  const value = str(path.path) ?? '';
  if (!isSet(type))
    return [required(p.child('pathType'), 'pathType must be specified', 'set pathType: Prefix (or Exact, ImplementationSpecific)')];
  if (isPlaceholder(type) || isPlaceholder(value)) return [];
  const pp = p.child('path').at(isSet(path.path) ? p.child('path').yaml : p.yaml);
  if (type === 'Exact' || type === 'Prefix') {
    if (!value.startsWith('/'))
      out.push(invalid(pp, value, 'must be an absolute path', `start the path with "/" (for example "/${value}")`));
    for (const seq of INVALID_PATH_SEQUENCES) {
      if (value.includes(seq))
        out.push(invalid(pp, value, `must not contain '${seq}'`, 'normalise the path, or use pathType ImplementationSpecific'));
    }
    for (const suffix of INVALID_PATH_SUFFIXES) {
      if (value.endsWith(suffix)) out.push(invalid(pp, value, `cannot end with '${suffix}'`, 'normalise the path'));
    }
  } else if (type === 'ImplementationSpecific') {
    if (value !== '' && !value.startsWith('/')) out.push(invalid(pp, value, 'must be an absolute path', `start the path with "/"`));
  } else {
    out.push(notSupported(p.child('pathType'), type, PATH_TYPES));
  }
  const backend = rec(path.backend);
  if (backend) out.push(...validateIngressBackend(backend, p.child('backend')));
  return out;
}

/** ValidateIngressSpec */
export function validateIngress(value: Record<string, unknown>): ApiFinding[] {
  const spec = rec(value.spec);
  if (!spec) return [];
  const sp = FieldPath.root('spec');
  const out: ApiFinding[] = [];
  const rules = list(spec.rules);
  const defaultBackend = rec(spec.defaultBackend);
  if (rules.length === 0 && !defaultBackend) {
    out.push(
      invalid(sp.child('rules').at(['spec']), [], 'either `defaultBackend` or `rules` must be specified', 'add rules, or a defaultBackend'),
    );
  }
  if (defaultBackend) out.push(...validateIngressBackend(defaultBackend, sp.child('defaultBackend')));
  rules.forEach((r, i) => {
    const rule = rec(r);
    if (!rule) return;
    const ip = sp.child('rules').index(i);
    const host = str(rule.host);
    if (host) out.push(...validateHost(host, ip.child('host')));
    const http = rec(rule.http);
    if (!http) return;
    const paths = list(http.paths);
    if (paths.length === 0) out.push(required(ip.child('http', 'paths'), '', 'add at least one path'));
    paths.forEach((x, j) => {
      const path = rec(x);
      if (path) out.push(...validateHTTPIngressPath(path, ip.child('http', 'paths').index(j)));
    });
  });
  list(spec.tls).forEach((t, i) => {
    list(rec(t)?.hosts).forEach((h, j) => {
      if (typeof h === 'string' && h !== '') out.push(...validateHost(h, sp.child('tls').index(i).child('hosts').index(j)));
    });
  });
  return out;
}

/** validateIngressClassSpec: the controller is a domain-prefixed path. */
export function validateIngressClass(value: Record<string, unknown>): ApiFinding[] {
  const controller = str(rec(value.spec)?.controller);
  if (controller === undefined || isPlaceholder(controller)) return [];
  const p = FieldPath.root('spec', 'controller');
  if (controller === '') return [required(p, '', 'name the controller, for example k8s.io/ingress-nginx')];
  const slash = controller.indexOf('/');
  const domain = slash < 0 ? '' : controller.slice(0, slash);
  if (slash < 0 || domain === '' || dns1123SubdomainProblem(domain.toLowerCase()) !== undefined) {
    return [
      invalid(
        p,
        controller,
        'must be a domain-prefixed path (such as "acme.io/foo")',
        'use the controller name its documentation gives, for example k8s.io/ingress-nginx',
      ),
    ];
  }
  return [];
}

const NP_PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

/** ValidateNetworkPolicyPort */
function validateNetworkPolicyPort(port: Record<string, unknown>, p: FieldPath): ApiFinding[] {
  const out: ApiFinding[] = [];
  const protocol = port.protocol;
  if (typeof protocol === 'string' && !NP_PROTOCOLS.includes(protocol) && !isPlaceholder(protocol))
    out.push(notSupported(p.child('protocol'), protocol, NP_PROTOCOLS));
  const number = int(port.port);
  const end = int(port.endPort);
  // The port's range is checked by the schema.
  if (typeof port.port === 'number' && number !== undefined) {
    if (end !== undefined) {
      if (end < number)
        out.push(
          invalid(
            p.child('endPort'),
            number,
            'must be greater than or equal to `port`',
            `raise endPort to ${number} or more, or lower port`,
          ),
        );
      out.push(...validatePortNum(end, p.child('endPort')));
    }
  } else if (typeof port.port === 'string') {
    if (end !== undefined && !isPlaceholder(port.port))
      out.push(invalid(p.child('endPort'), end, 'may not be specified when `port` is non-numeric', 'use a numeric port for a range'));
  } else if (end !== undefined) {
    out.push(invalid(p.child('endPort'), end, 'may not be specified when `port` is not specified', 'set port to the start of the range'));
  }
  return out;
}

/** Parses a CIDR to [family, bits, prefix length] or undefined. */
function parseCidr(cidr: string): { family: number; bits: bigint; prefix: number } | undefined {
  const [ip = '', len, ...rest] = cidr.split('/');
  if (len === undefined || rest.length > 0 || !/^\d{1,3}$/.test(len)) return undefined;
  const family = isIP(ip);
  if (family === 0) return undefined;
  const prefix = Number(len);
  const width = family === 4 ? 32 : 128;
  if (prefix > width) return undefined;
  let bits = 0n;
  if (family === 4) for (const part of ip.split('.')) bits = (bits << 8n) | BigInt(Number(part));
  else {
    const [head = '', tail = ''] = ip.includes('::') ? ip.split('::') : [ip, ''];
    const h = head === '' ? [] : head.split(':');
    const t = tail === '' ? [] : tail.split(':');
    if (t.some((g) => g.includes('.')) || h.some((g) => g.includes('.'))) return undefined;
    const groups = [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
    for (const g of groups) bits = (bits << 16n) | BigInt(parseInt(g, 16));
  }
  const mask = ((1n << BigInt(prefix)) - 1n) << BigInt(width - prefix);
  return { family, bits: bits & mask, prefix };
}

/** ValidateIPBlock: every except is a strict subset of cidr. */
function validateIPBlock(block: Record<string, unknown>, p: FieldPath): ApiFinding[] {
  const cidr = str(block.cidr);
  if (cidr === undefined || isPlaceholder(cidr)) return [];
  if (cidr === '') return [required(p.child('cidr'), '', 'set the CIDR')];
  const outer = parseCidr(cidr);
  if (!outer) return [];
  const out: ApiFinding[] = [];
  const width = outer.family === 4 ? 32 : 128;
  list(block.except).forEach((e, i) => {
    if (typeof e !== 'string' || isPlaceholder(e)) return;
    const inner = parseCidr(e);
    if (!inner) return;
    const mask = ((1n << BigInt(outer.prefix)) - 1n) << BigInt(width - outer.prefix);
    const inside = inner.family === outer.family && inner.prefix > outer.prefix && (inner.bits & mask) === outer.bits;
    if (!inside) out.push(invalid(p.child('except').index(i), e, 'must be a strict subset of `cidr`', `use a range inside ${cidr}`));
  });
  return out;
}

/** ValidateNetworkPolicyPeer */
function validateNetworkPolicyPeer(peer: Record<string, unknown>, p: FieldPath): ApiFinding[] {
  const out: ApiFinding[] = [];
  let count = 0;
  for (const f of ['podSelector', 'namespaceSelector'] as const) {
    if (isSet(peer[f])) {
      count++;
      out.push(...validateLabelSelector(peer[f], p.child(f)));
    }
  }
  const block = rec(peer.ipBlock);
  if (block) {
    count++;
    out.push(...validateIPBlock(block, p.child('ipBlock')));
  }
  if (count === 0)
    out.push(required(p, 'must specify a peer', 'add podSelector, namespaceSelector or ipBlock (or remove the empty entry)'));
  else if (count > 1 && block) out.push(forbidden(p, 'may not specify both ipBlock and another peer', 'split them into separate peers'));
  return out;
}

/** ValidateNetworkPolicySpec */
export function validateNetworkPolicy(value: Record<string, unknown>): ApiFinding[] {
  const spec = rec(value.spec);
  if (!spec) return [];
  const sp = FieldPath.root('spec');
  const out = validateLabelSelector(spec.podSelector, sp.child('podSelector'));
  for (const [direction, peers] of [
    ['ingress', 'from'],
    ['egress', 'to'],
  ] as const) {
    list(spec[direction]).forEach((r, i) => {
      const rule = rec(r);
      if (!rule) return;
      const ip = sp.child(direction).index(i);
      list(rule.ports).forEach((x, j) => {
        const port = rec(x);
        if (port) out.push(...validateNetworkPolicyPort(port, ip.child('ports').index(j)));
      });
      list(rule[peers]).forEach((x, j) => {
        const peer = rec(x);
        if (peer) out.push(...validateNetworkPolicyPeer(peer, ip.child(peers).index(j)));
      });
    });
  }
  const types = list(spec.policyTypes);
  types.forEach((t, i) => {
    if (typeof t === 'string' && t !== 'Ingress' && t !== 'Egress' && !isPlaceholder(t))
      out.push(notSupported(sp.child('policyTypes').index(i), t, ['Ingress', 'Egress']));
  });
  if (types.length > 2)
    out.push(
      invalid(sp.child('policyTypes'), types, 'may not specify more than two policyTypes', 'list Ingress and Egress at most once each'),
    );
  return out;
}
