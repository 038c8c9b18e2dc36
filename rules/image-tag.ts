import { defineRule, type RuleReport } from '../src/engine/rule.js';
import { isValidDigest, parseImage } from '../src/k8s/image.js';
import { containersOf, describeContainer } from '../src/k8s/workloads.js';

export interface ImageTagOptions {
  requireDigest: boolean;
  disallowedTags: string[];
}

export default defineRule<ImageTagOptions>({
  id: 'image-tag',
  meta: {
    description: 'Container images are pinned to a version or digest, never latest or untagged',
    category: 'reliability',
    defaultSeverity: 'error',
    presets: ['recommended'],
    scope: 'object',
    appliesTo: ['resource', 'patch'],
    rationale:
      'An image without a tag means `latest`, and `latest` (like any floating tag) points at different code over time: two replicas of one Deployment can run different builds, a rollback redeploys whatever is newest, and the cluster pulls on every start (imagePullPolicy defaults to Always for latest).',
    remediation:
      'Use an immutable version tag (nginx:1.27.2) or a digest (nginx@sha256:...). With requireDigest, pin every image by digest.',
    options: {
      properties: {
        requireDigest: { type: 'boolean', description: 'Require every image to be pinned by digest (`@sha256:...`), tag or not.' },
        disallowedTags: {
          type: 'array',
          items: { type: 'string' },
          description: 'Tags treated as floating, compared case-insensitively.',
        },
      },
    },
    defaults: { requireDigest: false, disallowedTags: ['latest'] },
  },
  check({ object, options, env }) {
    const floating = new Set(options.disallowedTags.map((t) => t.toLowerCase()));
    // Images whose tag a tool sets when it deploys: kustomize `images:` in a build that includes
    // this file, or an image Skaffold builds.
    const setByTool = new Set([...(env.kustomize?.pinnedImages[object.filePath] ?? []), ...(env.kustomize?.toolImages ?? [])]);
    const reports: RuleReport[] = [];
    for (const ref of containersOf(object, { ephemeral: true })) {
      const image = ref.container.image;
      if (typeof image !== 'string' || image.trim() === '') continue;
      const path = [...ref.path, 'image'];
      const who = describeContainer(ref);
      const { tag, digest } = parseImage(image);
      if (setByTool.has(parseImage(image).repository)) continue;
      if (digest !== undefined) {
        if (!isValidDigest(digest)) {
          reports.push({
            path,
            message: `${who} uses image "${image}" with a malformed digest: use @sha256: followed by the 64-character hex digest`,
          });
        }
        continue;
      }
      if (options.requireDigest) {
        reports.push({
          path,
          message: `${who} uses image "${image}" without a digest: pin it by digest (${image.split('@')[0] ?? image}@sha256:...)`,
        });
        continue;
      }
      if (tag === undefined || tag === '') {
        reports.push({ path, message: `${who} uses image "${image}" with no tag, which means latest: pin a version or digest` });
      } else if (floating.has(tag.toLowerCase())) {
        reports.push({ path, message: `${who} uses image "${image}": the "${tag}" tag floats, pin a version or digest` });
      }
    }
    return reports;
  },
});
