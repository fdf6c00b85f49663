// Package demo builds 示例市, the synthetic city whose courts, people, cases,
// execution-fund receipts (执行案款) and pre-litigation mediations (诉前调解)
// `zhixiao demo`, the tests and the benchmarks run on. It produces the types
// of package court and the import files of DATA.md; it does no storage.
//
// Vocabulary:
//
//   - the window is the period [Config.Start, End] the data set covers; every
//     case filed in it is in the data set;
//   - the warm-up is the three years before the window, simulated so that the
//     cases pending at the start of the window (旧存), their age and the
//     origins of the cases derived from them are what a real export holds;
//     a warm-up case is kept only when it is still pending at the start of
//     the window or when a kept case derives from it;
//   - a derived case is one whose 原审案号 names another case: a 二审 from a
//     一审, a 首次执行 from a judgment, a 执恢 from a 终本 case, a 重审 一审
//     from a 二审 that remanded it, and so on;
//   - a spec is what a case is made of before it is filed: its type, court,
//     department, 案由 and origin.
//
// Everything is drawn from one seeded generator in one order, so a seed
// always gives the same 示例市, and Generate and Stream give the same data.
package demo
