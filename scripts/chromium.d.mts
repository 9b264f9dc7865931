export declare const CHROMIUM_ARGS: string[];
export declare const FAKE_MICROPHONE_ARGS: string[];
export declare function resolveChromium(): Promise<string>;
