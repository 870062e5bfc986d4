// @observablehq/runtime ships no types; this is the part of its API that gradsheet uses.
declare module '@observablehq/runtime' {
  export interface Observer<T = unknown> {
    pending?(): void;
    fulfilled?(value: T, name?: string | null): void;
    rejected?(error: unknown, name?: string | null): void;
  }
  export class Variable {
    define(name: string | null, inputs: readonly string[], definition: (...args: never[]) => unknown): Variable;
    define(name: string | null, definition: (...args: never[]) => unknown): Variable;
    delete(): Variable;
  }
  export class Module {
    variable(observer?: Observer | boolean): Variable;
    define(name: string, inputs: readonly string[], definition: (...args: never[]) => unknown): Variable;
    redefine(name: string, inputs: readonly string[], definition: (...args: never[]) => unknown): Variable;
    value(name: string): Promise<unknown>;
  }
  export class Runtime {
    constructor(builtins?: Record<string, unknown> | null, global?: (name: string) => unknown);
    module(): Module;
    dispose(): void;
  }
  export class RuntimeError extends Error {
    constructor(message: string, input?: string);
    input?: string;
  }
}
