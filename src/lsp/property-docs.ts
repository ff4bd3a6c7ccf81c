/** What the model (src/schema/model.ts) says about the property at a path of a template, for hover and completion. */
import { memberCI, type ObjectNode, type PathSegment, type ValueNode } from "../parse/ast.js";
import { describeSpec, describeTag } from "../schema/docs.js";
import { templateProps, type Props, type PropSpec, type TypeSpec, type Variant } from "../schema/model.js";
import type { ApiVersion } from "../model/versions.js";

type Union = Extract<TypeSpec, { kind: "union" }>;

export interface PropertyInfo {
  key: string;
  /** The model's entry; undefined for a key the model does not know. */
  spec?: PropSpec;
  /** Set when the key is a union's tag (`type` of a customizer, `scheme` of versioning). */
  union?: Union;
  /** The object type the key stands in, for completing its siblings. */
  parent?: Props;
}

/** The spec of the member at `path` (relative to the template node), following union variants by their tag. */
export function propertyAt(template: ObjectNode, path: readonly PathSegment[]): PropertyInfo | undefined {
  let type: TypeSpec = { kind: "object", props: templateProps };
  let node: ValueNode | undefined = template;
  let info: PropertyInfo | undefined;
  for (const segment of path) {
    if (typeof segment === "number") {
      if (type.kind !== "array") return undefined;
      type = type.items;
      node = node?.kind === "array" ? node.items[segment] : undefined;
      info = undefined;
      continue;
    }
    const props = propsOf(type, node);
    if (type.kind === "union" && segment.toLowerCase() === type.tag.toLowerCase()) info = { key: segment, union: type, ...(props ? { parent: props } : {}) };
    else if (props) {
      const spec = lookup(props, segment);
      info = { key: segment, ...(spec ? { spec } : {}), parent: props };
      if (!spec) return info;
      type = spec.type;
    } else if (type.kind === "map") {
      info = undefined;
      type = type.values;
    } else return undefined;
    node = node?.kind === "object" ? memberCI(node, segment)?.value : undefined;
  }
  return info;
}

/** The properties an object (or the chosen variant of a union) has; undefined for other types. */
export function propsOf(type: TypeSpec, node: ValueNode | undefined): Props | undefined {
  if (type.kind === "object") return type.props;
  if (type.kind !== "union") return undefined;
  const variant = chosenVariant(type, node);
  return variant?.props;
}

function chosenVariant(type: Union, node: ValueNode | undefined): Variant | undefined {
  const tag = node?.kind === "object" ? memberCI(node, type.tag)?.value : undefined;
  if (tag?.kind !== "string") return undefined;
  return type.variants.find((v) => v.value === tag.value) ?? type.variants.find((v) => v.value.toLowerCase() === tag.value.toLowerCase());
}

function lookup(props: Props, key: string): PropSpec | undefined {
  if (Object.hasOwn(props, key)) return props[key];
  const lower = key.toLowerCase();
  const match = Object.keys(props).find((k) => k.toLowerCase() === lower);
  return match ? props[match] : undefined;
}

export function describeProperty(info: PropertyInfo, version: ApiVersion): string {
  if (info.union) return describeTag(info.key, info.union, version);
  return info.spec ? describeSpec(info.key, info.spec, version) : `**${info.key}** — not a property aib-lint knows here`;
}
