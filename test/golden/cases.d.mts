export declare const GOLDEN_CASES: readonly { name: string; builder: string; args: unknown[] }[];
