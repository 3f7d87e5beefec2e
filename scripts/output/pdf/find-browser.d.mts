export type BrowserSearch =
  | { found: true; executablePath: string; from: 'PUPPETEER_EXECUTABLE_PATH' | 'CHROME_PATH' | 'system' }
  | { found: false; tried: string[]; badVariable?: { variable: string; value: string } };

export interface FindBrowserOptions {
  env?: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
  isExecutable?: (file: string) => boolean;
}

export declare const browserVariables: readonly string[];
export declare function systemBrowserPaths(platform: NodeJS.Platform, env: Record<string, string | undefined>): string[];
export declare function isExecutableFile(file: string): boolean;
export declare function findBrowser(options?: FindBrowserOptions): BrowserSearch;
