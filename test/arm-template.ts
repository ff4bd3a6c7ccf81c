import { LINUX } from "./helpers.js";

/** LINUX as the one resource of an ARM deployment template, with `swap` applied to the resource's text. */
export function arm(parameters: string, variables: string, swap: (resource: string) => string): string {
  const resource = swap(LINUX).split("\n").map((l) => `    ${l}`).join("\n");
  return `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
${parameters}
  },
  "variables": {
${variables}
  },
  "resources": [
${resource}
  ]
}`;
}
