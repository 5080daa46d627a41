// Entry of the cover action: everything happens in run().
import { run } from './run.js';

await run();
