/** Types of scripts/prebuild-validators.mjs (plain JavaScript: it runs right after `npm install`). */
export declare const PREBUILT_KINDS: readonly (readonly [apiVersion: string, kind: string])[];
export declare function prebuildValidators(command: readonly string[]): Map<string, Buffer>;
