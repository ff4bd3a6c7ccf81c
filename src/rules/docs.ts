/** Where the rule documentation lives: the README's rule sections. */
export const HOMEPAGE = "https://github.com/aib-lint/aib-lint";

export function ruleHelpUri(id?: string): string {
  return id ? `${HOMEPAGE}/blob/main/README.md#rule-${id}` : `${HOMEPAGE}#readme`;
}
