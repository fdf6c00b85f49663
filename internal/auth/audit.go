package auth

import (
	"encoding/json"
	"time"
)

// Action names what an audit entry records.
type Action string

// The actions recorded in the audit log.
const (
	ActionLogin         Action = "login"
	ActionLoginFailed   Action = "login_failed"
	ActionLogout        Action = "logout"
	ActionUserAdd       Action = "user_add"
	ActionUserDisable   Action = "user_disable"
	ActionUserEnable    Action = "user_enable"
	ActionUserPassword  Action = "user_password"
	ActionPasswordOwn   Action = "password_own"
	ActionBandEdit      Action = "band_edit"
	ActionIndicatorEdit Action = "indicator_edit"

	// 群众诉求 (issue 8)
	ActionPetitionAdd    Action = "petition_add"
	ActionPetitionChange Action = "petition_change"
	ActionPetitionSetup  Action = "petition_setup"
	ActionReception      Action = "petition_reception"
	ActionSurvey         Action = "petition_survey"
	ActionReportView     Action = "petition_report_view"
	// 绩效考核 (issue 6).
	ActionAssessmentScheme    Action = "assessment_scheme"
	ActionAssessmentEntry     Action = "assessment_entry"
	ActionAssessmentScores    Action = "assessment_scores"
	ActionAssessmentObjection Action = "assessment_objection"
	ActionAssessmentInterview Action = "assessment_interview"
	ActionTemplateEdit        Action = "template_edit"
	ActionDeid                Action = "deid" // a de-identified copy was made: who, the file's hash and counts, never the content
)

// actionOrder lists the actions in the order the audit page offers them:
// these, then the modules' in the order they register.
var actionOrder = []Action{ActionLogin, ActionLoginFailed, ActionLogout, ActionUserAdd, ActionUserDisable,
	ActionUserEnable, ActionUserPassword, ActionPasswordOwn, ActionBandEdit, ActionIndicatorEdit,
	ActionPetitionAdd, ActionPetitionChange, ActionPetitionSetup, ActionReception, ActionSurvey, ActionReportView, ActionAssessmentScheme, ActionAssessmentEntry, ActionAssessmentScores, ActionAssessmentObjection, ActionAssessmentInterview, ActionTemplateEdit, ActionDeid}

// RegisterAction gives a module's action its Chinese name; call it from an
// init function. Registering an action twice panics.
func RegisterAction(a Action, name string) {
	if _, dup := actionNames[a]; dup {
		panic("auth: action " + string(a) + " registered twice")
	}
	actionNames[a] = name
	actionOrder = append(actionOrder, a)
}

// Actions lists every known action, for the audit page's filter.
func Actions() []Action { return append([]Action(nil), actionOrder...) }

var actionNames = map[Action]string{
	ActionLogin:         "登录",
	ActionLoginFailed:   "登录失败",
	ActionLogout:        "退出登录",
	ActionUserAdd:       "新增账号",
	ActionUserDisable:   "停用账号",
	ActionUserEnable:    "启用账号",
	ActionUserPassword:  "重置密码",
	ActionPasswordOwn:   "修改本人密码",
	ActionBandEdit:      "修改合理区间",
	ActionIndicatorEdit: "修改指标版本",

	ActionPetitionAdd:         "登记群众诉求",
	ActionPetitionChange:      "办理群众诉求",
	ActionPetitionSetup:       "修改诉求设置",
	ActionReception:           "院长接待日",
	ActionSurvey:              "满意度评价",
	ActionReportView:          "查阅举报",
	ActionAssessmentScheme:    "考核方案",
	ActionAssessmentEntry:     "考核加减分与评价",
	ActionAssessmentScores:    "考核结果",
	ActionAssessmentObjection: "考核异议",
	ActionAssessmentInterview: "约谈记录",
	ActionTemplateEdit:        "修改文书模板",
	ActionDeid:                "文书脱敏",
}

// String returns the Chinese name of the action, or the action itself.
func (a Action) String() string {
	if n, ok := actionNames[a]; ok {
		return n
	}
	return string(a)
}

// AuditEntry is one row of the audit log: who did what to which object,
// when, from where, and the object before and after (JSON text, "" when
// there is none).
type AuditEntry struct {
	ID      int64
	At      time.Time
	ActorID int64  // the account, 0 for the command line or an unknown login
	Actor   string // login name, or "命令行（OS 用户）"
	Action  Action
	Object  string // e.g. "账号 zhangsan"
	Before  string
	After   string
	IP      string
}

// AuditQuery selects entries of the audit log, newest first.
type AuditQuery struct {
	Actor  string // login name, "" for all
	Action Action // "" for all
	Offset int
	Limit  int
}

// auditUser is the form of an account in the audit log: never its password.
type auditUser struct {
	Login      string `json:"登录名"`
	Role       string `json:"角色"`
	Court      string `json:"法院,omitempty"`
	Department string `json:"部门,omitempty"`
	Person     string `json:"人员,omitempty"`
	StaffNo    string `json:"工号,omitempty"`
	Disabled   bool   `json:"停用"`
}

// AuditJSON is u as the audit log records it, without any secret.
func (u User) AuditJSON() string {
	b, _ := json.Marshal(auditUser{u.Login, u.Role.String(), u.Court, u.Department, u.Person, u.StaffNo, u.Disabled})
	return string(b)
}
