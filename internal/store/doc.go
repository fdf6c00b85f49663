// Package store is the only package that speaks SQL. It keeps 质效's data in
// SQLite (a file, modernc.org/sqlite, pure Go; write-ahead log, foreign keys
// on, busy timeout) or PostgreSQL (jackc/pgx), with one schema: the numbered
// files of migrations/, applied forward only by Open.
//
// Vocabulary:
//
//   - DB is an open database; Dialect tells which engine.
//   - Import (导入) is one import run: a single transaction that writes the
//     records added to it and an import_runs row, or nothing at all. Counts
//     are its rows read, inserted, updated, unchanged and rejected.
//   - A case (案件) is keyed by its canonical 案号. Its row hash covers every
//     stored field; a re-imported case with the same hash is unchanged and
//     not written, a changed one is updated and each changed field goes to
//     case_changes (CaseChange) under its DATA.md header (结案日期 ...).
//   - Resolution: an export names courts, departments and people, not ids.
//     A court is found by name or by 法院代字, a department by court and
//     name. A person is found by court and 工号 when the export gives one;
//     otherwise by court and name: the only namesake, else the only one in the
//     case's department, else the row is refused (kind Invalid) and the user
//     is asked for the 工号. What is not found is created: a court with the
//     level its name suggests and the 法院代字 of the 案号, a person with no
//     personnel category. A person first known from a case file (no 工号) is
//     adopted by the first row that gives their 工号 (case or people file).
//
// Imports are fast: names resolve against an in-memory directory loaded when
// the import begins; cases are written in batches by a goroutine of the
// import while the caller parses the next rows (multi-row INSERT in SQLite,
// COPY in PostgreSQL); an import into an empty cases table drops the
// indexes (and, in PostgreSQL, the foreign keys) of cases and case_panel and
// builds them again before committing. ScanCases reads the cases back in
// parallel chunks on one snapshot.
//
// Every method takes a context. "Not found" is an error of kind NotFound;
// other failures are *court.Error values with a Chinese message.
package store
