/** apiVersion strings (`apps/v1`, `v1`, `example.com/v1beta2`): their group, and their stability order. */

/** The API group of an apiVersion: `apps/v1` -> `apps`; the core group (`v1`) and none -> ``. */
export function apiGroupOf(apiVersion: string | undefined): string {
  if (!apiVersion) return '';
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** Most stable first: v1 > v1beta2 > v1beta1 > v1alpha1; versions of another form last, then by name. */
export function compareApiVersions(a: string, b: string): number {
  const rank = (api: string): [number, number, number] => {
    const version = api.split('/').pop() ?? api;
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(version);
    if (!m) return [3, 0, 0];
    return [m[2] === undefined ? 0 : m[2] === 'beta' ? 1 : 2, -Number(m[1]), -Number(m[3] ?? 0)];
  };
  const [a1, a2, a3] = rank(a);
  const [b1, b2, b3] = rank(b);
  return a1 - b1 || a2 - b2 || a3 - b3 || (a < b ? -1 : a > b ? 1 : 0);
}
