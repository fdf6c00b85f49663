// Package deid makes the copy of a judgment for publication on the internet
// (文书脱敏), following 最高人民法院关于人民法院在互联网公布裁判文书的规定
// (法释〔2016〕19号), and reports every change it made.
//
// Vocabulary:
//
//   - Party (当事人, and the other people a judgment names: 法定代理人, 委托诉讼代理人,
//     被害人, 证人, 鉴定人): a name, a role (诉讼地位) and a type (自然人, 法人,
//     非法人组织). Parties come from the case data when known; otherwise Find reads
//     them from the document's 当事人 paragraphs.
//   - Setting: Minimum applies the rule as written: 第八条 masks the names of the
//     parties of 婚姻家庭 and 继承 cases, of victims, 附带民事诉讼原告人, witnesses and
//     鉴定人 in criminal cases, of minors, and of their 法定代理人; Strict masks the
//     name of every natural person. Judges, clerks, prosecutors, lawyers and legal
//     persons keep their names in both.
//   - Pseudonym (隐名): 第九条: the surname and 某 (欧阳某 for a compound surname; the
//     first character and 某 for a minority or foreign name written in Chinese; the
//     first letter of a Latin name). When two people would get the same pseudonym the
//     second gets 某某 and the next ones 某甲, 某乙 ... (or 某1, 某2 ... with Numbered).
//   - Deletion (删除): 第十条: for every natural person, the home address below the
//     county level, telephone numbers and other contact details, ID numbers, bank
//     accounts, health information, licence plates and property certificate numbers.
//   - Change: one replacement, with its offset in characters (runes) in the
//     original text, the original, the replacement, its type and the rule.
//
// The package does no I/O: it works on strings and byte slices.
package deid
