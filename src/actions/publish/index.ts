// Entry of the publish action: everything happens in run().
import { run } from './run.js';

await run();
