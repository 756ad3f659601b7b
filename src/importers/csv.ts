// The CSV reader lives with its writer in src/formats/csv/; the LinkedIn reader still imports it here.
export {
  isBlankRow,
  tokenizeCsv,
  type CsvRow,
  type CsvSeparator,
  type CsvTokens,
} from '../formats/csv/read.js';
