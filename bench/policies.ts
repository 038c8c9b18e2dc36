/**
 * Twenty policies of the kind platform teams write, for the benchmark: registries, labels, Service
 * types, resource ceilings, probes, security settings. They use match (kinds, namespaces, label
 * selectors, exclude), matchConditions, variables, messageExpression and fieldPath, so that the
 * benchmark pays for every part of a policy. Over the generated corpus, several of them fail.
 */
const WORKLOADS = ['Deployment', 'StatefulSet', 'DaemonSet'];
const podSpec =
  "object.kind == 'CronJob' ? object.spec.jobTemplate.spec.template.spec : object.kind == 'Pod' ? object.spec : object.spec.template.spec";

function policy(id: string, description: string, rest: Record<string, unknown>): Record<string, unknown> {
  return { id, description, severity: 'warning', category: 'correctness', ...rest };
}

export const BENCH_POLICIES: Record<string, unknown>[] = [
  policy('allowed-registries', 'Images come from the company registries', {
    match: { kinds: [...WORKLOADS, 'Pod', 'CronJob'] },
    variables: [
      { name: 'pod', expression: podSpec },
      {
        name: 'containers',
        expression: 'variables.pod.containers + (has(variables.pod.initContainers) ? variables.pod.initContainers : [])',
      },
    ],
    validations: [
      {
        expression: "variables.containers.all(c, c.image.startsWith('registry.example.com/') || c.image.startsWith('ghcr.io/acme/'))",
        messageExpression:
          "'images must come from registry.example.com or ghcr.io/acme: ' + variables.containers.filter(c, !c.image.startsWith('registry.example.com/') && !c.image.startsWith('ghcr.io/acme/')).map(c, c.image).join(', ')",
      },
    ],
  }),
  policy('team-label', 'Workloads carry an app.kubernetes.io/part-of label', {
    match: { kinds: WORKLOADS },
    validations: [
      {
        expression: "has(object.metadata.labels) && 'app.kubernetes.io/part-of' in object.metadata.labels",
        message: 'add the label app.kubernetes.io/part-of',
        fieldPath: 'metadata.labels',
      },
    ],
  }),
  policy('version-label', 'Workloads in prod carry a version label', {
    match: { kinds: WORKLOADS, namespaces: ['*-prod'] },
    validations: [
      {
        expression: "'app.kubernetes.io/version' in object.metadata.labels",
        message: 'label app.kubernetes.io/version is required in prod',
        fieldPath: 'metadata.labels',
      },
    ],
  }),
  policy('no-loadbalancer', 'No LoadBalancer Services outside ingress namespaces', {
    match: { kinds: ['Service'], exclude: { namespaces: ['ingress-*'] } },
    validations: [
      {
        expression: "!has(object.spec.type) || object.spec.type != 'LoadBalancer'",
        message: 'use an Ingress instead of a LoadBalancer Service',
        fieldPath: 'spec.type',
      },
    ],
  }),
  policy('no-nodeport', 'No NodePort Services', {
    match: { kinds: ['Service'] },
    validations: [{ expression: "!has(object.spec.type) || object.spec.type != 'NodePort'", fieldPath: 'spec.type' }],
  }),
  policy('memory-ceiling-dev', 'Containers in dev ask for at most 4Gi of memory', {
    match: { kinds: WORKLOADS, namespaces: ['*-dev'] },
    variables: [{ name: 'containers', expression: 'object.spec.template.spec.containers' }],
    validations: [
      {
        expression:
          "variables.containers.all(c, !has(c.resources.limits) || !('memory' in c.resources.limits) || quantity(c.resources.limits.memory).compareTo(quantity('4Gi')) <= 0)",
        message: 'memory limits in dev are at most 4Gi',
      },
    ],
  }),
  policy('cpu-ceiling', 'No container asks for more than 8 CPUs', {
    match: { kinds: WORKLOADS },
    validations: [
      {
        expression:
          "object.spec.template.spec.containers.all(c, !has(c.resources.requests) || !('cpu' in c.resources.requests) || quantity(string(c.resources.requests.cpu)).compareTo(quantity('8')) <= 0)",
        message: 'cpu requests are at most 8',
      },
    ],
  }),
  policy('replica-ceiling', 'Deployments run at most 50 replicas', {
    match: { kinds: ['Deployment'] },
    validations: [
      {
        expression: '!has(object.spec.replicas) || object.spec.replicas <= 50',
        messageExpression: "'at most 50 replicas, got ' + string(object.spec.replicas)",
        fieldPath: 'spec.replicas',
      },
    ],
  }),
  policy('prod-replicas', 'Deployments in prod run at least two replicas', {
    match: { kinds: ['Deployment'], namespaces: ['*-prod'] },
    matchConditions: [
      {
        name: 'not-autoscaled',
        expression: "!has(object.metadata.annotations) || !('example.com/autoscaled' in object.metadata.annotations)",
      },
    ],
    validations: [
      {
        expression: 'has(object.spec.replicas) && object.spec.replicas >= 2',
        message: 'run at least 2 replicas in prod',
        fieldPath: 'spec.replicas',
      },
    ],
  }),
  policy('no-latest', 'Images are not tagged latest', {
    match: { kinds: [...WORKLOADS, 'Pod'] },
    variables: [{ name: 'pod', expression: "object.kind == 'Pod' ? object.spec : object.spec.template.spec" }],
    validations: [
      { expression: "variables.pod.containers.all(c, !c.image.endsWith(':latest'))", message: 'pin a version instead of latest' },
    ],
  }),
  policy('container-names', 'Container names are lower-case words', {
    match: { kinds: WORKLOADS },
    validations: [{ expression: "object.spec.template.spec.containers.all(c, c.name.matches('^[a-z][a-z0-9-]*$'))" }],
  }),
  policy('http-port-name', 'Container ports are named', {
    match: { kinds: WORKLOADS },
    validations: [
      {
        expression: 'object.spec.template.spec.containers.all(c, !has(c.ports) || c.ports.all(p, has(p.name)))',
        message: 'name every container port',
      },
    ],
  }),
  policy('configmap-size', 'ConfigMaps hold at most 50 keys', {
    match: { kinds: ['ConfigMap'] },
    validations: [{ expression: '!has(object.data) || size(object.data) <= 50', fieldPath: 'data' }],
  }),
  policy('secret-type', 'Secrets declare their type', {
    match: { kinds: ['Secret'] },
    validations: [{ expression: 'has(object.type)', message: 'set the Secret type' }],
  }),
  policy('ingress-tls', 'Ingresses in prod serve TLS', {
    match: { kinds: ['Ingress'], namespaces: ['*-prod'] },
    validations: [{ expression: 'has(object.spec.tls) && size(object.spec.tls) > 0', message: 'add spec.tls' }],
  }),
  policy('hpa-bounds', 'HPAs scale between sane bounds', {
    match: { kinds: ['HorizontalPodAutoscaler'] },
    validations: [
      {
        expression: '!has(object.spec.minReplicas) || object.spec.maxReplicas >= object.spec.minReplicas * 2',
        messageExpression: "'maxReplicas ' + string(object.spec.maxReplicas) + ' should be at least twice minReplicas'",
        fieldPath: 'spec.maxReplicas',
      },
    ],
  }),
  policy('cronjob-history', 'CronJobs keep a short history', {
    match: { kinds: ['CronJob'] },
    validations: [
      {
        expression: '!has(object.spec.failedJobsHistoryLimit) || object.spec.failedJobsHistoryLimit <= 5',
        fieldPath: 'spec.failedJobsHistoryLimit',
      },
    ],
  }),
  policy('no-default-namespace', 'Objects are not put in the default namespace', {
    validations: [
      { expression: "!has(object.metadata.namespace) || object.metadata.namespace != 'default'", fieldPath: 'metadata.namespace' },
    ],
  }),
  policy('owner-annotation', 'Frontend workloads name their owner', {
    match: { kinds: WORKLOADS, labelSelector: { matchLabels: { tier: 'frontend' } } },
    validations: [
      {
        expression: "has(object.metadata.annotations) && 'example.com/owner' in object.metadata.annotations",
        message: 'annotate frontend workloads with example.com/owner',
        fieldPath: 'metadata',
      },
    ],
  }),
  policy('env-names', 'Environment variable names are upper case', {
    match: { kinds: WORKLOADS },
    validations: [
      {
        expression: "object.spec.template.spec.containers.all(c, !has(c.env) || c.env.all(e, e.name.matches('^[A-Z_][A-Z0-9_]*$')))",
        message: 'environment variable names are upper case',
      },
    ],
  }),
];
