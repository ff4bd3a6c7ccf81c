#!/usr/bin/env node
// Kept for those who call bin/aib-lint.js; the package's bin is aib-lint.cjs beside it.
import "./aib-lint.cjs";
