// Package petitions is the rule book of citizens' requests and complaints
// (群众诉求): what a request is, who may see it and its citizen's personal
// data, its deadlines in working days (工作日, counted on a holiday calendar
// kept as data), when it escalates, the one-time notice (一次性告知) of each
// matter, the public tracking code (查询码), the satisfaction survey and the
// monthly bulletin (月通报). It does no I/O: the store keeps requests, the
// web shows them.
//
// Vocabulary: a Petition is one request (诉求), received through a Channel
// (窗口, 12368 热线, 来信, 网上, 院长接待日, 作风监督员) and of a Type (咨询,
// 投诉, 建议, 举报, 信访, 不立案投诉). Its Owner is the first-contact owner
// (首问负责人) until a hand-over (移交) with a reason; its Department is the
// department handling it. It is acknowledged (签收) the day it arrives,
// answered (答复, the feedback to the citizen) within Rules.FeedbackDays
// working days, and closed (办结) with a result; a 投诉 or 举报 is closed
// with a Finding (查实, 部分查实, 不实).
package petitions
