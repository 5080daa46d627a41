// Entry of the handoff action: everything happens in run().
import { run } from './run.js';

await run();
