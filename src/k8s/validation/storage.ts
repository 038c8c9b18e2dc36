/**
 * The storage.k8s.io API group's validation (k8s.io/kubernetes/pkg/apis/storage/validation/
 * validation.go): StorageClasses.
 */
import { type ApiFinding, FieldPath, invalid, isSet, keysOf, notSupported, required, str } from './field.js';
import { isPlaceholder } from '../placeholders.js';
import { qualifiedNameProblem } from '../names.js';

/** ValidateStorageClass */
export function validateStorageClass(value: Record<string, unknown>): ApiFinding[] {
  const out: ApiFinding[] = [];
  const provisioner = str(value.provisioner);
  if (provisioner === '') out.push(required(FieldPath.root('provisioner'), '', 'name the provisioner, for example ebs.csi.aws.com'));
  else if (provisioner !== undefined && !isPlaceholder(provisioner)) {
    const problem = qualifiedNameProblem(provisioner.toLowerCase());
    if (problem)
      out.push(
        invalid(
          FieldPath.root('provisioner'),
          provisioner,
          `must be a qualified name: ${problem}`,
          'use the provisioner name its driver documents',
        ),
      );
  }
  const params = keysOf(value.parameters);
  if (params.length > 512)
    out.push(
      invalid(FieldPath.root('parameters'), `${params.length} parameters`, 'can have at most 512 parameters', 'trim the parameters'),
    );
  if (params.includes('')) out.push(invalid(FieldPath.root('parameters'), '', 'field can not be empty.', 'remove the empty key'));
  const reclaim = value.reclaimPolicy;
  if (isSet(reclaim) && reclaim !== 'Delete' && reclaim !== 'Retain' && !isPlaceholder(reclaim)) {
    out.push(notSupported(FieldPath.root('reclaimPolicy'), reclaim, ['Delete', 'Retain']));
  }
  const mode = value.volumeBindingMode;
  if (isSet(mode) && mode !== 'Immediate' && mode !== 'WaitForFirstConsumer' && !isPlaceholder(mode)) {
    out.push(notSupported(FieldPath.root('volumeBindingMode'), mode, ['Immediate', 'WaitForFirstConsumer']));
  }
  return out;
}
