export declare const distDir: string;
export declare const manifestName: string;
export declare function compiledCli(root?: string): string | undefined;
