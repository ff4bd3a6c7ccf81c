/** Value formats that the rules check and the editor schema states as patterns. */

/** Go's duration syntax, which the Packer restart provisioner parses: 5m, 1h30m, 90s. */
export const DURATION = /^(?:0|(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|\u00b5s|\u03bcs|ms|s|m|h))+)$/;

/** A sha256 checksum as the service takes it: 64 hex digits. */
export const SHA256 = /^[0-9a-fA-F]{64}$/;
