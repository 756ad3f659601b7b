import { describe as nodeDescribe, it as nodeIt } from 'node:test';

// node:test returns promises that the runner awaits itself; these wrappers keep lint's
// no-floating-promises rule meaningful everywhere else (as test/importers/helpers.ts does).
export function describe(name: string, fn: () => void): void {
  void nodeDescribe(name, fn);
}

export function it(name: string, fn: () => void): void {
  void nodeIt(name, fn);
}
