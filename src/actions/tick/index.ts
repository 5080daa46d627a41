// Entry of the tick action: everything happens in run().
import { run } from './run.js';

await run();
