// Package documents writes the 文书 of the platform: the monthly bulletin
// (审判质效月通报) of a court or department as DOCX and XLSX, and drafts of
// routine documents (民事判决书, 民事调解书, 准予撤诉裁定书, 终结本次执行程序
// 裁定书, 一次性告知书, 约谈通知书, 督办通知单) from the case data.
//
// Vocabulary:
//   - Template: a DOCX whose text holds placeholders {{名称}}. Word splits
//     a placeholder over several runs; ParseTemplate merges them first. The
//     default templates are built by code (build.go); a court uploads its
//     own edited copy.
//   - Value: what a placeholder becomes: inline text, or a block (paragraphs,
//     a table, a PNG image) that replaces the placeholder's paragraph.
//   - Kind: the bulletin or a draft kind (Kind.Title is its Chinese name).
//   - Bulletin: the numbers of one unit and month, gathered from the
//     indicator engine (GatherBulletin), written by Fields (DOCX) and XLSX.
//   - Summary and the *Sentences functions: the bulletin's sentences,
//     generated from the numbers (同比 against the same month a year before).
//   - Charts: PNG charts drawn with gonum/plot and a TrueType font found at
//     run time (FindFont); without one the charts are left out with a note.
//
// The package does no database or web work: the store and the web app hand
// it cases, parties and the engine.
package documents
