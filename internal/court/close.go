package court

// CloseMethod is how a case was closed (结案方式), one canonical value of
// DATA.md's vocabulary; synonyms map to it.
type CloseMethod uint8

// The canonical 结案方式. CloseNone is the value of a pending case.
const (
	CloseNone              CloseMethod = iota
	CloseJudgment                      // 判决
	CloseMediation                     // 调解
	CloseWithdrawal                    // 撤诉
	CloseDismissal                     // 驳回起诉
	CloseTransfer                      // 移送
	CloseTermination                   // 终结
	CloseRejection                     // 不予受理
	CloseUphold                        // 维持
	CloseModify                        // 改判
	CloseRemand                        // 发回重审
	CloseAppealWithdrawn               // 撤回上诉
	CloseSettlement                    // 和解
	CloseExecCompleted                 // 执行完毕
	CloseExecSuspended                 // 终结本次执行程序 (终本)
	CloseExecTerminated                // 终结执行
	CloseNoEnforcement                 // 不予执行
	CloseCancelled                     // 销案
	CloseApplicationDenied             // 驳回申请
	CloseOther                         // 其他
)

var closeNames = [...]string{"", "判决", "调解", "撤诉", "驳回起诉", "移送", "终结", "不予受理", "维持", "改判", "发回重审", "撤回上诉", "和解", "执行完毕", "终结本次执行程序", "终结执行", "不予执行", "销案", "驳回申请", "其他"}

var closeSynonyms = map[string]CloseMethod{
	"准予撤诉": CloseWithdrawal, "撤回起诉": CloseWithdrawal, "准予撤回起诉": CloseWithdrawal,
	"维持原判": CloseUphold, "驳回上诉，维持原判": CloseUphold, "驳回上诉,维持原判": CloseUphold,
	"准予撤回上诉": CloseAppealWithdrawn, "按撤回上诉处理": CloseAppealWithdrawn,
	"终本": CloseExecSuspended, "终结本次执行": CloseExecSuspended,
	"执行和解": CloseSettlement,
	"发回":   CloseRemand, "撤销原判，发回重审": CloseRemand,
}

// String returns the canonical Chinese name.
func (m CloseMethod) String() string {
	if int(m) < len(closeNames) {
		return closeNames[m]
	}
	return "未知"
}

// ParseCloseMethod maps a 结案方式 or one of its synonyms to its canonical value.
func ParseCloseMethod(s string) (CloseMethod, bool) {
	if s == "" {
		return CloseNone, true
	}
	for i, n := range closeNames {
		if i > 0 && s == n {
			return CloseMethod(i), true
		}
	}
	m, ok := closeSynonyms[s]
	return m, ok
}

// CloseMethodNames lists the canonical 结案方式 in order, for messages and forms.
func CloseMethodNames() []string { return append([]string(nil), closeNames[1:]...) }
