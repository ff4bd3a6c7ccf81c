#!/usr/bin/env node
// `npm run docs`: writes docs/rules.md and the README's rule list from the rules' own metadata (via dist/).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { renderRuleReference, renderRuleTable, RULES_END, RULES_START } from "../dist/report/rule-markdown.js";

const readme = readFileSync("README.md", "utf8");
const start = readme.indexOf(RULES_START);
const end = readme.indexOf(RULES_END);
if (start < 0 || end < 0) throw new Error("README.md has no rules markers");
writeFileSync("README.md", readme.slice(0, start) + renderRuleTable() + readme.slice(end + RULES_END.length));
mkdirSync("docs", { recursive: true });
writeFileSync("docs/rules.md", renderRuleReference());
console.log("docs/rules.md and the README's rule list updated");
