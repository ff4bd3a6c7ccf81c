/** What the Bicep and Terraform front ends lower a file to: an ARM deployment template in the located value tree. */
import type { Member, ObjectNode } from "./ast.js";

/** `{contentVersion, parameters, variables, resources}` spanning the whole text (`end` is its length). */
export function armDeployment(end: number, parameters: Member[], variables: Member[], resources: Member[]): ObjectNode {
  const section = (key: string, members: Member[]): Member => ({ key, keyStart: 0, keyEnd: 0, value: { kind: "object", start: 0, end: 0, path: [key], members } });
  return {
    kind: "object",
    start: 0,
    end,
    path: [],
    members: [
      { key: "contentVersion", keyStart: 0, keyEnd: 0, value: { kind: "string", start: 0, end: 0, path: ["contentVersion"], value: "1.0.0.0" } },
      section("parameters", parameters),
      section("variables", variables),
      section("resources", resources),
    ],
  };
}
