// CSS Modules: class names resolved at build time into a static stylesheet (the CSP allows no runtime CSS).
declare module '*.module.css' {
  const classes: Readonly<Record<string, string>>;
  export default classes;
}
