// The PDFs of the tests (extracts laid out like KVK's, and files that are not) live beside `npm run dev`,
// whose demo cases upload an extract too.
export * from '../../tools/pdf/extract-pdf';
