import { version } from '../../package.json';

// The app's version, bundled into the build (no package.json read at run time).
export const RELAY_VERSION: string = version;
