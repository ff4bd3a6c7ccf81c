import { expect } from "vitest";
import { ruleTester } from "../rule-tester.js";

const VNET = "/subscriptions/0b7a5d0e-1c3f-4e8a-9d2b-6f5e4c3b2a19/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/v";
const BUILD = `"subnetId": "${VNET}/subnets/build"`;
const ACI = `${BUILD}, "containerInstanceSubnetId": "${VNET}/subnets/aci"`;
const vnet = (config: string, version = "2024-02-01") => ({ lines: { 3: `  "apiVersion": "${version}",`, 12: `    "vmProfile": { "vnetConfig": { ${config} } },` } });

ruleTester.run("vnet-config", {
  valid: [
    { name: "a build subnet with a container instance subnet", ...vnet(ACI) },
    { name: "a build subnet with a proxy VM size", ...vnet(`${BUILD}, "proxyVmSize": "Standard_A2_v2"`) },
    { name: "a proxyVmSize that is null is no conflict", ...vnet(`${ACI}, "proxyVmSize": null`) },
    { name: "a proxyVmSize only known at deployment (maybe null) is no conflict", ...vnet(`${ACI}, "proxyVmSize": "[reference('x').size]"`) },
    {
      name: "null means not given, and empty defaults are not set (no finding of any rule)",
      lines: {
        3: `  "apiVersion": "2024-02-01",`,
        12: `    "vmProfile": { "vmSize": null, "vnetConfig": { "subnetId": "${VNET}/subnets/b", "containerInstanceSubnetId": "${VNET}/subnets/a", "proxyVmSize": "" } },`,
        16: `      { "type": "Shell", "name": "tidy", "scriptUri": "", "inline": ["sudo apt-get clean"], "sha256Checksum": null },`,
      },
      also: ({ all }) => expect(all).toEqual([]),
    },
  ],
  invalid: [
    { name: "containerInstanceSubnetId needs subnetId", ...vnet(`"containerInstanceSubnetId": "${VNET}/subnets/aci"`), errors: [{ line: 12, at: `"containerInstanceSubnetId"`, severity: "error" }] },
    { name: "no proxyVmSize with containerInstanceSubnetId", ...vnet(`${ACI}, "proxyVmSize": "Standard_A1_v2"`), errors: [{ line: 12, at: `"proxyVmSize"` }] },
    {
      name: "the same subnet twice",
      ...vnet(`${BUILD}, "containerInstanceSubnetId": "${VNET}/subnets/build"`),
      errors: [{ line: 12, at: `"${VNET}/subnets/build" }`, includes: "different subnet" }],
    },
    {
      name: "a container instance subnet in another VNet",
      ...vnet(`${BUILD}, "containerInstanceSubnetId": "${VNET}2/subnets/aci"`),
      errors: [{ line: 12, at: `"${VNET}2/subnets/aci"`, includes: "same virtual network" }],
    },
    {
      name: "the whole legacy form under 2019-05-01-preview",
      ...vnet(`"name": "v", "subnetName": "s"`, "2019-05-01-preview"),
      errors: [{ line: 12, at: `"name"`, message: `the legacy vnetConfig with "name" also needs "resourceGroupName"` }],
    },
  ],
});
