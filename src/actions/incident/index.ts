// Entry of the incident action: everything happens in run().
import { run } from './run.js';

await run();
