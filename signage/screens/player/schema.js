// A small JSON Schema (draft 2020-12) checker for the subset the feed contract uses.
// The contract itself (feed.schema.json) is shipped next to the player: one source of truth.
// An unknown keyword makes the check fail closed, so a schema change can never let
// an unchecked feed through.

const ANNOTATIONS = new Set(["$schema", "$id", "$comment", "title", "description", "default", "examples"]);

function typeOf(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function hasType(value, type) {
  const actual = typeOf(value);
  return actual === type || (type === "number" && actual === "integer");
}

function resolve(root, ref) {
  if (!ref.startsWith("#/")) throw new Error(`unsupported $ref ${ref}`);
  let node = root;
  for (const part of ref.slice(2).split("/")) node = node[part.replace(/~1/g, "/").replace(/~0/g, "~")];
  if (node === undefined) throw new Error(`unresolved $ref ${ref}`);
  return node;
}

function check(root, schema, value, path, problems) {
  if (problems.length > 20) return;
  for (const [keyword, rule] of Object.entries(schema)) {
    if (ANNOTATIONS.has(keyword) || keyword === "$defs") continue;
    switch (keyword) {
      case "$ref":
        check(root, resolve(root, rule), value, path, problems);
        break;
      case "type": {
        const types = Array.isArray(rule) ? rule : [rule];
        if (!types.some((type) => hasType(value, type))) problems.push(`${path}: expected ${types.join("|")}`);
        break;
      }
      case "const":
        if (value !== rule) problems.push(`${path}: expected ${JSON.stringify(rule)}`);
        break;
      case "enum":
        if (!rule.includes(value)) problems.push(`${path}: not one of ${rule.join(", ")}`);
        break;
      case "pattern":
        if (typeof value === "string" && !new RegExp(rule, "u").test(value)) problems.push(`${path}: does not match ${rule}`);
        break;
      case "minimum":
        if (typeof value === "number" && !(value >= rule)) problems.push(`${path}: below ${rule}`);
        break;
      case "maximum":
        if (typeof value === "number" && !(value <= rule)) problems.push(`${path}: above ${rule}`);
        break;
      case "exclusiveMinimum":
        if (typeof value === "number" && !(value > rule)) problems.push(`${path}: not above ${rule}`);
        break;
      case "exclusiveMaximum":
        if (typeof value === "number" && !(value < rule)) problems.push(`${path}: not below ${rule}`);
        break;
      case "minLength":
        if (typeof value === "string" && [...value].length < rule) problems.push(`${path}: too short`);
        break;
      case "required":
        if (typeOf(value) === "object") {
          for (const name of rule) if (!Object.hasOwn(value, name)) problems.push(`${path}: missing ${name}`);
        }
        break;
      case "properties":
        if (typeOf(value) === "object") {
          for (const [name, sub] of Object.entries(rule)) {
            if (Object.hasOwn(value, name)) check(root, sub, value[name], `${path}.${name}`, problems);
          }
        }
        break;
      case "additionalProperties":
        if (typeOf(value) === "object") {
          const known = schema.properties || {};
          for (const name of Object.keys(value)) {
            if (Object.hasOwn(known, name)) continue;
            if (rule === false) problems.push(`${path}: unexpected ${name}`);
            else if (typeof rule === "object") check(root, rule, value[name], `${path}.${name}`, problems);
          }
        }
        break;
      case "propertyNames":
        if (typeOf(value) === "object") {
          for (const name of Object.keys(value)) check(root, rule, name, `${path}[${JSON.stringify(name)}]`, problems);
        }
        break;
      case "minProperties":
        if (typeOf(value) === "object" && Object.keys(value).length < rule) problems.push(`${path}: too few properties`);
        break;
      case "items":
        if (Array.isArray(value)) value.forEach((item, index) => check(root, rule, item, `${path}[${index}]`, problems));
        break;
      case "minItems":
        if (Array.isArray(value) && value.length < rule) problems.push(`${path}: too few items`);
        break;
      default:
        throw new Error(`unsupported schema keyword ${keyword}`);
    }
  }
}

/** Every way `value` breaks `schema` (empty when it conforms). Throws on an unsupported schema. */
export function validate(schema, value) {
  const problems = [];
  check(schema, schema, value, "$", problems);
  return problems;
}
