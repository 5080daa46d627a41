// An esbuild plugin for the action bundles. @actions/core imports its OIDC client (and through it
// @actions/http-client and undici, about 420 KB of each bundle) at the top of the module, for
// getIDToken, which no action calls. Marked free of side effects, that import is dropped when
// nothing uses it, and kept whole the day something does.
export const unusedOidcClient = {
  name: 'unused-oidc-client',
  setup(builder) {
    builder.onResolve({ filter: /^@actions\/http-client(\/|$)/ }, async (args) => {
      if (args.pluginData?.unusedOidcClient) return undefined;
      const resolved = await builder.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: { unusedOidcClient: true },
      });
      return resolved.errors.length ? undefined : { path: resolved.path, sideEffects: false };
    });
  },
};
