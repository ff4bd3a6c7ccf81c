import { WINDOWS } from "../helpers.js";
import { RuleTester } from "../rule-tester.js";

const restart = (value: string) => ({ lines: { 16: `      { "type": "WindowsRestart", "name": "tidy", "restartTimeout": "${value}" },` } });

new RuleTester({ text: WINDOWS }).run("restart-timeout", {
  valid: ["5m", "1h30m", "90s", "2h", "1.5h", "0", ".5h", "300ms"].map((value) => ({ name: `${value} is a Go duration`, ...restart(value) })),
  invalid: [{ name: "a timeout that is not a duration, with a suggestion", ...restart("10 minutes"), errors: [{ line: 16, at: `"10 minutes"`, severity: "error", includes: `"10m"` }] }],
});
