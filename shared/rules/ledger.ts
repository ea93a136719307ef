// 台账 files, apart from the schemas so that the code reading and writing them does not build every zod schema.

/** Sheets of an import file, by their Chinese names (the template's tabs; a CSV holds one of them, named by its first cell). */
export const IMPORT_SHEETS = { orgs: '组织', stations: '驿站', members: '党员' } as const;
export type ImportSheet = keyof typeof IMPORT_SHEETS;

/** A file of up to ~3.5 MB: it comes as base64 in a JSON body (see the route's body limit). */
export const MAX_IMPORT_FILE_BYTES = 3_500_000;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' as const;
