// Package ingest reads court exports (CSV and XLSX) into court types, with
// the checks of DATA.md and problem reports in Chinese. It does no database
// work: a caller takes the Rows from a Source and writes them, or saves the
// rejected ones with a RejectWriter.
//
// Vocabulary:
//   - Table: what a file holds: Cases (案件信息表), People (人员), Funds
//     (执行案款表), Mediations (诉前调解表) or Parties (当事人表).
//   - Source: one open export file. Open tells XLSX from CSV by content,
//     detects the text encoding (UTF-8 with or without BOM, GB18030/GBK) and
//     maps the header to the table's fields; file-level faults are errors.
//   - Row: one data row, read into a court type, with its Problems.
//   - Ref: where a row is (file, worksheet, line).
//   - Problem: one reason a row cannot be imported, naming column, value and
//     what is expected.
//   - rejects file: the rejected rows plus a 错误原因 column, written by
//     RejectWriter; a fixed rejects file imports again as is.
//
// Strictness is the caller's policy: a Source reports every problem of every
// row and never drops or repairs a value silently.
package ingest
