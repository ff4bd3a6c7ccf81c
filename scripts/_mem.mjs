import { readFileSync } from "node:fs";
const { parseJson } = await import("/work/wt-rel/dist/parse/json.js");
const text = readFileSync(process.argv[2], "utf8");
const mb = () => { global.gc(); return (process.memoryUsage().heapUsed / 1e6).toFixed(0) + "MB"; };
const rss = () => (process.resourceUsage().maxRSS / 1e3).toFixed(0) + "MB peak";
console.log("text", mb(), rss());
let p = parseJson(text);
console.log("parsed", mb(), rss());
