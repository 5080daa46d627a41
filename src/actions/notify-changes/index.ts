// Entry of the notify-changes action: everything happens in run().
import { run } from './run.js';

await run();
