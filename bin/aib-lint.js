#!/usr/bin/env node
// The CLI is one bundled file made by `npm run build` (scripts/build.mjs).
import "../dist/aib-lint.mjs";
