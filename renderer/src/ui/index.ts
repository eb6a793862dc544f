// Shared pieces for every screen. Styles are CSS Modules (static files; the CSP forbids runtime CSS).
// Screens import from here; the shell (app/, components/, api/) imports each piece from its own file: through
// this list every piece, the table library too, would land in the window's first script (renderer-build.test.ts).
export { Button, type ButtonVariant } from './Button';
export { Field, type ControlProps } from './Field';
export { ConfirmDialog, Dialog } from './Dialog';
export { EmptyState } from './EmptyState';
export { Segmented, type SegmentedOption } from './Segmented';
export { StepIndicator } from './StepIndicator';
export { ProgressBar, etaText } from './ProgressBar';
export { DataTable, type DataColumn, type DataTableProps } from './DataTable';
