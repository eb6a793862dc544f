// Shared pieces for every screen. Styles are CSS Modules (static files; the CSP forbids runtime CSS).
export { Button, type ButtonVariant } from './Button';
export { Field, type ControlProps } from './Field';
export { ConfirmDialog, Dialog } from './Dialog';
export { EmptyState } from './EmptyState';
export { ProgressBar, etaText } from './ProgressBar';
export { DataTable, type DataColumn, type DataTableProps } from './DataTable';
