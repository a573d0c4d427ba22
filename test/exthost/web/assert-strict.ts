// What `node:assert/strict` is in the web suite's bundle: the npm port of Node's assert, strict mode.
import assert from "assert";

export default assert.strict;
