// How one-line values are written into YAML: what fixes and the persona rename write.

/** A YAML scalar for a one-line value: plain when that reads back the same, else double-quoted. */
export function yamlScalar(value: string): string {
  const plainSafe = /^[^\s\-?:,[\]{}#&*!|>'"%@`]/.test(value) && !/:\s|\s#|[\r\n]|:$|\s$/.test(value);
  return plainSafe ? value : JSON.stringify(value);
}
