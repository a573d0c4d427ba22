#!/usr/bin/env node
// The installed `backlog-coach` command: runs the bundled CLI.
require("../dist/cli.js");
