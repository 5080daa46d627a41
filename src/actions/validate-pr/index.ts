// Entry of the validate-pr action: everything happens in run().
import { run } from './run.js';

await run();
