// Names the examples of README.md and docs/ use but do not define (the reader's own code).
declare function askPersonForCode(hint?: string): Promise<string>;
declare function showWrongCode(): void;
declare function showError(message: string): void;
declare function showAccess(grant: string, spaces: string[]): void;
declare function warn(message: string): void;
declare const challengeId: string;
declare const code: string;
declare const apiKey: string;
declare const chrome: {
  storage: {
    session: { get(key: string): Promise<Record<string, unknown>>; set(items: object): Promise<void>; remove(key: string): Promise<void> };
    local: { get(key: string): Promise<Record<string, unknown>>; set(items: object): Promise<void>; remove(key: string | string[]): Promise<void> };
  };
};
