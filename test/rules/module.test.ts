import { RuleTester } from "../rule-tester.js";

/** A module with nothing to report: one param, no template. */
const NETWORK = "param prefix string\noutput name string = '${prefix}-net'\n";
const call = (path: string) => `module net '${path}' = {\n  name: 'net'\n  params: {\n    prefix: 'img'\n  }\n}\n`;
/** The caller's folder is a repository (a module outside it is not followed). */
const REPOSITORY = { ".git/HEAD": "ref: refs/heads/main\n" };

new RuleTester({ file: "main.bicep" }).run("module", {
  valid: [
    { name: "no module call", text: "param x string\n" },
    { name: "a local module that is read and followed", text: call("network.bicep"), files: { ...REPOSITORY, "network.bicep": NETWORK } },
    { name: "lintText without a module reader does not follow local modules, and says nothing", text: call("network.bicep") },
  ],
  invalid: [
    { name: "a registry module is not fetched: a note at its path", text: call("br/public:avm/res/network/virtual-network:0.1.0"), errors: [{ line: 1, at: "'br/public:", severity: "info" }] },
    { name: "a local module that is missing", text: call("missing.bicep"), files: REPOSITORY, errors: [{ line: 1, at: "'missing.bicep'", includes: "missing.bicep" }] },
    {
      name: "a local module outside the repository",
      text: call("../outside.bicep"),
      file: "repo/main.bicep",
      files: { "repo/.git/HEAD": REPOSITORY[".git/HEAD"], "outside.bicep": NETWORK },
      errors: [{ line: 1, at: "'../outside.bicep'", severity: "info", includes: "outside" }],
    },
  ],
});
