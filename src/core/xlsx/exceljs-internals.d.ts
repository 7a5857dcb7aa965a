/** The one exceljs internal the adapter touches (see exceljsAdapter.ts, “surrogate pairs”). */
declare module 'exceljs/lib/utils/zip-stream' {
  interface ZipWriterPrototype {
    append(data: unknown, options: { readonly name: string; readonly base64?: boolean }): void;
  }
  const zipStream: { readonly ZipWriter: { readonly prototype: ZipWriterPrototype } };
  export default zipStream;
}
