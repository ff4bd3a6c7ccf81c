/** Set by the bundler (scripts/build.mjs); undefined when the modules run unbundled (tests, dist/ modules). */
declare const __AIB_LINT_VERSION__: string | undefined;
declare const __AIB_LINT_HOMEPAGE__: string | undefined;
