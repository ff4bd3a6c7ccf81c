#!/usr/bin/env node
// Rewrites the rule reference in README.md from the rules' own metadata (via the build in dist/).
import { readFileSync, writeFileSync } from "node:fs";
import { renderRuleReference, RULES_END, RULES_START } from "../dist/rules/markdown.js";

const readme = readFileSync("README.md", "utf8");
const start = readme.indexOf(RULES_START);
const end = readme.indexOf(RULES_END);
if (start < 0 || end < 0) throw new Error("README.md has no rules markers");
writeFileSync("README.md", readme.slice(0, start) + renderRuleReference() + readme.slice(end + RULES_END.length));
console.log("README.md rule reference updated");
