// Package court is the shared vocabulary of 质效: courts, departments, people,
// cases and their 案号, dates and periods, and the error kinds every package
// uses. It does no I/O and imports only the standard library.
//
// Vocabulary (see GLOSSARY.md): 案件 Case, 案号 CaseNo, 类型代字 TypeCode,
// 法院代字 CourtCode, 审限 TimeLimit, 结案方式 CloseMethod, 适用程序 Track,
// 承办人 Judge, 合议庭成员 Panel, 原审案号 OriginNo, 执行案款 FundReceipt,
// 诉前调解 Mediation.
package court
