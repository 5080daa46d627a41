#!/usr/bin/env node
// The CLI runs from the committed bundle, so `npx oncall` works right after `npm ci`.
import '../dist/cli/oncall.js';
