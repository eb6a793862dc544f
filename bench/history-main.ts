// The history bench's entry when it runs bundled (see run() in history.ts): one JSON line on stdout.
import { measureSizes } from './history';

console.log(JSON.stringify(await measureSizes()));
process.exit(0);
