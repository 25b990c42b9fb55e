import type ProviderClass from 'oidc-provider';

/** `import()` kept as it is: TypeScript compiles this app to CommonJS and would turn a plain one into `require()`. */
const importModule = new Function('specifier', 'return import(specifier)') as (
  specifier: string,
) => Promise<{ default: typeof ProviderClass }>;

/** oidc-provider is ESM-only: loaded once, on first use. */
export async function loadOidcProvider(): Promise<typeof ProviderClass> {
  return (await importModule('oidc-provider')).default;
}
