export declare const external: string[];
export declare function compile(options?: { quiet?: boolean }): Promise<{ dir: string; inputs: number; outputs: number }>;
